import { decodeEvent, type EventEnvelope, topicsFor } from '@campaign/contracts';
import { completeProducer, groupConsumer, type PartitionBatch, rawDeadLetter, runBatchConsumer } from '@campaign/messaging';
import type { HealthRegistry, JsonLogger } from '@campaign/runtime';
import type { Admin, Consumer, Kafka, Message, Producer } from 'kafkajs';
import type { CampaignDirectory, DirectoryEntry } from './ads-ingest.ports';
import { DIRECTORY_EVENT_TYPES, directoryChangeOf } from './directory.events';
import { peekEventType } from './event-type.peek';
import type { DirectoryStore } from './directory.store';

export interface DirectoryOptions {
  readonly topicPrefix: string;
  readonly groupId: string;
  readonly sessionTimeoutMs: number;
  /** How long `caughtUp` waits before it fails. */
  readonly catchUpTimeoutMs?: number;
}

const CATCH_UP_POLL_MS = 50;

/**
 * The directory of registered ad campaigns and connected accounts, kept from `<prefix>ads.events`
 * in the ingest's tables by one consumer group shared by every instance (the tables are shared
 * too). A message that is not an event, or a kept event that cannot be decoded, is set aside on
 * the ads dead-letter topic and never blocks its partition.
 */
export class KafkaCampaignDirectory implements CampaignDirectory {
  private consumer: Consumer | null = null;
  private producer: Producer | null = null;
  private admin: Admin | null = null;
  private readonly topics;

  constructor(
    private readonly kafka: Kafka,
    private readonly store: DirectoryStore,
    private readonly options: DirectoryOptions,
    private readonly health: HealthRegistry,
    private readonly log: JsonLogger,
  ) {
    this.topics = topicsFor('ads', options.topicPrefix);
  }

  async start(): Promise<void> {
    this.producer = completeProducer(this.kafka, { idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false }, this.log);
    await this.producer.connect();
    this.admin = this.kafka.admin();
    await this.admin.connect();
    const { consumer, check } = groupConsumer(this.kafka, { groupId: this.options.groupId, sessionTimeoutMs: this.options.sessionTimeoutMs });
    this.health.register('ads-campaign-directory', check);
    const batches = await runBatchConsumer(consumer, { topics: [this.topics.events], fromBeginning: true, handle: (batch) => this.handle(batch) }, this.log);
    this.health.register('ads-campaign-directory-batches', batches.check);
    this.consumer = consumer;
  }

  async stop(): Promise<void> {
    await this.consumer?.disconnect();
    await this.producer?.disconnect();
    await this.admin?.disconnect();
  }

  entries(campaignIds: readonly string[]): Promise<ReadonlyMap<string, DirectoryEntry>> {
    return this.store.entries(campaignIds);
  }

  campaignsOfOrg(orgId: string): Promise<readonly DirectoryEntry[]> {
    return this.store.campaignsOfOrg(orgId);
  }

  /**
   * Resolves once the group has applied every event on the topic when called: its committed
   * offsets reach the end offsets read now (whichever instance applied them).
   */
  async caughtUp(timeoutMs = this.options.catchUpTimeoutMs ?? 30_000): Promise<void> {
    const admin = this.admin;
    if (!admin) throw new Error('the campaign directory is not started');
    const ends = await admin.fetchTopicOffsets(this.topics.events);
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const [committed] = await admin.fetchOffsets({ groupId: this.options.groupId, topics: [this.topics.events] });
      const at = new Map((committed?.partitions ?? []).map((p) => [p.partition, Number(p.offset)]));
      const behind = ends.filter((end) => Number(end.high) > Number(end.low) && (at.get(end.partition) ?? -1) < Number(end.high));
      if (behind.length === 0) return;
      if (Date.now() > deadline) throw new Error(`the campaign directory is behind on ${behind.length} partition(s) of ${this.topics.events}`);
      await new Promise((resolve) => setTimeout(resolve, CATCH_UP_POLL_MS));
    }
  }

  private async handle({ partition, messages }: PartitionBatch): Promise<void> {
    const events: EventEnvelope[] = [];
    const letters: Message[] = [];
    for (const message of messages) {
      const type = peekEventType(message.value);
      // Events the directory does not keep are not even decoded (a newer type passes by).
      if (type !== null && !DIRECTORY_EVENT_TYPES.has(type)) continue;
      try {
        events.push(decodeEvent(message.value ?? Buffer.alloc(0)));
      } catch (error) {
        letters.push(rawDeadLetter(message, { topic: this.topics.events, partition }, this.options.groupId, (error as Error).message));
      }
    }
    if (letters.length > 0) {
      this.log.error('undecodable ads events set aside to the dead-letter topic', { count: letters.length });
      await this.producer?.send({ topic: this.topics.deadLetter, acks: -1, messages: letters });
    }
    await this.store.apply(events.map(directoryChangeOf).filter((change) => change !== null));
  }
}
