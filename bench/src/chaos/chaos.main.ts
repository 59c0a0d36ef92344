/**
 * The fault suite's driver (issue 9, deliverable 9), started by scripts/chaos.sh, which provides
 * the 3-broker cluster and a private PostgreSQL and Redis:
 *
 *   two instances of each app → steady lifecycle load → seeded faults, each timed to recovery →
 *   load stops → drain → invariants → tmp/chaos/report.json and a summary; exit 1 on a failure.
 *
 *   node bench/dist/chaos/chaos.main.js [--short]     CHAOS_SEED=<n> replays a run's plan
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SeededRandom, sleep, testKafka } from '@campaign/testing';
import { Pool } from 'pg';
import { checkCommands, checkReadModels, checkTimers, drain } from './checks';
import { CommandClient, operatorToken } from './client';
import { type Fault, FaultInjector, type FaultRecord, planFaults } from './faults';
import { Fleet } from './fleet';
import { Load } from './load';
import { type ChaosReport, failuresOf, logDigest, recoveryStats, stats, summary } from './report';
import { APPS, type ChaosSettings, readSettings, sharedAppEnv } from './settings';

const say = (line: string) => process.stdout.write(`chaos: ${line}\n`);

/** Instance 0 of every app first (each migrates its schemas and creates its topics), then instance 1. */
const startFleet = async (s: ChaosSettings, env: Record<string, string>): Promise<Fleet> => {
  const logs = join(s.workDir, 'logs');
  mkdirSync(logs, { recursive: true });
  const fleet = new Fleet(env, logs, join(s.workDir, 'pids'));
  for (const app of APPS) for (let i = 0; i < s.instancesPerApp; i++) await fleet.add(app, i);
  for (let i = 0; i < s.instancesPerApp; i++) {
    const wave = fleet.instances.filter((x) => x.index === i);
    for (const instance of wave) fleet.launch(instance);
    await fleet.waitHealthy(180_000, wave);
  }
  return fleet;
};

/**
 * The faults one after another: each strikes after a seeded random pause once the one before has
 * recovered (or given up), so every recovery time is that fault's own — overlapping faults made
 * each one's time mostly the others' (seven faults in 40 s, twenty kills per app in 11 minutes).
 */
const runFaults = async (s: ChaosSettings, injector: FaultInjector, plan: readonly Fault[], random: SeededRandom, loadStartedAt: number) => {
  await sleep(loadStartedAt + s.warmupSeconds * 1_000 - Date.now());
  const records: FaultRecord[] = [];
  for (const [k, fault] of plan.entries()) {
    await sleep(random.int(0, s.maxPauseSeconds * 1_000));
    const record = await injector.inject(fault, loadStartedAt);
    const outcome = `${record.recoveryMs === null ? 'NOT recovered' : `recovered ${record.recoveryMs} ms`} (healthy ${record.healthyMs ?? 'never'}, flowing ${record.flowMs ?? 'never'})`;
    say(
      `${String(k + 1).padStart(2)}/${plan.length} ${record.fault.padEnd(28)} at ${String(record.atSeconds).padStart(6)}s: ${outcome}${record.error ? ` (${record.error})` : ''}`,
    );
    records.push(record);
  }
  return { planned: plan.length, records };
};

/** A line every 10 s: how the load is doing while the faults run. */
const reportProgress = (client: CommandClient) => {
  let seen = 0;
  return setInterval(() => {
    const acks = client.acks.length;
    say(`  load: ${Math.round((acks - seen) / 10)} acknowledged/s, ${client.retries} retries so far`);
    seen = acks;
  }, 10_000);
};

