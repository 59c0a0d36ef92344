import type { EventEnvelope } from '@campaign/contracts';
import { ads } from '@campaign/domain';
import { type PlanResult, type PolicyDecision, type PolicySubject, TimerPlanner, type TimerPolicy, type TimerStore } from '@campaign/timers';

type PolicyEvent = ads.AdAccountEvent | ads.AdActionTimerEvent | ads.RecommendationTimerEvent;
type View = ads.AccountTimerView | ads.ActionTimerView | ads.RecommendationTimerView;

/** An ads event as the scheduler reads it from the bus. */
export interface AdsEventRecord {
  readonly eventId: string;
  readonly streamId: string;
  readonly streamVersion: number;
  readonly occurredAt: string;
  /** `timer-<timerId>` when a timer's command caused it. */
  readonly causationId: string | null;
  readonly event: PolicyEvent;
}

const ACCOUNT_EVENTS: readonly string[] = ads.ACCOUNT_TIMER_EVENTS;
const ACTION_EVENTS: readonly string[] = ads.ACTION_TIMER_EVENTS;
const RECOMMENDATION_EVENTS: readonly string[] = ads.RECOMMENDATION_TIMER_EVENTS;
/** The ads event types the timer policy reacts to; the rest are not even read. */
export const ADS_POLICY_EVENTS: ReadonlySet<string> = new Set([...ACCOUNT_EVENTS, ...ACTION_EVENTS, ...RECOMMENDATION_EVENTS]);

export const toAdsRecord = (envelope: EventEnvelope): AdsEventRecord | null =>
  ADS_POLICY_EVENTS.has(envelope.type)
    ? {
        eventId: envelope.eventId,
        streamId: envelope.streamId,
        streamVersion: envelope.streamVersion,
        occurredAt: envelope.occurredAt,
        causationId: envelope.causationId,
        event: { type: envelope.type, data: envelope.data } as PolicyEvent,
      }
    : null;

/** Whose timers an event moves: its account, its action or its recommendation. */
const subjectOf = ({ event }: AdsEventRecord): PolicySubject | null => {
  const data = event.data as Record<string, string>;
  if (ACCOUNT_EVENTS.includes(event.type)) return { table: 'accounts', key: 'account_id', id: data.accountId };
  if (ACTION_EVENTS.includes(event.type)) return { table: 'actions', key: 'action_id', id: data.actionId };
  if (RECOMMENDATION_EVENTS.includes(event.type)) return { table: 'recommendations', key: 'recommendation_id', id: data.recommendationId };
  return null;
};

const subjectIdOf = (view: View): string => ('accountId' in view ? view.accountId : 'actionId' in view ? view.actionId : view.recommendationId);

/**
 * The domain's policies (seed 003) as timer writes; the org travels with the timer: it is the
 * tenant of the command it sends.
 */
export const adsPolicy = (resultWindowMs: number): TimerPolicy<AdsEventRecord, View> => ({
  subjectOf,
  decide: (view: View | null, record: AdsEventRecord): PolicyDecision<View> => {
    const { event } = record;
    const outcome: ads.AdsPolicyOutcome<View> = ACCOUNT_EVENTS.includes(event.type)
      ? ads.accountTimerPolicy(view as ads.AccountTimerView | null, event as ads.AdAccountEvent)
      : ACTION_EVENTS.includes(event.type)
        ? ads.actionTimerPolicy(view as ads.ActionTimerView | null, event as ads.AdActionTimerEvent)
        : ads.recommendationTimerPolicy(view as ads.RecommendationTimerView | null, event as ads.RecommendationTimerEvent, resultWindowMs);
    const kept = outcome.view;
    if (!kept) return { view: null, cancel: [], schedule: [] };
    const schedule = outcome.schedule.map((timer) => ({
      timerType: timer.timerType,
      dueAt: timer.dueAt,
      payload: { orgId: kept.orgId, subjectId: subjectIdOf(kept), command: ads.ADS_TIMER_COMMANDS[timer.timerType], causedBy: record.eventId },
    }));
    return { view: kept, cancel: outcome.cancel, schedule };
  },
});

const TIMER_CAUSE = /^timer-([0-9a-f-]{36})$/;
const WAIT_STEP_MS = 50;

/**
 * The policy's planner, with one wait: a sync's request is caused by the SYNC_AD_ACCOUNT timer
 * that fired it, and that timer stays RUNNING (active) until its command's result reaches the
 * scheduler — which races the event. Storing the next sync while it is active would be refused
 * (seed 002: one active timer per subject and type) and end the 15-minute cycle, so the planner
 * first waits, briefly and outside its transaction, for the causing timer to finish its attempt.
 * After `maxWaitMs` it plans anyway (the refusal is kept in dead_letters for operators).
 */
export class AdsTimerPlanner {
  private readonly planner: TimerPlanner<AdsEventRecord, View>;

  constructor(
    private readonly store: TimerStore<string>,
    wakeWithinMs: number,
    resultWindowMs: number,
    private readonly maxWaitMs: number,
  ) {
    this.planner = new TimerPlanner(store, adsPolicy(resultWindowMs), wakeWithinMs);
  }

  async apply(records: readonly AdsEventRecord[]): Promise<PlanResult> {
    const firing = records
      .flatMap((r) => (r.event.type === 'AdAccountSyncRequested' ? [TIMER_CAUSE.exec(r.causationId ?? '')?.[1]] : []))
      .filter(Boolean) as string[];
    if (firing.length > 0) await this.untilFinished(firing);
    return this.planner.apply(records);
  }

  private async untilFinished(timerIds: readonly string[]): Promise<void> {
    const deadline = Date.now() + this.maxWaitMs;
    while (Date.now() < deadline) {
      const { rows } = await this.store.pool.query(`SELECT 1 FROM ${this.store.s}.timers WHERE id = ANY($1::uuid[]) AND status = 'RUNNING' LIMIT 1`, [
        timerIds,
      ]);
      if (rows.length === 0) return;
      await new Promise((resolve) => setTimeout(resolve, WAIT_STEP_MS));
    }
  }
}
