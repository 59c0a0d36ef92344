import type { Consumer, EachBatchPayload, KafkaMessage } from 'kafkajs';
import type { LogSink } from './kafka';

/** One partition's messages handed to a handler at once (a fetch's batch, or the part of it free to run). */
export interface PartitionBatch {
  readonly topic: string;
  readonly partition: number;
  readonly messages: readonly KafkaMessage[];
  /** The partition's end as the fetch saw it (see checkpointOutlived). */
  readonly highWatermark?: string;
}

export interface PipelineOptions {
  /**
   * Messages that must be handled one after the other share a key (a command's stream); a
   * message whose key is null depends on nothing. Default: the Kafka message key.
   */
  readonly orderKey?: (message: KafkaMessage) => string | null;
  /** Messages of one partition taken and not yet handled before its fetching pauses. */
  readonly maxPendingMessages?: number;
}

/** What the pipeline tells its owner about the work it runs (health and metrics). */
export interface PipelineReport {
  readonly succeeded: (batch: PartitionBatch) => void;
  /** `stopped`: a code bug, not retried; the partition holds until the process restarts. */
  readonly failed: (batch: PartitionBatch, error: Error, stopped: boolean) => void;
}

/**
 * A backlog (a door back after downtime) would otherwise be taken in whole, fetch after fetch:
 * this bounds the messages, and the work on them, one partition holds in memory at once.
 */
const DEFAULT_MAX_PENDING = 1_000;
const FIRST_RETRY_MS = 200;
const LAST_RETRY_MS = 10_000;

/** Errors no retry can mend: the code is wrong. The partition stops instead of skipping. */
const isCodeBug = (error: unknown): boolean =>
  error instanceof TypeError || error instanceof RangeError || error instanceof ReferenceError || error instanceof SyntaxError;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** A fetched batch, by the offset after its last message: committed once every part of it is done. */
interface Span {
  readonly end: bigint;
  open: number;
}

/** Messages of a fetched batch run as one unit of work, with the order keys they hold. */
interface Piece {
  readonly messages: KafkaMessage[];
  readonly keys: Set<string>;
}

/** One partition's pipeline in this member. */
interface Lane {
  readonly topic: string;
  readonly partition: number;
  /** Moves on when the partition leaves this member: work of an earlier generation is not started or retried. */
  generation: number;
  /** The offset after the last message taken (a rejoin fetches again from the committed one). */
  next: bigint | null;
  /** Per order key, the last work that holds it. */
  readonly tails: Map<string, Promise<boolean>>;
  pending: number;
  spans: Span[];
  paused: boolean;
  /** The offset to commit next, and the commit on its way (one at a time; the latest wins). */
  committable: bigint | null;
  committing: Promise<void> | null;
}

/**
 * Handles a partition's messages as they arrive instead of one fetch at a time. KafkaJS fetches
 * again only when every batch of its last fetch is handled, so a message arriving meanwhile
 * waited for the slowest partition's batch and then for a fetch of its own. Here a fetched
 * batch is taken at once: its messages whose order key no earlier work holds run now, the
 * others after that work; offsets are committed only up to the first batch not wholly done, so
 * a crash or a rebalance redelivers (handlers are idempotent) and never skips. A failure is
 * retried with back-off; a code bug holds the partition and is reported.
 */
export class PartitionPipeline {
  private readonly lanes = new Map<string, Lane>();
  private readonly running = new Set<Promise<boolean>>();
  private stopping = false;
  private readonly orderKey: (message: KafkaMessage) => string | null;
  private readonly maxPending: number;

  constructor(
    private readonly consumer: Consumer,
    options: PipelineOptions,
    private readonly handle: (batch: PartitionBatch) => Promise<void>,
    private readonly report: PipelineReport,
    private readonly log: LogSink,
  ) {
    this.orderKey = options.orderKey ?? ((message) => message.key?.toString() ?? null);
    this.maxPending = options.maxPendingMessages ?? DEFAULT_MAX_PENDING;
  }

  /** KafkaJS's eachBatch: takes the batch into its partition's lane and returns at once. */
  take(payload: EachBatchPayload): void {
    const { batch } = payload;
    const lane = this.laneOf(batch.topic, batch.partition);
    const from = lane.next;
    const fresh = from === null ? batch.messages : batch.messages.filter((message) => BigInt(message.offset) >= from);
    payload.resolveOffset(batch.lastOffset());
    if (fresh.length === 0) return;
    const span: Span = { end: BigInt(batch.lastOffset()) + 1n, open: 0 };
    lane.next = span.end;
    lane.spans.push(span);
    const free: Piece = { messages: [], keys: new Set() };
    const held: Piece = { messages: [], keys: new Set() };
    const waits = new Set<Promise<boolean>>();
    for (const message of fresh) {
      const key = this.orderKey(message);
      const tail = key === null ? undefined : lane.tails.get(key);
      if (tail) waits.add(tail);
      const piece = tail ? held : free;
      piece.messages.push(message);
      if (key !== null) piece.keys.add(key);
    }
    this.start(lane, span, free, []);
    this.start(lane, span, held, [...waits]);
    if (lane.pending >= this.maxPending && !lane.paused) {
      lane.paused = true;
      this.consumer.pause([{ topic: lane.topic, partitions: [lane.partition] }]);
    }
  }

