import type Redis from 'ioredis';
import { COUNTER_NAMES, type CounterName } from './facts';

export type CampaignCounters = Record<CounterName, number>;

/** Real-time engagement counters per campaign: one Redis hash, one field per counter. */
export class CounterStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

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