const deleteTopics = async (prefix: string) => {
  const admin = testKafka('chaos-cleanup').admin();
  try {
    await admin.connect();
    const topics = (await admin.listTopics()).filter((t) => t.startsWith(prefix));
    if (topics.length > 0) await admin.deleteTopics({ topics, timeout: 30_000 });
  } catch (error) {
    say(`could not delete the run's topics (${(error as Error).message}); they are prefixed ${prefix}`);
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
};

const main = async (): Promise<number> => {
  const started = Date.now();
  const s = readSettings(process.argv.slice(2));
  // The settings a run was given beyond the seed, so the replay line repeats the same run.
  const given = ['CHAOS_RATE', 'CHAOS_KILLS_PER_APP', 'CHAOS_MAX_PAUSE_SECONDS']
    .filter((k) => process.env[k])
    .map((k) => `${k}=${process.env[k]} `)
    .join('');
  const replay = `${given}CHAOS_SEED=${s.seed} scripts/chaos.sh${s.short ? ' --short' : ''}`;
  say(`${s.short ? 'short' : 'full'} run ${s.runId}, seed ${s.seed} (replay: ${replay})`);
  rmSync(join(s.workDir, 'logs'), { recursive: true, force: true });
  mkdirSync(s.workDir, { recursive: true });
  const env = sharedAppEnv(s);
  // Two generators from the seed: the fault plan and its timing replay exactly whatever the load does.
  const faultRandom = new SeededRandom(s.seed);
  const plan = planFaults(s, faultRandom);
  const loadRandom = new SeededRandom(s.seed ^ 0x5bd1e995);
  const pool = new Pool({ connectionString: env.DATABASE_URL, max: 4 });
  pool.on('error', () => undefined);
  let fleet: Fleet | undefined;
  const stop = async () => {
    await fleet?.stopAll().catch(() => undefined);
    await deleteTopics(env.TOPIC_PREFIX);
    await pool.end().catch(() => undefined);
  };
  process.once('SIGTERM', () => void stop().finally(() => process.exit(143)));
  process.once('SIGINT', () => void stop().finally(() => process.exit(130)));
  try {
    fleet = await startFleet(s, env);
    const commandSide = fleet.of('campaign-command');
    say(`${fleet.instances.length} app instances healthy after ${Math.round((Date.now() - started) / 1000)} s; load at ${s.targetRate}/s`);
    let giveUpAt = Number.POSITIVE_INFINITY;
    const client = new CommandClient(
      () => commandSide,
      operatorToken(env.JWT_SECRET),
      () => giveUpAt,
    );
    const load = new Load(client, loadRandom, s.targetRate, s.runId);
    const loadStartedAt = Date.now();
    load.start();
    const progress = reportProgress(client);
    const faults = await runFaults(s, new FaultInjector(s, fleet, client, pool), plan, faultRandom, loadStartedAt);
    await fleet.waitHealthy(s.recoveryTimeoutMs).catch((error: Error) => say(error.message));
    const unhealthyAtEnd = await fleet.sickReport();
    giveUpAt = Date.now() + 60_000;
    const loadFigures = await load.stop();
    clearInterval(progress);
    say(`load stopped: ${loadFigures.acknowledgedPerSecond.toFixed(0)} commands/s acknowledged; draining`);
    const drained = await drain(pool, s.drainTimeoutMs);
    const drainedAt = new Date();
    const commands = await checkCommands(pool, client.acks, s.runId);
    const timers = await checkTimers(pool, new Date(drainedAt.getTime() - 2_000));
    const readModels = await checkReadModels(pool, env);
    const partial = {
      suite: 'chaos' as const,
      mode: s.short ? ('short' as const) : ('full' as const),
      seed: s.seed,
      replay,
      startedAt: new Date(started).toISOString(),
      totalSeconds: Math.round((Date.now() - started) / 1000),
      cluster: { brokers: 3 as const, replicationFactor: 3 as const, minInsyncReplicas: 2 as const, instancesPerApp: s.instancesPerApp },
      load: {
        ...loadFigures,
        targetRate: s.targetRate,
        retries: client.retries,
        unanswered: client.unanswered.length,
        latencyMs: stats(
          client.acks.map((a) => a.latencyMs),
          true,
        ),
      },
      faults: {
        planned: faults.planned,
        run: faults.records.length,
        unrecovered: faults.records.filter((r) => r.recoveryMs === null).length,
        recoveryMs: recoveryStats(faults.records),
        records: faults.records,
      },
      crashes: fleet.crashes,
      unhealthyAtEnd,
      drain: drained,
      commands,
      timers,
      readModels,
    };
    const failures = failuresOf(partial);
    const report: ChaosReport = { ...partial, logs: logDigest(join(s.workDir, 'logs')), failures, passed: failures.length === 0 };
    writeFileSync(join(s.workDir, 'report.json'), `${JSON.stringify(report, null, 2)}\n`);
    process.stdout.write(`${summary(report)}\n`);
    return report.passed ? 0 : 1;
  } finally {
    await stop();
  }
};

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    process.stderr.write(`chaos: ${error.stack ?? error.message}\n`);
    process.exit(2);
  },
);