  /** The partitions this member holds after a (re)join: the others' lanes start over. */
  assigned(keys: ReadonlySet<string>): void {
    for (const [key, lane] of this.lanes) {
      if (keys.has(key)) continue;
      lane.generation += 1;
      lane.next = null;
      lane.spans = [];
      if (lane.paused) this.consumer.resume([{ topic: lane.topic, partitions: [lane.partition] }]);
      lane.paused = false;
    }
  }

  /** Lets the running work end (nothing new starts, nothing is retried) and its offsets be committed. */
  async stop(): Promise<void> {
    this.stopping = true;
    while (this.running.size > 0) await Promise.all([...this.running]);
    await Promise.all([...this.lanes.values()].map((lane) => lane.committing));
  }

  private laneOf(topic: string, partition: number): Lane {
    const key = `${topic}:${partition}`;
    let lane = this.lanes.get(key);
    if (!lane) {
      lane = { topic, partition, generation: 0, next: null, tails: new Map(), pending: 0, spans: [], paused: false, committable: null, committing: null };
      this.lanes.set(key, lane);
    }
    return lane;
  }

  private start(lane: Lane, span: Span, piece: Piece, after: Promise<boolean>[]): void {
    const { messages, keys } = piece;
    if (messages.length === 0) return;
    span.open += 1;
    lane.pending += messages.length;
    const batch: PartitionBatch = { topic: lane.topic, partition: lane.partition, messages };
    const generation = lane.generation;
    const work: Promise<boolean> = Promise.all(after)
      .then(() => this.untilDone(lane, generation, batch))
      .then((done) => {
        this.settle(lane, span, piece, work, done);
        return done;
      });
    this.running.add(work);
    for (const key of keys) lane.tails.set(key, work);
  }

  /** True once handled; false when left to a redelivery (stopping, the partition gone, a code bug). */
  private async untilDone(lane: Lane, generation: number, batch: PartitionBatch): Promise<boolean> {
    let waitMs = FIRST_RETRY_MS;
    while (this.current(lane, generation)) {
      try {
        await this.handle(batch);
        this.report.succeeded(batch);
        return true;
      } catch (error) {
        const stopped = isCodeBug(error);
        this.report.failed(batch, error as Error, stopped);
        // A code bug: the work behind it waits until the process stops or loses the partition.
        if (stopped) while (this.current(lane, generation)) await sleep(1_000);
        else await sleep(waitMs);
        waitMs = Math.min(waitMs * 2, LAST_RETRY_MS);
      }
    }
    return false;
  }

  private current(lane: Lane, generation: number): boolean {
    return !this.stopping && lane.generation === generation;
  }

  /** Work that was not done keeps its batch open, so no offset is committed past it. */
  private settle(lane: Lane, span: Span, { messages, keys }: Piece, work: Promise<boolean>, done: boolean): void {
    this.running.delete(work);
    lane.pending -= messages.length;
    for (const key of keys) if (lane.tails.get(key) === work) lane.tails.delete(key);
    if (done) span.open -= 1;
    const finished = lane.spans.findIndex((pending) => pending.open > 0);
    const through = finished === -1 ? lane.spans.length : finished;
    if (through > 0) this.commit(lane, lane.spans[through - 1].end);
    lane.spans = lane.spans.slice(through);
    if (lane.paused && lane.pending < this.maxPending / 2) {
      lane.paused = false;
      this.consumer.resume([{ topic: lane.topic, partitions: [lane.partition] }]);
    }
  }

  private commit(lane: Lane, offset: bigint): void {
    lane.committable = offset;
    if (lane.committing === null) lane.committing = this.commitLatest(lane);
  }

  private async commitLatest(lane: Lane): Promise<void> {
    const { topic, partition } = lane;
    while (lane.committable !== null) {
      const offset = lane.committable.toString();
      lane.committable = null;
      try {
        await this.consumer.commitOffsets([{ topic, partition, offset }]);
      } catch (error) {
        this.log.warn('offset commit failed; the messages after it may come again', { topic, partition, offset, error: (error as Error).message });
      }
    }
    lane.committing = null;
  }
}
