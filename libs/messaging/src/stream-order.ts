import type { EventEnvelope } from '@campaign/contracts';
import type { PostgresEventStore } from '@campaign/eventstore';
import { envelopeOf } from './envelope';

/** The log itself, for the versions the bus did not deliver (or delivered out of order). */
export interface StreamSource {
  /** A stream's events after `afterVersion`, up to `upTo` (or the end) in version order. */
  readRange(streamId: string, afterVersion: number, upTo: number | null): Promise<EventEnvelope[]>;
}

/** The event store as a consumer's source of missing versions (the same envelopes a rebuild replays). */
export const eventStoreSource = (store: PostgresEventStore): StreamSource => ({
  async readRange(streamId, afterVersion, upTo) {
    const { events } = await store.readStream(streamId, afterVersion);
    return events.filter((event) => upTo === null || event.streamVersion <= upTo).map(envelopeOf);
  },
});

/**
 * A stream version arrived while earlier ones are missing and the log could not supply them.
 * Not a data error: the batch fails and is retried (with back-off, health and metric raised)
 * rather than applied out of order or skipped.
 */
export class VersionGapError extends Error {
  readonly code = 'VERSION_GAP';
  constructor(
    readonly streamId: string,
    readonly expected: number,
    readonly received: number,
  ) {
    super(`stream ${streamId}: version ${received} arrived before ${expected}, which the event store could not supply`);
    this.name = 'VersionGapError';
  }
}

export interface FreshEvents {
  /** What to apply, in order: per stream, each version after the applied one exactly once, without gaps. */
  readonly fresh: EventEnvelope[];
  /** Already applied (a redelivery or a republish). */
  readonly skipped: number;
  /** Missing versions read from the log, placed before the event that revealed the gap. */
  readonly filled: EventEnvelope[];
}

/**
 * What of a batch a consumer that checkpoints per stream must apply, given the last version
 * it applied of each stream. A version past the next one means versions went missing on the
 * way (an event the relay could not publish, a message set aside as undecodable, a publishing
 * fault): they are read from the log and applied first, so a consumer never skips a version.
 */
export const freshInOrder = async (
  events: readonly EventEnvelope[],
  applied: ReadonlyMap<string, number>,
  source: StreamSource | null,
): Promise<FreshEvents> => {
  const reached = new Map(applied);
  const fresh: EventEnvelope[] = [];
  const filled: EventEnvelope[] = [];
  let skipped = 0;
  for (const event of events) {
    const version = reached.get(event.streamId) ?? 0;
    if (event.streamVersion <= version) {
      skipped++;
      continue;
    }
    if (event.streamVersion > version + 1) {
      const missing = await fill(source, event, version);
      fresh.push(...missing);
      filled.push(...missing);
    }
    fresh.push(event);
    reached.set(event.streamId, event.streamVersion);
  }
  return { fresh, skipped, filled };
};

const fill = async (source: StreamSource | null, event: EventEnvelope, version: number): Promise<EventEnvelope[]> => {
  const missing = source ? await source.readRange(event.streamId, version, event.streamVersion - 1) : [];
  const complete = missing.length === event.streamVersion - 1 - version && missing.every((e, i) => e.streamVersion === version + 1 + i);
  if (!complete) throw new VersionGapError(event.streamId, version + 1, event.streamVersion);
  return missing;
};
