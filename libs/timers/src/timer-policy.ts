import type { PoolClient } from 'pg';

/** An event as a planner reads it from the bus. */
export interface PlannedRecord {
  readonly eventId: string;
  readonly streamId: string;
  readonly streamVersion: number;
  readonly occurredAt: string;
  /** Ties the timer events it causes to its own correlation; its event id where the bus gives none. */
  readonly correlationId?: string;
}

/**
 * Whose timers an event moves, and where the policy keeps what it remembers of them: a table
 * in the context's schema with the key column, `view` (JSONB), `stream_version` and `updated_at`.
 */
export interface PolicySubject {
  readonly table: string;
  readonly key: string;
  readonly id: string;
}

export interface TimerToCancel {
  readonly timerType: string;
  readonly reason: string;
}

/** A timer to store, with the payload its firing reads. */
export interface TimerToSchedule {
  readonly timerType: string;
  readonly dueAt: string;
  readonly payload: Readonly<Record<string, unknown>>;
}

/** A timer the policy wanted but its rules refused; kept in the dead letters for operators. */
export interface RefusedTimer {
  readonly timerType: string;
  readonly refused: string;
}

export type ScheduledOrRefused = TimerToSchedule | RefusedTimer;

/** What an event means for its subject's timers; no view: the event changes nothing. */
export interface PolicyDecision<V> {
  readonly view: V | null;
  readonly cancel: readonly TimerToCancel[];
  readonly schedule: readonly ScheduledOrRefused[];
}

/** A context's planning policy: event → timer writes, as TimerPlanner applies them. */
export interface TimerPolicy<R extends PlannedRecord, V = unknown> {
  /** The subject the event is about, or null when the policy ignores it. */
  subjectOf(record: R): PolicySubject | null;
  decide(view: V | null, record: R): PolicyDecision<V>;
  /**
   * Remember every subject an event names, even when the event gives it no view (so earlier
   * events of its stream that never arrived can still be found); otherwise a subject is
   * remembered from its first view.
   */
  readonly remembersEverySubject?: boolean;
  /** Events of the subject's stream between the last applied and this one that never arrived, oldest first. */
  missed?(client: PoolClient, record: R, applied: number): Promise<R[]>;
}
