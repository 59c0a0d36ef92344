import type { StoredEvent } from './types';

/** What the cache holds of a stream: its events from version 1 on, with no gap. */
export interface CachedStream {
  readonly events: readonly StoredEvent[];
  readonly version: number;
}

/**
 * The streams commands read lately, kept in memory so that a load asks PostgreSQL only for the
 * events after the version it holds. Events are immutable and a stream's versions have no gap,
 * so a cached prefix is always true; the database still answers every load, so another writer's
 * appends are seen at once. Bounded by events held, least recently read out first. A stream
 * with an event the `cacheable` test refuses (a legacy event still holding personal data in
 * clear, which the sealer rewrites in place) is not kept. Entries are never mutated: a longer
 * stream replaces its entry.
 */
export class StreamCache {
  private readonly streams = new Map<string, CachedStream>();
  private held = 0;

  constructor(
    /** The most events held at once; 0 keeps none. */
    private readonly maxEvents: number,
    private readonly cacheable: (event: StoredEvent) => boolean = () => true,
  ) {
    if (!Number.isInteger(maxEvents) || maxEvents < 0) throw new RangeError(`maxEvents must be a whole number ≥ 0, not ${maxEvents}`);
  }

  /** The stream as held, if it is; reading it makes it the most recently used. */
  get(streamId: string): CachedStream | undefined {
    const entry = this.streams.get(streamId);
    if (entry) {
      this.streams.delete(streamId);
      this.streams.set(streamId, entry);
    }
    return entry;
  }

  /**
   * The stream as loaded: `base` (what the cache held when the load was asked, if anything)
   * followed by the events read after it. Keeps the result when it is the longest seen.
   */
  merge(streamId: string, base: CachedStream | undefined, fresh: readonly StoredEvent[]): StoredEvent[] {
    const events = base ? [...base.events, ...fresh] : [...fresh];
    // What the cache held passed the test already.
    if (events.length > 0 && fresh.every((event) => this.cacheable(event))) this.keep(streamId, events);
    return events;
  }

  /** How many events are held (for metrics and tests). */
  get size(): number {
    return this.held;
  }

  private keep(streamId: string, events: StoredEvent[]): void {
    if (events.length > this.maxEvents) return;
    const version = events[events.length - 1].streamVersion;
    const current = this.streams.get(streamId);
    if (current && current.version >= version) return;
    if (current) this.held -= current.events.length;
    this.streams.delete(streamId);
    this.streams.set(streamId, { events, version });
    this.held += events.length;
    for (const [id, entry] of this.streams) {
      if (this.held <= this.maxEvents) break;
      this.streams.delete(id);
      this.held -= entry.events.length;
    }
  }
}
