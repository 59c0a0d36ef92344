/**
 * pg-boss (PostgreSQL job queue) as the reference on the same database: timers are jobs with
 * `startAfter`; workers poll. Its polling interval has a documented floor of 0.5 s, so several
 * workers are started with staggered phases to shorten the effective interval.
 */
import { PgBoss } from 'pg-boss';
import type { Pool } from 'pg';
import { type Fire, type FiredTimer, type Scenario, type SeedSpec, type TimerSystem, dueOf, inChunks, note } from './harness';

const VERSION = '12.35.0';
const QUEUE = 'timers';

interface Payload {
  readonly s: Scenario;
  readonly due: number;
}

export const pgBossSystem = (databaseUrl: string, pool: Pool, suffix: string): TimerSystem => {
  const schema = `pgboss_bench_${suffix}`;
  const workers = Number(process.env.TIMER_BENCH_PGBOSS_WORKERS ?? 4);
  const pollingIntervalSeconds = Number(process.env.TIMER_BENCH_PGBOSS_POLL_S ?? 0.5);
  const batchSize = Number(process.env.TIMER_BENCH_PGBOSS_BATCH ?? 200);
  const insertBatch = 5_000;
  const config = {
    version: VERSION,
    schema,
    queue: { name: QUEUE, policy: 'standard', partition: true },
    constructor: { max: 10, schedule: false, supervise: true, useListenNotify: false },
    work: { pollingIntervalSeconds, batchSize, burstWhenBatchFull: true, workers, staggered_ms: Math.round((pollingIntervalSeconds * 1000) / workers) },
    seeding: { api: 'insert(name, jobs)', batch: insertBatch, parallel: 2 },
    note: 'NOTIFY wakes workers only on job creation, not when startAfter passes, so it cannot help timers; each work() call is its own poller',
  };
  let boss: PgBoss | null = null;
  const workIds: string[] = [];

  const open = async () => {
    const instance = new PgBoss({ connectionString: databaseUrl, schema, max: 10, schedule: false, supervise: true });
    instance.on('error', (error: Error) => note(`pg-boss error: ${error.message}`));
    await instance.start();
    return instance;
  };

  return {
    name: `pg-boss ${VERSION}`,
    config,
    async setup() {
      boss = await open();
      await boss.createQueue(QUEUE, { policy: 'standard', partition: true });
    },
    async seed(spec: SeedSpec, progress) {
      if (!boss) throw new Error('pg-boss not set up');
      const b = boss;
      await inChunks(
        spec.count,
        insertBatch,
        2,
        async (from, to) => {
          const jobs = [];
          for (let i = from; i < to; i++) {
            const due = dueOf(spec, i);
            jobs.push({ data: { s: spec.scenario, due } satisfies Payload, startAfter: new Date(due) });
          }
          await b.insert(QUEUE, jobs);
        },
        progress,
      );
    },
    async settle() {
      await pool.query(`VACUUM (ANALYZE) ${schema}.job`);
      const { rows } = await pool.query<{ relname: string }>(
        `SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_class p ON p.oid = i.inhparent
           JOIN pg_namespace n ON n.oid = p.relnamespace WHERE n.nspname = $1 AND p.relname = 'job'`,
        [schema],
      );
      for (const { relname } of rows) await pool.query(`VACUUM (ANALYZE) ${schema}."${relname}"`);
    },
    async start(fire: Fire) {
      if (!boss) throw new Error('pg-boss not set up');
      const staggerMs = (pollingIntervalSeconds * 1000) / workers;
      for (let w = 0; w < workers; w++) {
        if (w > 0) await new Promise((resolve) => setTimeout(resolve, staggerMs));
        const id = await boss.work<Payload>(QUEUE, { batchSize, pollingIntervalSeconds, burstWhenBatchFull: true }, async (jobs) => {
          await Promise.all(jobs.map((job) => fire({ key: job.id, scenario: job.data.s, dueMs: job.data.due } satisfies FiredTimer)));
        });
        workIds.push(id);
      }
    },
    async stop() {
      if (!boss) return;
      for (const id of workIds.splice(0)) await boss.offWork(QUEUE, { id, wait: true });
    },
    async teardown() {
      if (boss) await boss.stop({ graceful: true, close: true, timeout: 10_000 }).catch(() => undefined);
      boss = null;
      await pool.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    },
  };
};
