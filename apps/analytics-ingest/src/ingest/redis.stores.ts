import type Redis from 'ioredis';
import { COUNTER_NAMES, type CounterName, type Dedupe } from './facts';

/**
 * "Seen before?" marks in Redis: SET NX with a TTL claims a fact for this request. A claim is
 * released when the fact could not be delivered, so the provider's retry is not mistaken for a
 * duplicate of something that never happened.
 */
export class DedupeStore {
  constructor(private readonly redis: Redis, private readonly prefix: string) {}

  /** True when this call is the first to see the fact within its TTL. */
  async claim(dedupe: Dedupe): Promise<boolean> {
    const set = await this.redis.set(`${this.prefix}dedupe:${dedupe.key}`, dedupe.commandId, 'EX', dedupe.ttlSeconds, 'NX');
    return set === 'OK';
  }

  async release(dedupe: Dedupe): Promise<void> {
    await this.redis.del(`${this.prefix}dedupe:${dedupe.key}`);
  }
}

export type CampaignCounters = Record<CounterName, number>;

/** Real-time engagement counters per campaign: one Redis hash, one field per counter. */
export class CounterStore {
  constructor(private readonly redis: Redis, private readonly prefix: string) {}

  private keyOf(campaignId: string): string {
    return `${this.prefix}counters:${campaignId}`;
  }

  async add(campaignId: string, counters: readonly CounterName[]): Promise<void> {
    const pipeline = this.redis.multi();
    for (const counter of counters) pipeline.hincrby(this.keyOf(campaignId), counter, 1);
    await pipeline.exec();
  }

  async read(campaignId: string): Promise<CampaignCounters> {
    const stored = await this.redis.hgetall(this.keyOf(campaignId));
    return Object.fromEntries(COUNTER_NAMES.map((name) => [name, Number(stored[name] ?? 0)])) as CampaignCounters;
  }
}
