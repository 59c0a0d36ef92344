import { randomUUID } from 'node:crypto';
import { Batcher } from '@campaign/eventstore';
import type { LogSink } from '@campaign/messaging';
import { Wakeup } from '@campaign/messaging';
import { DueQueue } from './due-queue';
import { StartRecorder } from './start-recorder';
import { WakeListener } from './wake-listener';
import type { DueTimer, Finished, TimerStore } from './timer-store';

export type FireResult = Finished<string>['outcome'];

const CLOCK_SYNC_MS = 30_000;

export interface TimerEngineOptions<T extends string = string> {
  /** Names this instance's leases; unique per process. */
  readonly instanceId: string;
  /** Does what the timer is for; resolves how it went (a throw counts as retryable). */
  readonly fire: (timer: DueTimer<T>) => Promise<FireResult>;
  /** Timers due this far ahead are claimed early and held in memory, to fire on the dot. */
  readonly lookaheadMs?: number;
  /** How long a claim stays ours past its due time; an instance that dies loses it then. */
  readonly leaseMs?: number;
  /** How often to look for due timers when nothing wakes the engine. */
  readonly pollMs?: number;
  readonly claimBatch?: number;
  /** Timers held in memory or firing at once, at most. */
  readonly maxHeld?: number;
  /** Firings in flight at once, at most. */
  readonly concurrency?: number;
  /**
   * Records each attempt's start as it begins (seed 002: RUNNING / STARTED while the timer
   * fires) where the store records timer events; false writes it only with the outcome — one
   * write per firing instead of two, nothing visible while it fires (the bench's reference).
   */
  readonly recordStarts?: boolean;
  readonly onFired?: (timer: DueTimer<T>, latenessMs: number) => void;
  readonly onFinished?: (finished: Finished<T>) => void;
}

export interface EngineStats {
  readonly held: number;
  readonly inFlight: number;
  readonly fired: number;
  readonly lastClaimAt: string | null;
  readonly lastError: string | null;
}

/**
 * Fires due timers on time, once. Timers coming due within the look-ahead are leased in
 * batches (SKIP LOCKED: instances never share one) and held in memory, each fired by a timer
 * of its own at its due instant on the database clock. New near-term timers wake the engine
 * through NOTIFY instead of waiting for the next poll. Outcomes are recorded in batches.
 */
export class TimerEngine<T extends string = string> {
  private readonly o: Required<Omit<TimerEngineOptions<T>, 'onFired' | 'onFinished' | 'recordStarts'>> &
    Pick<TimerEngineOptions<T>, 'onFired' | 'onFinished' | 'recordStarts'>;
  private readonly queue = new DueQueue<DueTimer<T>>();
  private readonly wakeup = new Wakeup();
  private readonly listener: WakeListener;
  private readonly starts: StartRecorder<T> | null;
  private readonly finishing: Batcher<Finished<T>, boolean>;
  private readonly inFlight = new Set<Promise<void>>();
  private readonly firing = new Set<string>();
  /** Due timers waiting for a free firing slot, in due order. */
  private ready: DueTimer<T>[] = [];
  private running = false;
  private loop: Promise<void> | null = null;
  private renewal: NodeJS.Timeout | null = null;
  /** Database clock minus local clock, in ms. */
  private clockOffset = 0;
  private clockSyncedAt = -Infinity;
  private stats: Omit<EngineStats, 'held' | 'inFlight'> = { fired: 0, lastClaimAt: null, lastError: null };

  constructor(
    private readonly store: TimerStore<T>,
    options: TimerEngineOptions<T>,
    private readonly log: LogSink,
  ) {
    const o = { lookaheadMs: 2_000, leaseMs: 60_000, pollMs: 500, claimBatch: 1_000, maxHeld: 5_000, concurrency: 500, ...options };
    this.o = { ...o, claimBatch: Math.min(o.claimBatch, o.maxHeld) };
    this.listener = new WakeListener(store.pool, store.options.schema, () => this.wakeup.wake(), log);
    this.starts =
      store.recordsStarts && options.recordStarts !== false
        ? new StartRecorder<T>((starts) => this.store.start(this.o.instanceId, starts, this.o.leaseMs), log)
        : null;
    this.finishing = new Batcher(async (items) => {
      const recorded = await this.store.finish(this.o.instanceId, items);
      return items.map((item) => recorded.has(item.timer.id));
    });
    this.queue.onDue((timers) => {
      this.ready.push(...timers);
      this.pump();
    });
  }

  get state(): EngineStats {
    return { ...this.stats, held: this.queue.size + this.ready.length, inFlight: this.inFlight.size };
  }

  /** How many more timers this instance may hold. */
  private room(): number {
    return this.o.maxHeld - this.queue.size - this.ready.length - this.inFlight.size;
  }

