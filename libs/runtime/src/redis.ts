import { Redis, type RedisOptions } from 'ioredis';
import type { JsonLogger } from './logger';

/**
 * A Redis client whose connection errors reach the service's log — once per outage, not once
 * per reconnect attempt — instead of ioredis's "Unhandled error event" on stderr. ioredis keeps
 * reconnecting by itself; /health reports Redis meanwhile.
 */
export const createRedis = (url: string, options: RedisOptions, logger: Pick<JsonLogger, 'warn' | 'log'>): Redis => {
  const redis = new Redis(url, options);
  let down = false;
  redis.on('error', (error: Error) => {
    if (down) return;
    down = true;
    logger.warn('redis connection failed; reconnecting', { error: error.message });
  });
  redis.on('ready', () => {
    if (!down) return;
    down = false;
    logger.log('redis connection is back');
  });
  return redis;
};
