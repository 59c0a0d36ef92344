import type { EventEnvelope } from '@campaign/contracts';
import { freshInOrder, type StreamSource } from '@campaign/messaging';

/** Where a stream stands in a projection: its last applied version, and what holds it, if anything. */
export interface StreamPosition {
  readonly version: number;
  /** The dead-lettered event the stream waits behind; later events are not applied before it. */
  readonly heldBy: string | null;
}

export const NEW_STREAM: StreamPosition = { version: 0, heldBy: null };

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
 * Decides what of a batch to apply given each stream's position: nothing of a stream held
 * behind a dead letter, and of the others each new version in order, missing ones read from
 * the log (see freshInOrder). Streams in `release` are being redriven: their hold is lifted.
 */
export const orderBatch = async (
  events: readonly EventEnvelope[],
  positions: ReadonlyMap<string, StreamPosition>,
  release: ReadonlySet<string>,
  source: StreamSource | null,
): Promise<OrderedBatch> => {
  const isHeld = (event: EventEnvelope) => (positions.get(event.streamId)?.heldBy ?? null) !== null && !release.has(event.streamId);
  const versions = new Map([...positions].map(([stream, position]) => [stream, position.version]));
  const { fresh, skipped, filled } = await freshInOrder(
    events.filter((event) => !isHeld(event)),
    versions,
    source,
  );
  return { fresh, skipped, held: events.filter(isHeld).length, filled };
};
