/**
 * The alert decider (seed 003 `alerts`, issue 12 point 5): the evaluator raises and resolves
 * alerts automatically; a marketer or an admin acknowledges and resolves them.
 */
import { assertNever, type Command, type Decider, type Decision, DomainError } from '../shared/decider';
import { toIso } from '../shared/validation';
import {
  ALERT_SEVERITIES,
  ALERT_TYPES,
  type AlertDeciderEvent,
  type AlertEvent,
  type AlertSeverity,
  type AlertState,
  type AlertType,
  alertStreamId,
  evolveAlert,
  initialAlertState,
  type OpenAlert,
} from './alert';
import { adCampaignStreamId } from './ad-campaign';
import { AdsErrorCode as Code } from './errors';
import { ACTING_ROLES, actorIdOf, derivedUuid, isLowerUuid, isMetricDecimal, isText, nowOf, personOf, reject, roleRequired, tenantOf } from './insight.rules';

export type RaiseAlert = Command<
  'RaiseAlert',
  {
    readonly campaignId: string;
    readonly alertType: AlertType;
    readonly severity: AlertSeverity;
    readonly platform: string;
    readonly message: string;
    readonly metricName: string;
    readonly metricValue: string;
    readonly thresholdValue: string;
  }
>;
/** `alertId`, when given, must be the open alert's: a person acts on the alert they saw. */
export type AcknowledgeAlert = Command<'AcknowledgeAlert', { readonly campaignId: string; readonly alertType: AlertType; readonly alertId?: string | null }>;
export type ResolveAlert = Command<
  'ResolveAlert',
  { readonly campaignId: string; readonly alertType: AlertType; readonly alertId?: string | null; readonly automatic?: boolean | null }
>;
export type AlertCommand = RaiseAlert | AcknowledgeAlert | ResolveAlert;

// seed 003: platform VARCHAR(50), metric_name VARCHAR(100); message is TEXT (bounded to keep events small).
const PLATFORM_MAX = 50;
const METRIC_NAME_MAX = 100;
const MESSAGE_MAX = 10_000;

const invalid = (field: string, message: string) => reject(Code.ALERT_INVALID, message, { field });

const addressError = (data: { readonly campaignId: unknown; readonly alertType: unknown }): DomainError | null => {
  if (!isLowerUuid(data.campaignId)) return invalid('campaign_id', 'campaign_id must be a lowercase UUID');
  if (!(ALERT_TYPES as readonly unknown[]).includes(data.alertType)) return invalid('alert_type', `alert_type must be one of ${ALERT_TYPES.join(', ')}`);
  return null;
};

const raiseError = (data: RaiseAlert['data']): DomainError | null => {
  if (!(ALERT_SEVERITIES as readonly unknown[]).includes(data.severity)) return invalid('severity', `severity must be one of ${ALERT_SEVERITIES.join(', ')}`);
  if (!isText(data.platform, PLATFORM_MAX)) return invalid('platform', `platform must be 1 to ${PLATFORM_MAX} characters`);
  if (!isText(data.message, MESSAGE_MAX)) return invalid('message', `message must be 1 to ${MESSAGE_MAX} characters, not blank`);
  if (!isText(data.metricName, METRIC_NAME_MAX)) return invalid('metric_name', `metric_name must be 1 to ${METRIC_NAME_MAX} characters`);
  if (!isMetricDecimal(data.metricValue)) return invalid('metric_value', 'metric_value must be a decimal string that fits DECIMAL(15,4)');
  if (!isMetricDecimal(data.thresholdValue)) return invalid('threshold_value', 'threshold_value must be a decimal string that fits DECIMAL(15,4)');
  return null;
};

