import type { LogPosition, PostgresEventStore, StoredEvent } from '@campaign/eventstore';
import { LOG_START } from '@campaign/eventstore';
import { partitionKeyOf } from '@campaign/contracts';
import type { IHeaders, Message, Producer, TopicMessages } from 'kafkajs';
import type { Pool, PoolClient } from 'pg';
import { eventPointerDeadLetter } from './dead-letter';
import type { LogSink } from './kafka';
import { Wakeup } from './wakeup';

export interface RelayOptions {
  /** Names the checkpoint and the leadership lock; one active relay per name. */
  readonly name: string;
  readonly topicOf: (event: StoredEvent) => string;
  readonly deadLetterTopicOf: (event: StoredEvent) => string;
  /** Serializes an event for the wire; a throw sends the event to the dead-letter topic. */
  readonly encode: (event: StoredEvent) => Buffer;
  readonly batchSize?: number;
  /**
   * Bytes one produce request may carry. KafkaJS sends each partition's messages as one record
   * batch and does not split it at the broker's `message.max.bytes` (1 MiB by default), so the
   * relay does: a batch is sent in chunks under this size, in order.
   */
  readonly maxRequestBytes?: number;
  /**
   * Longest sleep when nothing is pending. Appends made in this process wake the relay at
   * once; appends made by other processes are found by this poll.
   */
  readonly idlePollMs?: number;
  readonly onPublished?: (events: readonly StoredEvent[], deadLettered: number) => void;
  /**
   * How long a leader may go unheard before PostgreSQL ends its session and another relay
   * takes over: a frozen leader (SIGSTOP, a long GC, a hung host) cannot hold publishing.
   */
  readonly leaseMs?: number;
}

export interface RelayStatus {
  readonly leader: boolean;
  readonly checkpoint: LogPosition;
  readonly published: number;
  readonly lastPublishedAt: string | null;
  readonly lastError: string | null;
}

/** A frozen leader loses publishing after this long. */
const DEFAULT_LEASE_MS = 10_000;

/** Under the broker's default `message.max.bytes` (1,048,588) with room for batch overhead. */
const DEFAULT_MAX_REQUEST_BYTES = 900_000;
/** Per-record framing in a Kafka record batch, generously: lengths, offsets, timestamps. */
const RECORD_OVERHEAD = 64;

interface Outgoing {
  readonly event: StoredEvent;
  readonly topic: string;
  readonly message: Message;
  readonly bytes: number;
  readonly deadLettered: boolean;
}

const sizeOf = (key: string, value: Buffer, headers: IHeaders): number =>
  RECORD_OVERHEAD + Buffer.byteLength(key) + value.length + Object.entries(headers).reduce((n, [k, v]) => n + k.length + String(v).length, 0);

