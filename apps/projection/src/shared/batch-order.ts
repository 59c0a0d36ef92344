import type { EventEnvelope } from '@campaign/contracts';

/** Where a stream stands in a projection: its last applied version, and what holds it, if anything. */
export interface StreamPosition {
  readonly version: number;
  /** The dead-lettered event the stream waits behind; later events are not applied before it. */
  readonly heldBy: string | null;
}

export const NEW_STREAM: StreamPosition = { version: 0, heldBy: null };

/** The log itself, for the versions the bus did not deliver (or delivered out of order). */
export interface StreamSource {
  /** A stream's events after `afterVersion`, up to `upTo` (or the end) in version order. */
  readRange(streamId: string, afterVersion: number, upTo: number | null): Promise<EventEnvelope[]>;
}

/**
 * A stream version arrived while earlier ones are missing and the log could not supply them.
 * Not a data error: the batch fails and is retried (with back-off, health and metric raised)
 * rather than applied out of order or skipped.
 */
export class VersionGapError extends Error {
  readonly code = 'VERSION_GAP';
  constructor(readonly streamId: string, readonly expected: number, readonly received: number) {
    super(`stream ${streamId}: version ${received} arrived before ${expected}, which the event store could not supply`);
    this.name = 'VersionGapError';
  }
}

export interface OrderedBatch {
  /** What to apply, in order: per stream, each version exactly once and without gaps. */
  readonly fresh: EventEnvelope[];
  /** Already applied (a redelivery or a republish). */
  readonly skipped: number;
  /** Not applied because their stream waits behind a dead letter. */
  readonly held: number;
  /** Missing versions read from the log and applied before the event that revealed the gap. */
  readonly filled: EventEnvelope[];
}

/**
 * Decides what of a batch to apply given each stream's position. A version past the next one
 * means versions went missing on the way (an event the relay could not publish, a message set
 * aside as undecodable, a publishing-order fault): they are read from the log and applied
 * first, so a read model never skips a version. Streams in `release` are being redriven: their
 * hold is lifted for this batch.
 */
export const orderBatch = async (
  events: readonly EventEnvelope[],
  positions: ReadonlyMap<string, StreamPosition>,
  release: ReadonlySet<string>,
  source: StreamSource | null,
): Promise<OrderedBatch> => {
  const reached = new Map<string, number>();
  const fresh: EventEnvelope[] = [];
  const filled: EventEnvelope[] = [];
  let skipped = 0;
  let held = 0;
  for (const event of events) {
    const position = positions.get(event.streamId) ?? NEW_STREAM;
    if (position.heldBy !== null && !release.has(event.streamId)) {
      held++;
      continue;
    }
    const version = reached.get(event.streamId) ?? position.version;
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
  return { fresh, skipped, held, filled };
};

const fill = async (source: StreamSource | null, event: EventEnvelope, version: number): Promise<EventEnvelope[]> => {
  const missing = source ? await source.readRange(event.streamId, version, event.streamVersion - 1) : [];
  const complete = missing.length === event.streamVersion - 1 - version && missing.every((e, i) => e.streamVersion === version + 1 + i);
  if (!complete) throw new VersionGapError(event.streamId, version + 1, event.streamVersion);
  return missing;
};
