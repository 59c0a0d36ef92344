import type Redis from 'ioredis';

/**
 * How a fact is recognised when it comes again: the Redis key (SET NX with a TTL) and the
 * command id, a hash of that key, so that a repeat whose Redis mark was lost is still answered
 * by the command side from its first outcome and writes nothing.
 */
export interface Dedupe {
  readonly key: string;
  readonly ttlSeconds: number;
  readonly commandId: string;
}

/**
 * "Seen before?" marks in Redis: SET NX with a TTL claims a fact for this request. A claim is
 * released when the fact could not be delivered, so the provider's retry is not mistaken for a
 * duplicate of something that never happened.
 */
export class DedupeStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  /** True when this call is the first to see the fact within its TTL. */
  async claim(dedupe: Dedupe): Promise<boolean> {
    const set = await this.redis.set(`${this.prefix}dedupe:${dedupe.key}`, dedupe.commandId, 'EX', dedupe.ttlSeconds, 'NX');
    return set === 'OK';
  }

  async release(dedupe: Dedupe): Promise<void> {
    await this.redis.del(`${this.prefix}dedupe:${dedupe.key}`);
  }
}
