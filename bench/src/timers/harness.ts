/**
 * The part of the timer benchmark every system shares: settings, the one `fire` function all
 * three call, the recorder that turns fires into lateness figures, and the interface each
 * system's adapter implements.
 */

const number = (name: string, fallback: number): number => {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0) throw new Error(`${name} must be a non-negative number, got ${raw}`);
  return value;
};

export const settings = () => {
  const rate = number('TIMER_BENCH_RATE', 2_000);
  const seconds = number('TIMER_BENCH_SECONDS', 30);
  const pending = number('TIMER_BENCH_PENDING', 1_000_000);
  const due = Math.round(rate * seconds);
  if (due > pending) throw new Error(`TIMER_BENCH_PENDING (${pending}) must be at least TIMER_BENCH_RATE × TIMER_BENCH_SECONDS (${due})`);
  return {
    pending,
    rate,
    seconds,
    /** Timers that come due inside the steady window; the other `pending − due` are far in the future. */
    due,
    burst: number('TIMER_BENCH_BURST', 50_000),
    /** How long after the last due time a scenario waits for stragglers before counting them missing. */
    graceMs: number('TIMER_BENCH_GRACE_MS', 30_000),
    systems: (process.env.TIMER_BENCH_SYSTEMS ?? 'ours,ours-events,ours-events-late-start,pg-boss,bullmq')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    roundTrip: process.env.TIMER_BENCH_ROUND_TRIP === '1',
    /** How long each fire takes after it is recorded: a stand-in for a command's round trip. */
    fireMs: number('TIMER_BENCH_FIRE_MS', 0),
  };
};
export type Settings = ReturnType<typeof settings>;

/** The scenario a timer belongs to travels in its payload, so a stray fire is recognised. */
export type Scenario = 'future' | 'steady' | 'burst';

export interface FiredTimer {
  /** The system's id for the timer (row id, job id). */
  readonly key: string;
  readonly scenario: Scenario;
  /** Due time, epoch ms. */
  readonly dueMs: number;
}

/** What every system's handler calls. Default mode: record the moment and resolve at once. */
export type Fire = (timer: FiredTimer) => Promise<void>;

/**
 * A linear schedule of timers: timer i is due at `firstDueMs + i × stepMs` (step 0: all at once).
 * Each adapter seeds it in its own fastest documented way and puts `{ s: scenario, due }` in the
 * payload.
 */
export interface SeedSpec {
  readonly scenario: Scenario;
  readonly count: number;
  readonly firstDueMs: number;
  readonly stepMs: number;
}

export const dueOf = (spec: SeedSpec, i: number): number => Math.round(spec.firstDueMs) + Math.floor(i * spec.stepMs);

export interface TimerSystem {
  /** Short name used in the JSON (`impl`). */
  readonly name: string;
  /** Version and every setting that shapes its scheduling, for the JSON. */
  readonly config: Record<string, unknown>;
  setup(): Promise<void>;
  /** Inserts the timers; `progress(done)` may be called along the way. */
  seed(spec: SeedSpec, progress: (done: number) => void): Promise<void>;
  /** Makes the store settle after a bulk load where the system has such a step (VACUUM ANALYZE). */
  settle(): Promise<void>;
  /** Starts the consumer/worker/engine; every due timer must end in `fire`. */
  start(fire: Fire): Promise<void>;
  stop(): Promise<void>;
  /** Drops everything the system created (schema, Redis keys) and closes connections. */
  teardown(): Promise<void>;
}

/** Collects fires: first fire per key for lateness, repeats as duplicates, strays by scenario. */
export class Recorder {
  private readonly seen = new Set<string>();
  readonly lateness: number[] = [];
  duplicates = 0;
  unexpected = 0;
  firstFireMs = Number.POSITIVE_INFINITY;
  lastFireMs = Number.NEGATIVE_INFINITY;
  private waiter: { count: number; resolve: () => void } | null = null;

  constructor(private readonly expected: Scenario) {}

  record(timer: FiredTimer, nowMs: number): void {
    if (timer.scenario !== this.expected) {
      this.unexpected += 1;
      return;
    }
    if (this.seen.has(timer.key)) {
      this.duplicates += 1;
      return;
    }
    this.seen.add(timer.key);
    this.lateness.push(nowMs - timer.dueMs);
    if (nowMs < this.firstFireMs) this.firstFireMs = nowMs;
    if (nowMs > this.lastFireMs) this.lastFireMs = nowMs;
    if (this.waiter && this.lateness.length >= this.waiter.count) this.waiter.resolve();
  }

  get fired(): number {
    return this.lateness.length;
  }

  /** Resolves when `count` distinct timers fired, or at `deadlineMs` (epoch) — whichever first. */
  async waitFor(count: number, deadlineMs: number): Promise<void> {
    if (this.fired >= count) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, Math.max(0, deadlineMs - Date.now()));
      this.waiter = {
        count,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
      };
    });
    this.waiter = null;
  }
}

/** Progress on stderr (stdout carries only the JSON lines). */
export const note = (message: string): void => {
  process.stderr.write(`[timers-bench ${new Date().toISOString().slice(11, 23)}] ${message}\n`);
};

export const sleepUntil = async (epochMs: number): Promise<void> => {
  const wait = epochMs - Date.now();
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
};

/** Runs `work` over [0, total) in chunks of `size`, `parallel` chunks at a time. */
export const inChunks = async (
  total: number,
  size: number,
  parallel: number,
  work: (from: number, to: number) => Promise<void>,
  progress: (done: number) => void,
): Promise<void> => {
  let next = 0;
  let done = 0;
  const lane = async () => {
    while (next < total) {
      const from = next;
      const to = Math.min(total, from + size);
      next = to;
      await work(from, to);
      done += to - from;
      progress(done);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, parallel) }, lane));
};

export const redisOptions = (url: string) => {
  const parsed = new URL(url);
  return {
    host: parsed.hostname,
    port: Number(parsed.port || 6379),
    password: parsed.password ? decodeURIComponent(parsed.password) : undefined,
    username: parsed.username ? decodeURIComponent(parsed.username) : undefined,
    db: parsed.pathname.length > 1 ? Number(parsed.pathname.slice(1)) : 0,
  };
};

/** A stderr logger for the libraries that want one (warnings and errors only). */
export const stderrLog = {
  log: (): void => undefined,
  debug: (): void => undefined,
  verbose: (): void => undefined,
  info: (): void => undefined,
  warn: (message: unknown, context?: unknown): void => note(`warn: ${String(message)} ${context ? JSON.stringify(context) : ''}`),
  error: (message: unknown, context?: unknown): void => note(`error: ${String(message)} ${context ? JSON.stringify(context) : ''}`),
};
