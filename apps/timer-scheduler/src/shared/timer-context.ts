import type { CommandEnvelope, EventEnvelope } from '@campaign/contracts';
import { type DueTimer, type PlanResult, type TimerEventLog, TimerStore } from '@campaign/timers';
import type { z } from '@campaign/runtime';
import type { Pool } from 'pg';
import type { TimerSchedulerConfig } from '../config';

/** The command a due timer sends, and the stream it is keyed by. */
export interface TimerCommand {
  readonly envelope: CommandEnvelope;
  readonly key: string;
}

/** Turns the events a context's consumer reads into timer writes, in its store's schema. */
export interface TimerPlanner<R> {
  apply(records: readonly R[]): Promise<PlanResult>;
}

/** Where a context's timers live: its schema and its consumer group (see contextSettings). */
export interface TimerContextSettings {
  readonly schema: string;
  readonly group: string;
}

/**
 * One context whose timers this app plans and fires. The generic machinery (shared/) builds
 * one store, planning consumer and firing service from each descriptor registered in
 * contexts.ts; nothing else names a context.
 */
export interface TimerContext<T extends string = string, R = unknown> {
  /** The context's name: its topics, its settings' prefix, its routes and labels. */
  readonly name: string;
  /** Defaults of `<NAME>_TIMER_SCHEMA` and `<NAME>_TIMER_GROUP`. */
  readonly defaults: TimerContextSettings;
  /** Settings of its own (`<NAME>_<SETTING>`), merged into the app's config. */
  readonly settings?: z.ZodRawShape;
  /** Names the settings had before they were uniform; still read, as deprecated aliases. */
  readonly formerSettings?: Partial<Record<keyof TimerContextSettings, string>>;
  /** The tables of its schema: the generic ones (timersDdl) unless its policy remembers more. */
  readonly ddl?: (schema: string) => string;
  /** Where it records seed 002's timer events (campaign_timers, timer_executions); none: not recorded. */
  timerEvents?(config: TimerSchedulerConfig): TimerEventLog;
  /** The planning policy: which events it reads and the timers they imply. */
  readonly planning: {
    toRecord(envelope: EventEnvelope): R | null;
    planner(store: TimerStore<T>, config: TimerSchedulerConfig): TimerPlanner<R>;
    readonly refusedWarning: string;
  };
  /** The scopes the context's commands are signed with: the scheduler acts as a service of every org. */
  readonly commandScopes: readonly string[];
  /** Firing: the command a due timer sends, or why it cannot send one (the attempt fails for good). */
  commandOf(timer: DueTimer<T>, issuedAt: string): TimerCommand | string;
  /** Also lists the active timers whose payload names the campaign (timers of its contacts). */
  readonly listsPayloadCampaign?: boolean;
  /** A recurring job beside the timers (seed 002's cleanup policies), if the context has one. */
  cleanup?(pool: Pool, config: TimerSchedulerConfig): Promise<Record<string, unknown>>;
}

/** The uniform names of a context's settings. */
export const settingNames = (context: Pick<TimerContext, 'name'>) => {
  const prefix = context.name.toUpperCase().replace(/[^A-Z0-9]/g, '_');
  return { schema: `${prefix}_TIMER_SCHEMA`, group: `${prefix}_TIMER_GROUP` } as const;
};

/** A context's schema and consumer group, as configured. */
export const contextSettings = (config: TimerSchedulerConfig, context: Pick<TimerContext, 'name'>): TimerContextSettings => {
  const names = settingNames(context);
  return { schema: config[names.schema], group: config[names.group] };
};

/** A context's timer store on its configured schema, with its DDL and its timer events. */
export const timerStoreOf = <T extends string>(context: TimerContext<T>, pool: Pool, config: TimerSchedulerConfig): TimerStore<T> =>
  new TimerStore<T>(pool, { schema: contextSettings(config, context).schema, ddl: context.ddl, events: context.timerEvents?.(config) });