/** Consecutive runs of messages whose sizes add up to at most `maxBytes` (a larger one goes alone). */
export const chunksOf = <T extends { bytes: number }>(items: readonly T[], maxBytes: number): T[][] => {
  const chunks: T[][] = [];
  let current: T[] = [];
  let size = 0;
  for (const item of items) {
    if (current.length > 0 && size + item.bytes > maxBytes) {
      chunks.push(current);
      current = [];
      size = 0;
    }
    current.push(item);
    size += item.bytes;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
};

const byTopic = (chunk: readonly Outgoing[]): TopicMessages[] => {
  const topics = new Map<string, Message[]>();
  for (const { topic, message } of chunk) {
    const messages = topics.get(topic);
    if (messages) messages.push(message);
    else topics.set(topic, [message]);
  }
  return [...topics].map(([topic, messages]) => ({ topic, messages }));
};

/**
 * Publishes the event store's log to Kafka in commit order, at least once. Only one relay per
 * name is active (a session advisory lock); the checkpoint advances only after the broker
 * acknowledged the batch with acks=-1, so a crash republishes rather than loses.
 */
export class OutboxRelay {
  private running = false;
  private loop: Promise<void> | null = null;
  private leaderClient: PoolClient | null = null;
  private heartbeat: NodeJS.Timeout | null = null;
  private lastHeard = 0;
  private readonly wakeup = new Wakeup();
  private unsavedCheckpoint: LogPosition | null = null;
  private checkpointWrite: Promise<void> | null = null;
  private unsubscribe: () => void = () => undefined;
  private status: RelayStatus = { leader: false, checkpoint: LOG_START, published: 0, lastPublishedAt: null, lastError: null };

  constructor(
    private readonly store: PostgresEventStore,
    private readonly pool: Pool,
    private readonly producer: Producer,
    private readonly options: RelayOptions,
    private readonly log: LogSink,
  ) {}

  get state(): RelayStatus {
    return this.status;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.unsubscribe = this.store.onAppended(() => this.wakeup.wake());
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.unsubscribe();
    this.wakeup.wake();
    await this.loop;
    await this.releaseLeadership();
  }

  /** Pending events beyond the checkpoint, committed or not yet visible. */
  async lag(): Promise<number> {
    return this.store.countAfter(this.status.checkpoint);
  }

  private async run(): Promise<void> {
    let backoffMs = 1;
    while (this.running) {
      try {
        if (!(await this.ensureLeadership())) {
          // The database answered: an earlier failure is over (a follower that saw PostgreSQL
          // restart must not stay unhealthy until it happens to lead).
          this.recovered();
          await this.wakeup.sleep(1_000);
          continue;
        }
        const published = await this.publishNextBatch();
        this.recovered();
        if (published > 0) {
          backoffMs = 1;
          continue;
        }
        // A wake-up comes right after a commit, but the event is readable only once every
        // older transaction has finished: re-check quickly, then back off to the idle poll.
        const woken = await this.wakeup.sleep(backoffMs);
        backoffMs = woken ? 1 : Math.min(backoffMs * 2, this.options.idlePollMs ?? 250);
      } catch (error) {
        this.status = { ...this.status, lastError: (error as Error).message };
        this.log.error('outbox relay failed; retrying', { relay: this.options.name, error: (error as Error).message });
        await this.releaseLeadership();
        await this.wakeup.sleep(Math.min((backoffMs = Math.max(backoffMs * 2, 100)), 5_000));
      }
    }
  }

  private recovered(): void {
    if (this.status.lastError !== null) this.status = { ...this.status, lastError: null };
  }

  private async publishNextBatch(): Promise<number> {
    const batch = await this.store.readCommitted(this.status.checkpoint, this.options.batchSize ?? 500);
    if (batch.length === 0) return 0;
    const outgoing = batch.map((event) => this.toOutgoing(event));
    // Chunks go one after another, each acknowledged before the next, so a stream's order holds.
    for (const chunk of chunksOf(outgoing, this.options.maxRequestBytes ?? DEFAULT_MAX_REQUEST_BYTES)) {
      await this.producer.sendBatch({ topicMessages: byTopic(chunk), acks: -1 });
      const last = chunk[chunk.length - 1].event;
      const checkpoint = { transactionId: last.transactionId, globalPosition: last.globalPosition };
      this.persistCheckpoint(checkpoint);
      this.status = {
        ...this.status,
        checkpoint,
        published: this.status.published + chunk.length,
        lastPublishedAt: new Date().toISOString(),
        lastError: null,
      };
      this.options.onPublished?.(
        chunk.map((o) => o.event),
        chunk.filter((o) => o.deadLettered).length,
      );
    }
    return batch.length;
  }

  /** The event's message, or — when it cannot be encoded or can never fit a request — its dead letter. */
  private toOutgoing(event: StoredEvent): Outgoing {
    const headers: IHeaders = { 'event-id': event.eventId, 'event-type': event.type, 'stream-version': String(event.streamVersion) };
    const key = partitionKeyOf(event.streamId);
    let failure: string;
    try {
      const value = this.options.encode(event);
      const bytes = sizeOf(key, value, headers);
      if (bytes <= (this.options.maxRequestBytes ?? DEFAULT_MAX_REQUEST_BYTES)) {
        return { event, topic: this.options.topicOf(event), message: { key, value, headers }, bytes, deadLettered: false };
      }
      failure = `the encoded event has ${bytes} bytes, more than one request may carry`;
    } catch (error) {
      failure = (error as Error).message;
    }
    this.log.error('event cannot be published; sent to dead letter', { eventId: event.eventId, error: failure });
    // The event stays in the store; the dead letter names it (not its data, which may be the problem).
    const pointer = { eventId: event.eventId, streamId: event.streamId, streamVersion: event.streamVersion, type: event.type, context: event.context };
    const message = eventPointerDeadLetter(key, pointer, `outbox-relay:${this.options.name}`, failure, headers);
    const bytes = sizeOf(key, message.value as Buffer, message.headers ?? {});
    return { event, topic: this.options.deadLetterTopicOf(event), message, bytes, deadLettered: true };
  }

  /**
   * Stores an acknowledged position without holding up the next batch: the relay reads on from
   * its position in memory while the write runs, and writes queued meanwhile collapse into the
   * latest. A position is only ever stored after the broker acknowledged it, so a crash before
   * the write lands republishes (at least once), never skips.
   */
  private persistCheckpoint(checkpoint: LogPosition): void {
    this.unsavedCheckpoint = checkpoint;
    if (this.checkpointWrite) return;
    this.checkpointWrite = (async () => {
      let position: LogPosition | null;
      while ((position = this.unsavedCheckpoint) !== null) {
        this.unsavedCheckpoint = null;
        try {
          await this.store.saveCheckpoint(this.options.name, position);
        } catch (error) {
          // Kept for the next batch or for stop(); until then a restart republishes a little more.
          this.unsavedCheckpoint ??= position;
          this.log.warn('relay checkpoint not saved; will retry', { relay: this.options.name, error: (error as Error).message });
          break;
        }
      }
      this.checkpointWrite = null;
    })();
  }

  private async flushCheckpoint(): Promise<void> {
    await this.checkpointWrite;
    if (this.unsavedCheckpoint) this.persistCheckpoint(this.unsavedCheckpoint);
    await this.checkpointWrite;
  }

  /**
   * Leadership is a transaction-scoped advisory lock in a transaction the leader keeps alive
   * with a heartbeat, under `idle_in_transaction_session_timeout` = the lease: if the leader
   * stops being heard, PostgreSQL ends its session and the lock goes with it. The transaction
   * writes nothing, so it has no xid and holds back no snapshot. A leader that has not heard
   * its own heartbeat within half the lease steps down before publishing again.
   */
  private async ensureLeadership(): Promise<boolean> {
    const leaseMs = this.options.leaseMs ?? DEFAULT_LEASE_MS;
    if (this.leaderClient && Date.now() - this.lastHeard < leaseMs / 2) return true;
    if (this.leaderClient) {
      this.log.warn('relay leadership lease not renewed in time; stepping down', { relay: this.options.name });
      await this.releaseLeadership();
    }
    const client = await this.pool.connect();
    let locked = false;
    try {
      await client.query('BEGIN');
      const { rows } = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_xact_lock(hashtext($1)) AS locked', [
        `outbox-relay:${this.store.schema}:${this.options.name}`,
      ]);
      locked = rows[0].locked;
      if (locked) await client.query(`SET LOCAL idle_in_transaction_session_timeout = ${Math.ceil(leaseMs)}`);
      else await client.query('ROLLBACK');
    } catch (error) {
      client.release(true);
      throw error;
    }
    if (!locked) {
      client.release();
      return false;
    }
    // Listened to only while it carries the lease (pooled clients are reused: one listener per try would pile up).
    client.on('error', this.onLeaderConnectionError);
    this.leaderClient = client;
    this.lastHeard = Date.now();
    this.heartbeat = setInterval(() => void this.beat(client), leaseMs / 5);
    const checkpoint = (await this.store.loadCheckpoint(this.options.name)) ?? LOG_START;
    this.status = { ...this.status, leader: true, checkpoint };
    this.log.log('outbox relay is the leader', { relay: this.options.name, checkpoint });
    return true;
  }

  private readonly onLeaderConnectionError = (error: Error): void => {
    this.log.warn('relay leadership connection lost', { error: error.message });
    void this.releaseLeadership();
  };

  private async beat(client: PoolClient): Promise<void> {
    try {
      await client.query('SELECT 1');
      if (this.leaderClient === client) this.lastHeard = Date.now();
    } catch (error) {
      this.log.warn('relay leadership heartbeat failed', { relay: this.options.name, error: (error as Error).message });
      if (this.leaderClient === client) await this.releaseLeadership();
    }
  }

  private async releaseLeadership(): Promise<void> {
    const client = this.leaderClient;
    this.leaderClient = null;
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.heartbeat = null;
    this.status = { ...this.status, leader: false };
    // The acknowledged position is stored before the lock goes, so the next leader starts there.
    await this.flushCheckpoint().catch(() => undefined);
    if (!client) return;
    client.removeListener('error', this.onLeaderConnectionError);
    // Destroying the connection ends the leadership transaction and its lock with it.
    client.release(true);
  }
}
