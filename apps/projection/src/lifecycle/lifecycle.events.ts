import type { EventEnvelope } from '@campaign/contracts';
import type { lifecycle } from '@campaign/domain';

type LifecycleEvent = lifecycle.CampaignEvent | lifecycle.TimerEvent;

/**
 * A lifecycle event as it arrives from the bus: the domain event inside its envelope. The
 * topic carries the campaigns' own events and the timer events the timer-scheduler records.
 */
export type LifecycleEnvelope = {
  [T in LifecycleEvent['type']]: EventEnvelope<Extract<LifecycleEvent, { type: T }>['data']> & { type: T };
}[LifecycleEvent['type']];

/** A timer event inside its envelope. */
export type TimerEnvelope = Extract<LifecycleEnvelope, { type: lifecycle.TimerEvent['type'] }>;

export interface CampaignRow {
  readonly id: string;
  readonly status: lifecycle.CampaignStatus;
  readonly metadata: Readonly<Record<string, unknown>>;
  readonly created_at: string;
  readonly updated_at: string;
  readonly start_time: string | null;
  readonly end_time: string | null;
  readonly duration_hours: number;
  readonly auto_close: boolean;
  readonly rewards_enabled: boolean;
}

/** seed 002 `campaign_timers`, times in UTC ISO form. */
export interface CampaignTimerRow {
  readonly id: string;
  readonly campaign_id: string;
  readonly timer_type: lifecycle.TimerType;
  readonly status: lifecycle.TimerStatus;
  readonly scheduled_at: string;
  readonly executed_at: string | null;
  readonly payload: Readonly<Record<string, unknown>>;
  readonly retry_count: number;
  readonly created_at: string;
  readonly updated_at: string;
}

/** seed 002 `timer_executions`, times in UTC ISO form. */
export interface TimerExecutionRow {
  readonly id: string;
  readonly timer_id: string;
  readonly status: 'STARTED' | 'COMPLETED' | 'FAILED';
  readonly result: Readonly<Record<string, unknown>> | null;
  readonly error_message: string | null;
  readonly started_at: string;
  readonly completed_at: string | null;
  readonly execution_time_ms: number | null;
}
