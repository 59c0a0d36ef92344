import { partitionKeyOf, topicsFor } from '@campaign/contracts';
import { migrateInTransaction, type PostgresEventStore, quoteIdent, type StoredEvent } from '@campaign/eventstore';
import type { Kafka, KafkaMessage, Message, Producer } from 'kafkajs';
import type { Pool } from 'pg';
import { originalHeaders, REDRIVEN_FROM_HEADER } from './dead-letter';
import { type DeadLetterEntry, readDeadLetters } from './dead-letter-reader';

export interface RedriverOptions {
  /** The schema the redrive progress is kept in (the event store's: its owner runs redrives). */
  readonly schema: string;
  readonly topicPrefix: string;
  readonly contexts: readonly string[];
  /** Serializes a stored event as the relay does. */
  readonly encode: (event: StoredEvent) => Buffer;
  /**
   * Why a command letter would fail again if republished now (its signed token has expired,
   * or no longer verifies), or null. Such a letter is reported as still failing and stays
   * pending, not republished: its sender has to send the command again.
   */
  readonly commandProblem?: (message: KafkaMessage) => Promise<string | null>;
}

export type RedriveErrorCode = 'UNKNOWN_CONTEXT' | 'UNKNOWN_OFFSETS';

export class DeadLetterRedriveError extends Error {
  constructor(
    readonly code: RedriveErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** A letter as listed: what it is, where it came from, why it was set aside. */
export type ListedLetter = Omit<DeadLetterEntry, 'message'> & { readonly key: string | null; readonly redrivenAt: string | null };

export interface LetterOutcome {
  readonly offset: string;
  readonly kind: DeadLetterEntry['kind'];
  readonly outcome: 'redriven' | 'already-redriven' | 'still-failing';
  readonly topic?: string;
  readonly reason?: { readonly code: string; readonly message: string };
}

type Attempt = { readonly topic: string; readonly message: Message } | { readonly code: string; readonly message: string };

/**
 * Redrives a context's dead letters after a fix. Raw letters are republished byte for byte
 * (key, value and their original headers, such as a command's signed token) to the topic and
 * partition they were read from; event pointers are read again from the event store and
 * published to the context's events topic under the key the relay uses. Consumers are
 * idempotent (commands by id, events by stream version), so a letter whose message was since
 * applied changes nothing.
 *
 * Progress is a table, not a consumer group's offset: an operator may redrive chosen offsets
 * in any order (6 before 5), which one committed offset cannot say; each row also says when
 * and where the letter went. A row is written right after the broker acknowledged the
 * republish, so a crash between the two republishes once more — at least once, never lost.
 * One redrive per context runs at a time (an advisory lock), so two operators never both
 * republish a letter.
 */
export class DeadLetterRedriver {
  private readonly table: string;

  constructor(
    private readonly kafka: Kafka,
    private readonly producer: Pick<Producer, 'send'>,
    private readonly pool: Pool,
    private readonly store: PostgresEventStore,
    private readonly options: RedriverOptions,
  ) {
    this.table = `${quoteIdent(options.schema)}.dead_letter_redrives`;
  }

  async migrate(): Promise<void> {
    await migrateInTransaction(this.pool, async (client) => {
      await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`migrate:${this.table}`]);
      await client.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(this.options.schema)}`);
      await client.query(
        `CREATE TABLE IF NOT EXISTS ${this.table} (
           topic TEXT NOT NULL, partition INTEGER NOT NULL, "offset" BIGINT NOT NULL,
           republished_to TEXT NOT NULL, redriven_at TIMESTAMPTZ NOT NULL DEFAULT now(),
           PRIMARY KEY (topic, partition, "offset"))`,
      );
    });
  }

  /** The context's letters not yet redriven (with `all`, the redriven ones too), oldest first. */
  async list(context: string, all = false): Promise<ListedLetter[]> {
    const topic = this.topicsOf(context).deadLetter;
    const [letters, done] = await Promise.all([readDeadLetters(this.kafka, topic), this.redriven(topic)]);
    return letters
      .map(({ message, ...letter }) => ({
        ...letter,
        key: message.key?.toString() ?? null,
        redrivenAt: done.get(`${letter.partition}:${letter.offset}`) ?? null,
      }))
      .filter((letter) => all || letter.redrivenAt === null);
  }

  /** Redrives every pending letter of the context, or those at `offsets` (of partition 0, the only one). */
  async redrive(context: string, offsets?: readonly string[]): Promise<LetterOutcome[]> {
    const topic = this.topicsOf(context).deadLetter;
    const client = await this.pool.connect();
    try {
      await client.query('SELECT pg_advisory_lock(hashtext($1))', [`dead-letter-redrive:${this.table}:${topic}`]);
      const [letters, done] = await Promise.all([readDeadLetters(this.kafka, topic), this.redriven(topic)]);
      const chosen = this.choose(letters, offsets);
      const outcomes: LetterOutcome[] = [];
      for (const letter of chosen) {
        const redrivenAt = done.get(`${letter.partition}:${letter.offset}`);
        outcomes.push(redrivenAt ? { offset: letter.offset, kind: letter.kind, outcome: 'already-redriven' } : await this.redriveOne(context, topic, letter));
      }
      return outcomes;
    } finally {
      await client.query('SELECT pg_advisory_unlock_all()').catch(() => undefined);
      client.release();
    }
  }

  private choose(letters: readonly DeadLetterEntry[], offsets: readonly string[] | undefined): DeadLetterEntry[] {
    if (offsets === undefined) return [...letters];
    const byOffset = new Map(letters.map((letter) => [letter.offset, letter]));
    const unknown = offsets.filter((offset) => !byOffset.has(offset));
    if (unknown.length > 0) throw new DeadLetterRedriveError('UNKNOWN_OFFSETS', `no dead letter at offset ${unknown.join(', ')}`);
    return [...new Set(offsets)].map((offset) => byOffset.get(offset) as DeadLetterEntry);
  }

  private async redriveOne(context: string, deadLetterTopic: string, letter: DeadLetterEntry): Promise<LetterOutcome> {
    const attempt =
      letter.kind === 'raw' ? await this.republishing(context, letter) : letter.kind === 'event-pointer' ? await this.reading(context, letter) : NO_DESCRIPTION;
    const base = { offset: letter.offset, kind: letter.kind };
    if ('code' in attempt) return { ...base, outcome: 'still-failing', reason: attempt };
    const from = `${deadLetterTopic}:${letter.partition}:${letter.offset}`;
    const message = { ...attempt.message, headers: { ...attempt.message.headers, [REDRIVEN_FROM_HEADER]: from } };
    await this.producer.send({ topic: attempt.topic, acks: -1, messages: [message] });
    await this.pool.query(`INSERT INTO ${this.table} (topic, partition, "offset", republished_to) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`, [
      deadLetterTopic,
      letter.partition,
      letter.offset,
      attempt.topic,
    ]);
    return { ...base, outcome: 'redriven', topic: attempt.topic };
  }

  /** The raw message back to where it was read; only to this context's own commands or events. */
  private async republishing(context: string, letter: DeadLetterEntry): Promise<Attempt> {
    const topics = this.topicsOf(context);
    const origin = letter.origin;
    if (!origin) return { code: 'NO_ORIGIN', message: 'the letter does not say which topic it was read from' };
    if (origin.topic !== topics.commands && origin.topic !== topics.events)
      return { code: 'FOREIGN_ORIGIN', message: `${origin.topic} is not a topic of ${context}` };
    const problem = origin.topic === topics.commands ? await this.options.commandProblem?.(letter.message) : null;
    if (problem) return { code: 'COMMAND_WOULD_FAIL', message: problem };
    const { key, value, headers } = letter.message;
    const partition = origin.partition !== null && origin.partition >= 0 ? { partition: origin.partition } : {};
    return { topic: origin.topic, message: { key, value, headers: originalHeaders(headers), ...partition } };
  }

  /** The event the letter names, read again from the store and encoded as the relay would. */
  private async reading(context: string, letter: DeadLetterEntry): Promise<Attempt> {
    const pointer = parsePointer(letter.message.value);
    if (!letter.eventId || !pointer) return { code: 'NO_POINTER', message: 'the letter names no stream and version to read the event from' };
    const { events } = await this.store.readStream(pointer.streamId, Math.max(0, pointer.streamVersion - 1));
    const event = events.find((e) => e.eventId === letter.eventId);
    if (!event) return { code: 'EVENT_NOT_FOUND', message: `event ${letter.eventId} is not at ${pointer.streamId} version ${pointer.streamVersion}` };
    let value: Buffer;
    try {
      value = this.options.encode(event);
    } catch (error) {
      return { code: 'UNENCODABLE', message: (error as Error).message };
    }
    const headers = { 'event-id': event.eventId, 'event-type': event.type, 'stream-version': String(event.streamVersion) };
    return { topic: this.topicsOf(context).events, message: { key: partitionKeyOf(event.streamId), value, headers } };
  }

  private topicsOf(context: string) {
    if (!this.options.contexts.includes(context)) throw new DeadLetterRedriveError('UNKNOWN_CONTEXT', `context is one of ${this.options.contexts.join(', ')}`);
    return topicsFor(context, this.options.topicPrefix);
  }

  private async redriven(topic: string): Promise<Map<string, string>> {
    const { rows } = await this.pool.query<{ key: string; at: Date }>(
      `SELECT partition || ':' || "offset" AS key, redriven_at AS at FROM ${this.table} WHERE topic = $1`,
      [topic],
    );
    return new Map(rows.map((row) => [row.key, row.at.toISOString()]));
  }
}

const NO_DESCRIPTION: Attempt = { code: 'NO_DESCRIPTION', message: 'the letter predates self-describing letters: it names neither origin nor event' };

/** The stream and version a pointer (the relay's) or a set-aside event (the projection's) names. */
const parsePointer = (value: Buffer | null): { streamId: string; streamVersion: number } | null => {
  try {
    const parsed = JSON.parse(value?.toString() ?? '') as { streamId?: unknown; streamVersion?: unknown };
    return typeof parsed.streamId === 'string' && Number.isInteger(parsed.streamVersion)
      ? { streamId: parsed.streamId, streamVersion: parsed.streamVersion as number }
      : null;
  } catch {
    return null;
  }
};
