/**
 * Timer benchmark, one JSON object per line on stdout (and appended to bench/results/timers.jsonl):
 * this project's durable timer engine, pg-boss and BullMQ doing the same work, one after the
 * other in the same run, on the same PostgreSQL and Redis.
 *
 *  A. steady — TIMER_BENCH_PENDING timers in the store, of which TIMER_BENCH_RATE per second
 *     come due for TIMER_BENCH_SECONDS (the rest are due a day later): lateness and fires/s.
 *  B. burst — TIMER_BENCH_BURST timers due at the same instant, on the same store: time to drain.
 *
 * Every system's handler calls the same `fire(timer)`; lateness = moment fire() is entered −
 * due time (both Date.now(), same machine clock as the database). See bench/README.md.
 */
import { testPool, uniqueSuffix } from '@campaign/testing';
import { summarize } from './stats';
import { type Fire, Recorder, type Scenario, type SeedSpec, type Settings, type TimerSystem, note, settings, sleepUntil } from './timers/harness';
import { bullMqSystem } from './timers/bullmq';
import { ourSystem } from './timers/ours';
import { pgBossSystem } from './timers/pgboss';
import { type RoundTrip, startRoundTrip } from './timers/round-trip';
import { resultsLog } from './results';

const DAY_MS = 86_400_000;

const emit = resultsLog('timers');

