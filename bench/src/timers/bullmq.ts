/**
 * BullMQ (Redis) as the reference on the same Redis: timers are delayed jobs, a Worker promotes
 * and processes them. Keys live under a per-run prefix and are deleted at the end.
 */
import { Queue, Worker } from 'bullmq';
import Redis from 'ioredis';
import { type Fire, type Scenario, type SeedSpec, type TimerSystem, dueOf, inChunks, redisOptions } from './harness';

const VERSION = '5.81.5';
const QUEUE = 'timers';

interface Payload {
  readonly s: Scenario;
  readonly due: number;
}

export const bullMqSystem = (redisUrl: string, suffix: string): TimerSystem => {
  const prefix = `bench-timers-${suffix}`;
  const connection = redisOptions(redisUrl);
  const concurrency = Number(process.env.TIMER_BENCH_BULLMQ_CONCURRENCY ?? 100);
  const addBatch = 1_000;
  const config = {
    version: VERSION,
    prefix,
    worker: { concurrency, drainDelay_s: 5, stalledInterval_ms: 30_000 },
    jobs: { delay: 'due − timestamp (timestamp set explicitly)', removeOnComplete: true, removeOnFail: true },
    seeding: { api: 'Queue.addBulk', batch: addBatch, parallel: 4 },
  };
  let queue: Queue<Payload> | null = null;
  let worker: Worker<Payload> | null = null;

  return {
    name: `bullmq ${VERSION}`,
    config,
    async setup() {
      queue = new Queue<Payload>(QUEUE, { connection: { ...connection, maxRetriesPerRequest: null }, prefix });
      await queue.waitUntilReady();
    },
    async seed(spec: SeedSpec, progress) {
      if (!queue) throw new Error('bullmq not set up');
      const q = queue;
      await inChunks(
        spec.count,
        addBatch,
        4,
        async (from, to) => {
          const timestamp = Date.now();
          const jobs = [];
          for (let i = from; i < to; i++) {
            const due = dueOf(spec, i);
            jobs.push({
              name: spec.scenario,
              data: { s: spec.scenario, due },
              opts: { timestamp, delay: Math.max(0, due - timestamp), removeOnComplete: true, removeOnFail: true },
            });
          }
          await q.addBulk(jobs);
        },
        progress,
      );
    },
    async settle() {
      // Redis has no such step.
    },
    async start(fire: Fire) {
      worker = new Worker<Payload>(
        QUEUE,
        async (job) => {
          await fire({ key: job.id ?? '', scenario: job.data.s, dueMs: job.data.due });
        },
        { connection: { ...connection, maxRetriesPerRequest: null }, prefix, concurrency, autorun: false },
      );
      worker.on('error', () => undefined);
      await worker.waitUntilReady();
      void worker.run();
    },
    async stop() {
      await worker?.close();
      worker = null;
    },
    async teardown() {
      await queue?.close();
      queue = null;
      const client = new Redis({ ...connection, lazyConnect: true });
      await client.connect();
      let cursor = '0';
      do {
        const [next, keys] = await client.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 10_000);
        cursor = next;
        if (keys.length > 0) await client.unlink(...keys);
      } while (cursor !== '0');
      await client.quit();
    },
  };
};