const raise = (command: RaiseAlert, state: AlertState): Decision<AlertEvent> => {
  const denied = roleRequired(command, ACTING_ROLES);
  if (denied) return denied;
  const error = addressError(command.data) ?? raiseError(command.data);
  if (error) return error;
  const orgId = tenantOf(command);
  const { campaignId, alertType, severity, platform, message, metricName, metricValue, thresholdValue } = command.data;
  // seed 003: alerts.campaign_id REFERENCES campaigns(id) — the org's own campaign; another org's is not there.
  if (state.campaign === null || state.campaign.orgId !== orgId) {
    return reject(Code.ALERT_CAMPAIGN_NOT_FOUND, `Ad campaign ${campaignId} does not exist`, { campaignId });
  }
  const now = toIso(nowOf(command));
  // Issue 12 point 5: one open alert per campaign and rule — a repeat updates it, it does not duplicate.
  const open = state.open;
  if (open !== null) {
    const same = open.severity === severity && open.message === message && open.metricValue === metricValue && open.thresholdValue === thresholdValue;
    if (same) return [];
    return [{ type: 'AlertUpdated', data: { alertId: open.alertId, severity, message, metricValue, thresholdValue, updatedAt: now } }];
  }
  const alertId = derivedUuid(command.metadata.commandId, `alert:${campaignId}:${alertType}`);
  return [
    {
      type: 'AlertRaised',
      data: { alertId, orgId, campaignId, alertType, severity, platform, message, metricName, metricValue, thresholdValue, raisedAt: now },
    },
  ];
};

/** The open alert a person or the evaluator acts on; another org's alert is not there. */
const openAlert = (command: AcknowledgeAlert | ResolveAlert, state: AlertState): OpenAlert | DomainError => {
  const error = addressError(command.data);
  if (error) return error;
  const { campaignId, alertType, alertId = null } = command.data;
  if (state.orgId !== tenantOf(command)) return reject(Code.ALERT_NOT_FOUND, `No ${alertType} alert for campaign ${campaignId}`, { campaignId, alertType });
  if (state.open === null || (alertId !== null && alertId !== state.open.alertId)) {
    return reject(Code.ALERT_NOT_OPEN, `The ${alertType} alert of campaign ${campaignId} is not open`, { campaignId, alertType, alertId });
  }
  return state.open;
};

// Issue 12 point 5: acknowledge by a person (marketer or admin); once is enough.
const acknowledge = (command: AcknowledgeAlert, state: AlertState): Decision<AlertEvent> => {
  const denied = roleRequired(command, ACTING_ROLES, true);
  if (denied) return denied;
  const open = openAlert(command, state);
  if (open instanceof DomainError) return open;
  if (open.acknowledged) return [];
  return [{ type: 'AlertAcknowledged', data: { alertId: open.alertId, acknowledgedBy: actorIdOf(command), acknowledgedAt: toIso(nowOf(command)) } }];
};

/**
 * Issue 12 point 5: resolve by a person, or automatically when the metric recovers. Only the
 * evaluator (a service) resolves automatically; it re-evaluates every window, so its resolution
 * of an alert that is no longer open is nothing rather than an error.
 */
const resolve = (command: ResolveAlert, state: AlertState): Decision<AlertEvent> => {
  const automatic = command.data.automatic === true && personOf(command) === null;
  const denied = roleRequired(command, ACTING_ROLES, !automatic);
  if (denied) return denied;
  const open = openAlert(command, state);
  if (open instanceof DomainError) return automatic && open.code !== Code.ALERT_INVALID ? [] : open;
  const resolvedBy = automatic ? 'auto' : actorIdOf(command);
  return [{ type: 'AlertResolved', data: { alertId: open.alertId, resolvedAt: toIso(nowOf(command)), resolvedBy } }];
};

export const decideAlert = (command: AlertCommand, state: AlertState): Decision<AlertEvent> => {
  switch (command.type) {
    case 'RaiseAlert':
      return raise(command, state);
    case 'AcknowledgeAlert':
      return acknowledge(command, state);
    case 'ResolveAlert':
      return resolve(command, state);
    default:
      return assertNever(command);
  }
};

export const alertDecider: Decider<AlertCommand, AlertDeciderEvent, AlertState> = {
  initialState: initialAlertState,
  decide: decideAlert,
  evolve: evolveAlert,
  streamIdOf: (command) => alertStreamId(command.data.campaignId, String(command.data.alertType)),
  alsoReads: (command) => (command.type === 'RaiseAlert' ? [adCampaignStreamId(command.data.campaignId)] : []),
};
