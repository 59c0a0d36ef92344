/**
 * An alert (seed 003 `alerts`): one stream per campaign and rule, so "one open alert per
 * campaign and rule" is the stream's own invariant — a repeat while it is open updates it, and
 * after it is resolved the next one is a new alert (a new alerts row) in the same stream.
 */
import type { Event } from '../shared/decider';
import type { CampaignRef, CampaignRegisteredShape } from './insight.rules';

// seed 003: alert_type — ROAS_DROP, CPA_SPIKE, ZERO_CONVERSIONS
export const ALERT_TYPES = ['ROAS_DROP', 'CPA_SPIKE', 'ZERO_CONVERSIONS'] as const;
export type AlertType = (typeof ALERT_TYPES)[number];
// seed 003: severity — LOW, MEDIUM, HIGH, CRITICAL (the "active alerts" query orders them CRITICAL first)
export const ALERT_SEVERITIES = ['LOW', 'MEDIUM', 'HIGH', 'CRITICAL'] as const;
export type AlertSeverity = (typeof ALERT_SEVERITIES)[number];

export const alertStreamId = (campaignId: string, alertType: string): string => `ads-alert-${campaignId}-${alertType.toLowerCase()}`;

export type AlertRaised = Event<
  'AlertRaised',
  {
    readonly alertId: string;
    readonly orgId: string;
    readonly campaignId: string;
    readonly alertType: AlertType;
    readonly severity: AlertSeverity;
    readonly platform: string;
    readonly message: string;
    readonly metricName: string;
    /** DECIMAL(15,4) as a string. */
    readonly metricValue: string;
    readonly thresholdValue: string;
    readonly raisedAt: string;
  }
>;

/** The open alert seen again: its new figures (the same alerts row). */
export type AlertUpdated = Event<
  'AlertUpdated',
  {
    readonly alertId: string;
    readonly severity: AlertSeverity;
    readonly message: string;
    readonly metricValue: string;
    readonly thresholdValue: string;
    readonly updatedAt: string;
  }
>;

export type AlertAcknowledged = Event<'AlertAcknowledged', { readonly alertId: string; readonly acknowledgedBy: string; readonly acknowledgedAt: string }>;

/** `resolvedBy` is `auto` when the metric recovered, else who resolved it. */
export type AlertResolved = Event<'AlertResolved', { readonly alertId: string; readonly resolvedAt: string; readonly resolvedBy: string }>;

export type AlertEvent = AlertRaised | AlertUpdated | AlertAcknowledged | AlertResolved;

/** What the alert decider folds: its own events, and the campaign's registration (read from H1's stream). */
export type AlertDeciderEvent = AlertEvent | CampaignRegisteredShape;

export interface OpenAlert {
  readonly alertId: string;
  readonly orgId: string;
  readonly severity: AlertSeverity;
  readonly message: string;
  readonly metricValue: string;
  readonly thresholdValue: string;
  readonly acknowledged: boolean;
}

export interface AlertState {
  /** The campaign, from its own stream (alsoReads): an alert is raised only on the org's campaign. */
  readonly campaign: CampaignRef | null;
  /** The org of the stream's alerts (null before the first). */
  readonly orgId: string | null;
  readonly open: OpenAlert | null;
}

export const initialAlertState = (): AlertState => ({ campaign: null, orgId: null, open: null });

export const evolveAlert = (state: AlertState, event: AlertDeciderEvent): AlertState => {
  const known = event;
  switch (known.type) {
    case 'AdCampaignRegistered':
      return { ...state, campaign: { orgId: known.data.orgId, platform: known.data.platform } };
    case 'AlertRaised': {
      const { alertId, orgId, severity, message, metricValue, thresholdValue } = known.data;
      return { ...state, orgId, open: { alertId, orgId, severity, message, metricValue, thresholdValue, acknowledged: false } };
    }
    case 'AlertUpdated': {
      if (state.open === null) return state;
      const { severity, message, metricValue, thresholdValue } = known.data;
      return { ...state, open: { ...state.open, severity, message, metricValue, thresholdValue } };
    }
    case 'AlertAcknowledged':
      return state.open === null ? state : { ...state, open: { ...state.open, acknowledged: true } };
    case 'AlertResolved':
      return { ...state, open: null };
    default:
      // Other events of the campaign's stream say nothing an alert needs.
      return state;
  }
};
