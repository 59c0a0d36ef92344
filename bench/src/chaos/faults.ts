/**
 * The faults, one after another at seeded random moments: kill -9 of an app instance (restarted
 * at once), a broker killed and started again, PostgreSQL crashed (stop -m immediate) and
 * started, Redis restarted. After each, recovery is timed until every instance is healthy and
 * probe campaigns — created over HTTP with start_time = now, so their START timer fires through
 * the scheduler — show RUNNING in the read model: commands and timers flow end to end again.
 */
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { REPO_ROOT, type SeededRandom, sleep } from '@campaign/testing';
import type { Pool } from 'pg';
import type { CommandClient } from './client';
import type { Fleet, Instance } from './fleet';
import { APPS, type ChaosApp, type ChaosSettings } from './settings';

export type Fault =
  | { readonly kind: 'kill'; readonly app: ChaosApp; readonly index: number }
  | { readonly kind: 'broker'; readonly node: number }
  | { readonly kind: 'postgres' }
  | { readonly kind: 'redis' };

export interface FaultRecord {
  readonly fault: string;
  /** Since the start of the load. */
  readonly atSeconds: number;
  /** Fault → the dead part started again and serving (the instance's process, the broker, the database, Redis). */
  readonly actionMs: number;
  /** Fault → every instance answers 200 on /health. */
  readonly healthyMs?: number | null;
  /** Fault → probes sent right after it RUNNING (by their START timer) in the read model. */
  readonly flowMs?: number | null;
  /** The latest of the three: the system whole again. */
  readonly recoveryMs: number | null;
  readonly error?: string;
  /** When it did not recover: what the unhealthy instances answered on /health. */
  readonly stuck?: unknown;
  /** Instances not healthy when the fault struck (left over from an earlier one): not waited for. */
  readonly unhealthyBefore?: readonly string[];
}

const run = promisify(execFile);
const KAFKA = join(REPO_ROOT, 'infra', 'bin', 'kafka');
const INFRA = join(REPO_ROOT, 'scripts', 'chaos', 'infra.sh');
const PROBES = 3;

export const faultName = (f: Fault): string =>
  f.kind === 'kill' ? `kill -9 ${f.app}-${f.index}` : f.kind === 'broker' ? `kill broker ${f.node} + restart` : `restart ${f.kind}`;

/** Every app killed `killsPerApp` times (a random instance each time), one broker, PostgreSQL, Redis: shuffled. */
export const planFaults = (s: ChaosSettings, random: SeededRandom): Fault[] => {
  const faults: Fault[] = [];
  for (const app of APPS) for (let k = 0; k < s.killsPerApp; k++) faults.push({ kind: 'kill', app, index: random.int(0, s.instancesPerApp - 1) });
  faults.push({ kind: 'broker', node: random.int(1, 3) }, { kind: 'postgres' }, { kind: 'redis' });
  for (let i = faults.length - 1; i > 0; i--) {
    const j = random.int(0, i);
    [faults[i], faults[j]] = [faults[j], faults[i]];
  }
  return faults;
};

export class FaultInjector {
  private probeCount = 0;

  constructor(
    private readonly s: ChaosSettings,
    private readonly fleet: Fleet,
    private readonly client: CommandClient,
    private readonly pool: Pool,
  ) {}

  /** Strikes, starts the repair at once, and times the way back (see `recovered`). */
  async inject(fault: Fault, loadStartedAt: number): Promise<FaultRecord> {
    const started = Date.now();
    const base: { fault: string; atSeconds: number; unhealthyBefore?: string[] } = {
      fault: faultName(fault),
      atSeconds: Math.round((started - loadStartedAt) / 100) / 10,
    };
    try {
      // An instance already unhealthy before the fault is reported, not waited for again.
      const baseline = await this.fleet.healthyOnes();
      if (fault.kind === 'kill' && !baseline.includes(this.fleet.of(fault.app)[fault.index])) baseline.push(this.fleet.of(fault.app)[fault.index]);
      const unhealthyBefore = this.fleet.instances.filter((i) => !baseline.includes(i)).map((i) => `${i.app}-${i.index}`);
      if (unhealthyBefore.length > 0) base.unhealthyBefore = unhealthyBefore;
      await this.strike(fault);
      const healed = this.heal(fault).then(() => Date.now() - started);
      const [actionMs, { healthyMs, flowMs }] = await Promise.all([healed, this.recovered(started, healed, baseline)]);
      if (healthyMs !== null && flowMs !== null) return { ...base, actionMs, healthyMs, flowMs, recoveryMs: Math.max(actionMs, healthyMs, flowMs) };
      return { ...base, actionMs, healthyMs, flowMs, recoveryMs: null, stuck: { health: await this.fleet.sickReport() } };
    } catch (error) {
      return { ...base, actionMs: Date.now() - started, recoveryMs: null, error: (error as Error).message };
    }
  }