const required = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set (eval "$(infra/bin/env)" or run scripts/bench.sh timers)`);
  return value;
};

const round = (n: number, digits = 0) => Math.round(n * 10 ** digits) / 10 ** digits;

/** Seeds with progress on stderr; returns the elapsed seconds. */
const seed = async (system: TimerSystem, spec: SeedSpec): Promise<number> => {
  const started = Date.now();
  let last = 0;
  await system.seed(spec, (done) => {
    if (Date.now() - last < 2_000 && done < spec.count) return;
    last = Date.now();
    const seconds = (Date.now() - started) / 1000;
    note(`${system.name}: seeded ${done}/${spec.count} ${spec.scenario} timers (${Math.round(done / Math.max(seconds, 0.001))}/s)`);
  });
  return (Date.now() - started) / 1000;
};

/**
 * Seeds `count` timers due from `lead` ms from now, starts the system, waits until all fired or
 * the grace period after the last due time passed, stops it. The lead covers the insert (from
 * the rate the bulk load achieved) plus two seconds, so every timer is stored before it is due.
 */
const runScenario = async (
  system: TimerSystem,
  s: Settings,
  scenario: Scenario,
  count: number,
  stepMs: number,
  seedRate: number,
  roundTrip: RoundTrip | null,
) => {
  const leadMs = Math.max(3_000, Math.ceil((count / Math.max(seedRate, 1)) * 1500) + 2_000);
  const firstDueMs = Date.now() + leadMs;
  const spec: SeedSpec = { scenario, count, firstDueMs, stepMs };
  const seedSeconds = await seed(system, spec);
  const recorder = new Recorder(scenario);
  const roundTrips: number[] = [];
  let roundTripFailures = 0;
  const fire: Fire = async (timer) => {
    recorder.record(timer, Date.now());
    if (s.fireMs > 0) await new Promise((resolve) => setTimeout(resolve, s.fireMs));
    if (roundTrip && timer.scenario === scenario) {
      const sent = Date.now();
      try {
        await roundTrip.send(timer.key);
        roundTrips.push(Date.now() - sent);
      } catch {
        roundTripFailures += 1;
      }
    }
  };
  await system.start(fire);
  const startedAt = Date.now();
  if (startedAt > firstDueMs) note(`${system.name}: ${scenario} started ${startedAt - firstDueMs} ms after the first due time (insert slower than planned)`);
  const lastDueMs = firstDueMs + Math.floor((count - 1) * stepMs);
  await sleepUntil(firstDueMs);
  note(`${system.name}: ${scenario}: first timer due now; last due in ${Math.round((lastDueMs - Date.now()) / 1000)} s`);
  await recorder.waitFor(count, lastDueMs + s.graceMs);
  await system.stop();
  const lateness = summarize(recorder.lateness);
  const drainMs = recorder.lastFireMs - firstDueMs;
  return {
    recorder,
    figures: {
      due: count,
      fired: recorder.fired,
      missing: count - recorder.fired,
      duplicates: recorder.duplicates,
      unexpected_fires: recorder.unexpected,
      lateness_ms: {
        p50: lateness.p50_ms,
        p90: lateness.p90_ms,
        p99: lateness.p99_ms,
        max: lateness.max_ms,
        min: round(
          recorder.lateness.reduce((a, b) => Math.min(a, b), Number.POSITIVE_INFINITY),
          2,
        ),
      },
      first_due_to_last_fire_ms: round(drainMs, 1),
      fires_per_second: recorder.fired > 0 ? round(recorder.fired / Math.max(drainMs / 1000, stepMs === 0 ? 0.001 : (count * stepMs) / 1000)) : 0,
      insert_seconds: round(seedSeconds, 2),
      lead_ms: leadMs,
      started_before_first_due: startedAt <= firstDueMs,
      ...(roundTrip ? { round_trip: { ...summarize(roundTrips), failures: roundTripFailures } } : {}),
    },
  };
};

/**
 * What recording each attempt's start as it begins costs (seed 002: RUNNING / STARTED while a
 * timer fires): ours-events against ours-events-late-start, which writes the start with the
 * outcome — same engine, same events, one write per firing fewer.
 */
const startRecordingCost = (summary: readonly Record<string, unknown>[]) => {
  const at = summary.find((s) => s.system === 'ours-events');
  const late = summary.find((s) => s.system === 'ours-events-late-start');
  if (!at || !late) return null;
  const n = (row: Record<string, unknown>, key: string) => Number(row[key]);
  return {
    steady_p99_ms: { start_as_it_begins: n(at, 'steady_p99_ms'), start_with_outcome: n(late, 'steady_p99_ms') },
    steady_p99_extra_ms: round(n(at, 'steady_p99_ms') - n(late, 'steady_p99_ms'), 1),
    burst_fires_per_second: { start_as_it_begins: n(at, 'burst_fires_per_second'), start_with_outcome: n(late, 'burst_fires_per_second') },
    burst_throughput_ratio: round(n(at, 'burst_fires_per_second') / Math.max(1, n(late, 'burst_fires_per_second')), 3),
  };
};

const main = async () => {
  const s = settings();
  const databaseUrl = required('DATABASE_URL');
  const redisUrl = required('REDIS_URL');
  const suffix = `${process.pid}_${uniqueSuffix()}`;
  const pool = testPool(6);
  const factories: Record<string, () => TimerSystem> = {
    ours: () => ourSystem(pool, suffix),
    'ours-events': () => ourSystem(pool, suffix, 'as-it-begins'),
    'ours-events-late-start': () => ourSystem(pool, suffix, 'with-outcome'),
    'pg-boss': () => pgBossSystem(databaseUrl, pool, suffix),
    bullmq: () => bullMqSystem(redisUrl, suffix),
  };
  const unknown = s.systems.filter((name) => !factories[name]);
  if (unknown.length > 0) throw new Error(`unknown TIMER_BENCH_SYSTEMS entries: ${unknown.join(', ')} (known: ${Object.keys(factories).join(', ')})`);
  const roundTrip = s.roundTrip ? await startRoundTrip(suffix) : null;
  const scale = {
    pending: s.pending,
    rate_per_second: s.rate,
    seconds: s.seconds,
    due_in_window: s.due,
    burst: s.burst,
    fire: roundTrip ? roundTrip.describe : s.fireMs > 0 ? `record Date.now(), resolve after ${s.fireMs} ms` : 'record Date.now() and resolve',
  };
  note(`settings ${JSON.stringify(scale)}; systems ${s.systems.join(', ')}`);
  const summary: Record<string, unknown>[] = [];
  try {
    for (const name of s.systems) {
      const system = factories[name]();
      try {
        await system.setup();
        const future = s.pending - s.due;
        const seedSeconds = await seed(system, { scenario: 'future', count: future, firstDueMs: Date.now() + DAY_MS, stepMs: 1 });
        const seedRate = future > 0 ? future / seedSeconds : 20_000;
        const settleStarted = Date.now();
        await system.settle();
        emit({
          bench: 'timer-seed',
          impl: system.name,
          rows: future,
          seconds: round(seedSeconds, 2),
          per_second: round(seedRate),
          settle_seconds: round((Date.now() - settleStarted) / 1000, 2),
          config: system.config,
        });

        const steady = await runScenario(system, s, 'steady', s.due, 1000 / s.rate, seedRate, roundTrip);
        emit({
          bench: 'timer-steady',
          impl: system.name,
          ...scale,
          ...steady.figures,
          ...(name === 'ours' ? { target_p99_ms: 50 } : {}),
          config: system.config,
        });
        const burst = await runScenario(system, s, 'burst', s.burst, 0, seedRate, roundTrip);
        emit({
          bench: 'timer-burst',
          impl: system.name,
          pending_besides: s.pending - s.due,
          ...burst.figures,
          drain_ms: burst.figures.first_due_to_last_fire_ms,
          ...(name === 'ours' ? { target_fires_per_second: 5000 } : {}),
          config: system.config,
        });
        summary.push({
          system: name,
          impl: system.name,
          steady_p50_ms: steady.figures.lateness_ms.p50,
          steady_p99_ms: steady.figures.lateness_ms.p99,
          steady_max_ms: steady.figures.lateness_ms.max,
          steady_fires_per_second: steady.figures.fires_per_second,
          steady_missing: steady.figures.missing,
          burst_drain_ms: burst.figures.first_due_to_last_fire_ms,
          burst_fires_per_second: burst.figures.fires_per_second,
          burst_missing: burst.figures.missing,
          duplicates: steady.figures.duplicates + burst.figures.duplicates,
        });
      } catch (error) {
        note(`${system.name} failed: ${(error as Error).stack}`);
        emit({ bench: 'timer-error', impl: system.name, error: (error as Error).message });
      } finally {
        await system.stop().catch(() => undefined);
        note(`${system.name}: cleaning up`);
        await system.teardown().catch((error: Error) => note(`${system.name} teardown failed: ${error.message}`));
      }
    }
    emit({ bench: 'timer-comparison', ...scale, targets: { ours_steady_p99_ms: 50, ours_burst_fires_per_second: 5000 }, systems: summary });
    const startCost = startRecordingCost(summary);
    if (startCost) emit({ bench: 'timer-start-cost', ...scale, ...startCost });
  } finally {
    await roundTrip?.stop();
    await pool.end();
  }
};

main().then(
  () => process.exit(0),
  (error: Error) => {
    process.stderr.write(`timer bench failed: ${error.stack}\n`);
    process.exit(1);
  },
);
