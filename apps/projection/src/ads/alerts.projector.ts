/**
 * seed 003 `alerts`: one row per raised alert — at most one open per campaign and rule (the
 * alert stream), a repeat updates it — acknowledged by a person, resolved by a person or
 * automatically when the metric recovers (resolved_by 'auto').
 */
import { projector } from '../shared/projector';
import type { EnvelopeOf } from './ads.events';

export interface AlertRow {
  readonly id: string;
  readonly org_id: string;
  readonly alert_type: string;
  readonly severity: string;
  readonly campaign_id: string;
  readonly platform: string | null;
  readonly message: string;
  readonly metric_name: string | null;
  readonly metric_value: string | number | null;
  readonly threshold_value: string | number | null;
  readonly created_at: string;
  readonly acknowledged_at: string | null;
  readonly acknowledged_by: string | null;
  readonly resolved_at: string | null;
  readonly resolved_by: string | null;
  readonly updated_at: string;
}

type AlertEnvelope = EnvelopeOf<'AlertRaised' | 'AlertUpdated' | 'AlertAcknowledged' | 'AlertResolved'>;

const projectAlert = (row: AlertRow | null, event: AlertEnvelope): AlertRow | null => {
  switch (event.type) {
    case 'AlertRaised': {
      const d = event.data;
      return (
        row ?? {
          id: d.alertId,
          org_id: d.orgId,
          alert_type: d.alertType,
          severity: d.severity,
          campaign_id: d.campaignId,
          platform: d.platform,
          message: d.message,
          metric_name: d.metricName,
          metric_value: d.metricValue,
          threshold_value: d.thresholdValue,
          created_at: d.raisedAt,
          acknowledged_at: null,
          acknowledged_by: null,
          resolved_at: null,
          resolved_by: null,
          updated_at: d.raisedAt,
        }
      );
    }
    case 'AlertUpdated': {
      const d = event.data;
      return (
        row && { ...row, severity: d.severity, message: d.message, metric_value: d.metricValue, threshold_value: d.thresholdValue, updated_at: d.updatedAt }
      );
    }
    case 'AlertAcknowledged': {
      const d = event.data;
      return row && { ...row, acknowledged_at: d.acknowledgedAt, acknowledged_by: d.acknowledgedBy, updated_at: d.acknowledgedAt };
    }
    case 'AlertResolved': {
      const d = event.data;
      return row && { ...row, resolved_at: d.resolvedAt, resolved_by: d.resolvedBy, updated_at: d.resolvedAt };
    }
  }
};

export const alertsProjector = projector({
  table: 'alerts',
  eventTypes: ['AlertRaised', 'AlertUpdated', 'AlertAcknowledged', 'AlertResolved'],
  project: projectAlert,
});