  private async strike(fault: Fault): Promise<void> {
    switch (fault.kind) {
      case 'kill':
        return this.fleet.kill(this.fleet.of(fault.app)[fault.index]);
      case 'broker':
        await run(KAFKA, ['kill-broker', String(fault.node)]);
        return;
      case 'postgres':
        await run(INFRA, ['pg-crash', this.s.infraDir], { timeout: 60_000 });
        return;
      case 'redis':
        await run(INFRA, ['redis-stop', this.s.infraDir, String(this.s.redisPort)], { timeout: 60_000 });
        return;
    }
  }

  /** What an operator (or an orchestrator) does at once: start the dead part again. */
  private async heal(fault: Fault): Promise<void> {
    switch (fault.kind) {
      case 'kill':
        return this.fleet.launch(this.fleet.of(fault.app)[fault.index]);
      case 'broker':
        await run(KAFKA, ['start-broker', String(fault.node)], {
          timeout: this.s.repairTimeoutMs + 10_000,
          env: { ...process.env, KAFKA_START_TIMEOUT: String(Math.round(this.s.repairTimeoutMs / 1000)) },
        });
        return;
      case 'postgres':
        await run(INFRA, ['pg-start', this.s.infraDir, String(this.s.pgPort)], { timeout: this.s.repairTimeoutMs });
        return;
      case 'redis':
        await run(INFRA, ['redis-start', this.s.infraDir, String(this.s.redisPort)], { timeout: 60_000 });
        return;
    }
  }

  /**
   * Two clocks from the fault: until every instance answers 200 on /health, and until probes
   * sent right away (retried like any client's commands) show RUNNING in the read model. Both give
   * up `recoveryTimeoutMs` after the repair is done: the platform cannot be back before the part
   * it needs is, and how long a broker's JVM takes to start is the machine's, not the platform's.
   */
  private async recovered(started: number, healed: Promise<number>, baseline: readonly Instance[]) {
    let deadline = started + this.s.repairTimeoutMs + this.s.recoveryTimeoutMs;
    healed.then(
      () => (deadline = Date.now() + this.s.recoveryTimeoutMs),
      () => (deadline = Date.now()),
    );
    const until = () => deadline;
    const [healthyMs, flowMs] = await Promise.all([this.untilHealthy(started, until, healed, baseline), this.untilFlowing(started, until)]);
    return { healthyMs, flowMs };
  }

  /** Health counts once the repair is done: before it, a killed instance is simply not there. */
  private async untilHealthy(started: number, until: () => number, healed: Promise<number>, baseline: readonly Instance[]): Promise<number | null> {
    await healed.catch(() => undefined);
    while (Date.now() < until()) {
      if (await this.fleet.allHealthy(baseline)) return Date.now() - started;
      await sleep(100);
    }
    return null;
  }

  private async untilFlowing(started: number, until: () => number): Promise<number | null> {
    const ids = await Promise.all(Array.from({ length: PROBES }, () => this.probe(until)));
    if (ids.some((id) => id === undefined)) return null;
    while (Date.now() < until()) {
      try {
        const { rows } = await this.pool.query(`SELECT count(*)::int AS n FROM lifecycle.campaigns WHERE id = ANY($1::uuid[]) AND status = 'RUNNING'`, [ids]);
        if (rows[0].n === PROBES) return Date.now() - started;
      } catch {
        // The database may still be coming back: ask again.
      }
      await sleep(100);
    }
    return null;
  }

  private async probe(until: () => number): Promise<string | undefined> {
    const n = ++this.probeCount;
    const campaignId = randomUUID();
    const ack = await this.client.send(
      campaignId,
      'probe',
      '',
      {
        commandId: `chaos-${this.s.runId}-probe-${n}`,
        campaignId,
        durationHours: 1,
        // A probe needs its START timer only: no reward-claim timers when a long run closes it an hour later.
        rewardsEnabled: false,
        startTime: new Date().toISOString(),
      },
      until,
    );
    return ack?.status === 'ACCEPTED' ? campaignId : undefined;
  }
}
