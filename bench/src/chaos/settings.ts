/**
 * What one fault-suite run does: the full run (issue 9's figures) or `--short` (scripts/test.sh).
 * Everything comes from the command line and the environment scripts/chaos.sh prepares.
 */
import { randomInt } from 'node:crypto';
import { join } from 'node:path';
import { REPO_ROOT } from '@campaign/testing';

export const APPS = ['campaign-command', 'projection', 'timer-scheduler', 'analytics-ingest'] as const;
export type ChaosApp = (typeof APPS)[number];

export interface ChaosSettings {
  readonly short: boolean;
  readonly seed: number;
  readonly runId: string;
  /** Commands per second the load aims at (reported beside the rate reached). */
  readonly targetRate: number;
  readonly instancesPerApp: number;
  readonly killsPerApp: number;
  /** Load before the first fault, so faults hit a system under steady load. */
  readonly warmupSeconds: number;
  /** Each fault strikes a seeded random pause of up to this many seconds after the one before recovered. */
  readonly maxPauseSeconds: number;
  readonly drainTimeoutMs: number;
  /** The dead part (instance, broker, database, Redis) started again and serving, from the fault. */
  readonly repairTimeoutMs: number;
  /** Every instance healthy and probes RUNNING, from the repair. */
  readonly recoveryTimeoutMs: number;
  readonly workDir: string;
  readonly infraDir: string;
  readonly pgPort: number;
  readonly redisPort: number;
}

const numberFrom = (name: string, fallback: number): number => {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value)) throw new Error(`${name} must be a number, got ${raw}`);
  return value;
};

const requiredEnv = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the fault suite through scripts/chaos.sh`);
  return value;
};

export const readSettings = (argv: readonly string[]): ChaosSettings => {
  const short = argv.includes('--short');
  const seed = numberFrom('CHAOS_SEED', randomInt(1, 2 ** 31 - 1));
  return {
    short,
    seed,
    runId: `${Date.now().toString(36)}${seed.toString(36)}`.slice(-12),
    targetRate: numberFrom('CHAOS_RATE', short ? 200 : 1_000),
    instancesPerApp: 2,
    killsPerApp: numberFrom('CHAOS_KILLS_PER_APP', short ? 1 : 20),
    warmupSeconds: short ? 5 : 20,
    maxPauseSeconds: numberFrom('CHAOS_MAX_PAUSE_SECONDS', short ? 4 : 6),
    drainTimeoutMs: short ? 120_000 : 300_000,
    // Bounds that say "never came back", not speed targets (the times themselves are reported).
    // The dead part's own restart first: a killed broker's JVM replays its logs and took 40-100 s
    // on two loaded cores. Then the platform's recovery, counted from the part being back.
    repairTimeoutMs: 300_000,
    recoveryTimeoutMs: 120_000,
    workDir: join(REPO_ROOT, 'tmp', 'chaos'),
    infraDir: requiredEnv('CHAOS_INFRA_DIR'),
    pgPort: Number(requiredEnv('CHAOS_PG_PORT')),
    redisPort: Number(requiredEnv('CHAOS_REDIS_PORT')),
  };
};

export const CHAOS_SECRETS = {
  JWT_SECRET: 'chaos-jwt-secret-0123456789abcdef0123456789',
  TRACKING_SECRET: 'chaos-tracking-secret-0123456789abcdef01234',
  WEBHOOK_SECRET: 'chaos-webhook-secret-0123456789abcdef012345',
} as const;

/**
 * The environment every app instance of the run shares: its own topics and consumer groups on
 * the 3-broker cluster (which outlives runs), and a private database and Redis (made per run).
 */
export const sharedAppEnv = (s: ChaosSettings): Record<string, string> => ({
  ...CHAOS_SECRETS,
  KAFKA_BROKERS: requiredEnv('KAFKA_BROKERS'),
  DATABASE_URL: requiredEnv('DATABASE_URL'),
  REDIS_URL: requiredEnv('REDIS_URL'),
  TOPIC_PREFIX: `chaos-${s.runId}.`,
  COMMAND_CONSUMER_GROUP: `campaign-command-chaos-${s.runId}`,
  PROJECTION_GROUP: `projection-chaos-${s.runId}`,
  LIFECYCLE_TIMER_GROUP: `timer-scheduler-chaos-${s.runId}`,
  DISPATCH_GROUP: `dispatch-chaos-${s.runId}`,
  OUTREACH_TIMER_GROUP: `outreach-scheduler-chaos-${s.runId}`,
  REDIS_KEY_PREFIX: `chaos-${s.runId}:`,
  LOG_LEVEL: 'warn',
  // A killed scheduler's leased timers come back after this (default 60 s): inside the run.
  TIMER_LEASE_MS: '15000',
});
