/**
 * This project's durable timer engine (@campaign/timers) on its own schema. The bulk load goes
 * straight into `<schema>.timers` with INSERT … SELECT over generate_series; the engine then
 * sees exactly the rows it would have written itself.
 *
 * Three variants: `ours` records no timer events (scheduling alone); `ours-events` records them
 * as the lifecycle scheduler does — each attempt's start as it begins (seed 002: RUNNING /
 * STARTED while it fires), then its outcome; `ours-events-late-start` writes the start only with
 * the outcome (one write per firing), the reference that prices recording the start.
 */
import { randomUUID } from 'node:crypto';
import { type DueTimer, type FireResult, TimerEngine, TimerStore } from '@campaign/timers';
import type { Pool } from 'pg';
import { benchTimerEventLog, migrateEventStore } from './event-log';
import { type Fire, type Scenario, type SeedSpec, type TimerSystem, inChunks, stderrLog } from './harness';

const TIMER_TYPE = 'START_CAMPAIGN';
/** TimerEngine's defaults (libs/timers/src/timer-engine.ts), recorded so the JSON says what ran. */
const ENGINE_DEFAULTS = { lookaheadMs: 2_000, leaseMs: 60_000, pollMs: 500, claimBatch: 1_000, maxHeld: 5_000, concurrency: 500 };

/** Engine tuning from TIMER_BENCH_OURS_TUNING (JSON), merged over the engine's own defaults. */
const tuning = (): Record<string, unknown> => {
  const raw = process.env.TIMER_BENCH_OURS_TUNING;
  if (!raw) return {};
  const parsed: unknown = JSON.parse(raw);
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('TIMER_BENCH_OURS_TUNING must be a JSON object');
  return parsed as Record<string, unknown>;
};

/** none: no timer events; 'as-it-begins': start then outcome; 'with-outcome': both at the end. */
export type TimerEventsMode = 'none' | 'as-it-begins' | 'with-outcome';

const NAMES: Record<TimerEventsMode, string> = {
  none: 'campaign-platform @campaign/timers',
  'as-it-begins': 'campaign-platform @campaign/timers + timer events',
  'with-outcome': 'campaign-platform @campaign/timers + timer events, start written with the outcome',
};

export const ourSystem = (pool: Pool, suffix: string, events: TimerEventsMode = 'none'): TimerSystem => {
  const schema = `bench_timers_${suffix}`;
  const eventSchema = `bench_timer_events_${suffix}`;
  const extra = tuning();
  const chunk = 100_000;
  const config = {
    package: '@campaign/timers',
    schema,
    // 'none': scheduling alone; otherwise seed 002's campaign_timers feed too (see above).
    store: { events: events === 'none' ? 'none' : `lifecycle timer events in ${eventSchema}.events`, starts: events },
    engine: { ...ENGINE_DEFAULTS, ...extra, recordStarts: events === 'as-it-begins' },
    seeding: { api: 'INSERT … SELECT generate_series into <schema>.timers', chunk, parallel: 2 },
  };
  const store = new TimerStore(pool, { schema, events: events === 'none' ? undefined : benchTimerEventLog(eventSchema) });
  let engine: TimerEngine | null = null;

  return {
    name: NAMES[events],
    config,
    async setup() {
      if (events !== 'none') await migrateEventStore(pool, eventSchema);
      await store.migrate();
    },
    async seed(spec: SeedSpec, progress) {
      await inChunks(
        spec.count,
        chunk,
        2,
        async (from, to) => {
          await pool.query(
            `INSERT INTO ${schema}.timers (id, campaign_id, timer_type, due_at, next_attempt_at, payload)
           SELECT gen_random_uuid(), gen_random_uuid(), $1, d.due, d.due, jsonb_build_object('s', $2::text, 'due', d.ms)
             FROM generate_series($3::bigint, $4::bigint - 1) AS g(i),
                  LATERAL (SELECT $5::bigint + floor(g.i * $6::float8)::bigint AS ms) AS m,
                  LATERAL (SELECT timestamptz 'epoch' + m.ms * interval '1 millisecond' AS due, m.ms) AS d`,
            [TIMER_TYPE, spec.scenario, from, to, Math.round(spec.firstDueMs), spec.stepMs],
          );
        },
        progress,
      );
    },
    async settle() {
      await pool.query(`VACUUM (ANALYZE) ${schema}.timers`);
    },
    async start(fire: Fire) {
      engine = new TimerEngine(
        store,
        {
          instanceId: `bench-${randomUUID().slice(0, 8)}`,
          ...extra,
          recordStarts: events === 'as-it-begins',
          fire: async (timer: DueTimer): Promise<FireResult> => {
            const payload = (timer.payload ?? {}) as { s?: Scenario };
            await fire({ key: timer.id, scenario: payload.s ?? 'steady', dueMs: timer.dueAt.getTime() });
            return { ok: true, result: {} };
          },
        },
        stderrLog,
      );
      await engine.start();
    },
    async stop() {
      await engine?.stop();
      engine = null;
    },
    async teardown() {
      await pool.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await pool.query(`DROP SCHEMA IF EXISTS ${eventSchema} CASCADE`);
    },
  };
};
