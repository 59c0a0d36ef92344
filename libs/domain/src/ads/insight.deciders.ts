import { type Command, type DeciderEntry, deciderEntry as entry } from '../shared/decider';
import type { AlertEvent } from './alert';
import { type AlertCommand, alertDecider } from './alert.decide';
import type { AutomationEvent } from './automation';
import { type AutomationCommand, automationDecider } from './automation.decide';
import type { RecommendationEvent } from './recommendation';
import { type RecommendationCommand, recommendationDecider } from './recommendation.decide';

/** Every event of the alerts, recommendations and automation (what the projection and the ingest read). */
export type AdsInsightEvent = AlertEvent | RecommendationEvent | AutomationEvent;
export type AdsInsightCommand = AlertCommand | RecommendationCommand | AutomationCommand;

/** Each list names every command of its decider: a command missing from it does not compile. */
type Every<C extends Command, L extends readonly C['type'][]> = Exclude<C['type'], L[number]> extends never ? L : never;
const every =
  <C extends Command>() =>
  <const L extends readonly C['type'][]>(types: Every<C, L>): readonly C['type'][] =>
    types;

export const ALERT_COMMAND_TYPES = every<AlertCommand>()(['RaiseAlert', 'AcknowledgeAlert', 'ResolveAlert']);
export const RECOMMENDATION_COMMAND_TYPES = every<RecommendationCommand>()([
  'ProposeRecommendation',
  'AcceptRecommendation',
  'RejectRecommendation',
  'RecordRecommendationExecuted',
  'RequestRecommendationResult',
  'RecordRecommendationResult',
]);
export const AUTOMATION_COMMAND_TYPES = every<AutomationCommand>()([
  'SetAutomationGuardrails',
  'RequestAdAction',
  'ApproveAdAction',
  'RejectAdAction',
  'ExpireAdAction',
  'RecordAdActionExecuted',
  'RecordAdActionFailed',
  'RetryAdAction',
]);

/** Alerts, recommendations and automation (guardrails and guarded actions). */
export const INSIGHT_DECIDERS: readonly DeciderEntry[] = [
  entry('alert', alertDecider, ALERT_COMMAND_TYPES),
  entry('recommendation', recommendationDecider, RECOMMENDATION_COMMAND_TYPES),
  entry('automation', automationDecider, AUTOMATION_COMMAND_TYPES),
];