  /** Database time now, as this process sees it. */
  now(): number {
    return Date.now() + this.clockOffset;
  }

  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    await this.listener.start();
    this.loop = this.run();
    // A third of the lease: two renewals may fail before a held timer's lease lapses.
    this.renewal = setInterval(() => void this.renewLeases(), Math.max(100, Math.floor(this.o.leaseMs / 3)));
    this.renewal.unref();
  }

  /** Keeps the leases of every timer held here (queued, ready or firing) from lapsing while it waits. */
  private async renewLeases(): Promise<void> {
    const ids = [...this.queue.heldIds(), ...this.ready.map((timer) => timer.id), ...this.firing];
    try {
      await this.store.renew(this.o.instanceId, ids, this.o.leaseMs);
    } catch (error) {
      this.log.warn('could not renew timer leases; they lapse unless the next renewal succeeds', { error: (error as Error).message });
    }
  }

  /** Stops claiming, lets firings in flight finish, and gives held timers back. */
  async stop(): Promise<void> {
    this.running = false;
    if (this.renewal) clearInterval(this.renewal);
    this.renewal = null;
    this.wakeup.wake();
    await this.loop;
    await this.listener.stop();
    const unfired = [...this.queue.drain(), ...this.ready];
    this.ready = [];
    await Promise.allSettled([...this.inFlight]);
    await this.store
      .release(
        this.o.instanceId,
        unfired.map((timer) => timer.id),
      )
      .catch((error) => this.log.warn('could not release held timers; their leases will lapse', { error: (error as Error).message }));
  }

  private async run(): Promise<void> {
    let backoffMs = 100;
    while (this.running) {
      try {
        const room = this.room();
        const claimed = room > 0 ? await this.claim(Math.min(room, this.o.claimBatch)) : 0;
        backoffMs = 100;
        if (claimed === Math.min(room, this.o.claimBatch) && claimed > 0) continue;
        await this.wakeup.sleep(this.o.pollMs);
      } catch (error) {
        this.stats = { ...this.stats, lastError: (error as Error).message };
        this.log.error('claiming timers failed; retrying', { error: (error as Error).message });
        await this.wakeup.sleep((backoffMs = Math.min(backoffMs * 2, 5_000)));
      }
    }
  }

  private async claim(limit: number): Promise<number> {
    if (Date.now() - this.clockSyncedAt > CLOCK_SYNC_MS) await this.syncClock();
    const { timers } = await this.store.claim(this.o.instanceId, this.o.lookaheadMs, this.o.leaseMs, limit);
    this.stats = { ...this.stats, lastClaimAt: new Date().toISOString(), lastError: null };
    for (const timer of timers) {
      // Re-claimed after our own lease lapsed (an overloaded engine): it is already on its way.
      if (this.firing.has(timer.id)) continue;
      this.queue.add(timer, timer.attemptAt.getTime() - this.clockOffset);
    }
    return timers.length;
  }

  /**
   * Measures the database clock against ours: of a few round trips, the shortest says the
   * most (its midpoint is closest to when the database read its clock).
   */
  private async syncClock(): Promise<void> {
    let best = { rtt: Infinity, offset: this.clockOffset };
    for (let i = 0; i < 5; i++) {
      const sentAt = Date.now();
      const dbNow = await this.store.databaseNow();
      const receivedAt = Date.now();
      if (receivedAt - sentAt < best.rtt) best = { rtt: receivedAt - sentAt, offset: dbNow - (sentAt + receivedAt) / 2 };
    }
    this.clockOffset = best.offset;
    this.clockSyncedAt = Date.now();
  }

  /** Starts due timers while firing slots are free. */
  private pump(): void {
    while (this.running && this.ready.length > 0 && this.inFlight.size < this.o.concurrency) {
      const timer = this.ready.shift() as DueTimer<T>;
      this.firing.add(timer.id);
      const firing: Promise<void> = this.fireOne(timer).finally(() => {
        this.firing.delete(timer.id);
        this.inFlight.delete(firing);
        this.pump();
        // Claim again once there is room for half a batch, not for every timer that settles.
        if (this.room() >= Math.ceil(this.o.claimBatch / 2)) this.wakeup.wake();
      });
      this.inFlight.add(firing);
    }
  }

  private async fireOne(timer: DueTimer<T>): Promise<void> {
    const startedAt = new Date(this.now());
    const executionId = randomUUID();
    this.stats = { ...this.stats, fired: this.stats.fired + 1 };
    this.o.onFired?.(timer, startedAt.getTime() - timer.attemptAt.getTime());
    // The start is written beside the firing, not before it: recording costs the timer no lateness.
    this.starts?.begin({ timer, executionId, startedAt });
    let outcome: FireResult;
    try {
      outcome = await this.o.fire(timer);
    } catch (error) {
      outcome = { ok: false, error: (error as Error).message, retryable: true };
    }
    // The outcome follows its start on the timer's stream (or brings it, if it was not written).
    await this.starts?.end(executionId);
    const finished: Finished<T> = { timer, executionId, startedAt, finishedAt: new Date(this.now()), outcome };
    try {
      const recorded = await this.finishing.submit(finished);
      if (recorded) this.o.onFinished?.(finished);
      else this.log.warn('timer lease was lost before its outcome was recorded; its new holder fires it', { timerId: timer.id });
    } catch (error) {
      // The lease lapses and the timer is fired again; the command id makes that a no-op.
      this.log.error('could not record a timer outcome', { timerId: timer.id, error: (error as Error).message });
    }
  }
}
