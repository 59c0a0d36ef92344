/** seed 000 `campaign_analytics`: one row per (campaign, content, date, platform); the latest measurement replaces it. */
import { projector } from '../shared/projector';
import { analyticsRowId } from './orchestration.ids';
import type { EnvelopeOf } from './orchestration.events';

export interface AnalyticsRow {
  readonly id: string;
  readonly org_id: string;
  readonly campaign_id: string;
  readonly content_id: string | null;
  readonly measurement_date: string;
  readonly platform: string | null;
  readonly views: number;
  readonly clicks: number;
  readonly conversions: number;
  readonly engagements: number;
  readonly shares: number;
  readonly revenue: string | number;
  readonly recorded_at: string;
}

type AnalyticsEnvelope = EnvelopeOf<'ContentAnalyticsRecorded'>;

export const analyticsKeyOf = ({ data: d }: AnalyticsEnvelope): string => analyticsRowId(d.campaignId, d.contentId, d.measurementDate, d.platform);

const projectMeasurement = (_row: AnalyticsRow | null, event: AnalyticsEnvelope): AnalyticsRow => {
  const d = event.data;
  return {
    id: analyticsKeyOf(event),
    org_id: d.orgId,
    campaign_id: d.campaignId,
    content_id: d.contentId,
    measurement_date: d.measurementDate,
    platform: d.platform,
    views: d.views,
    clicks: d.clicks,
    conversions: d.conversions,
    engagements: d.engagements,
    shares: d.shares,
    revenue: d.revenue,
    recorded_at: d.recordedAt,
  };
};

export const campaignAnalyticsProjector = projector({
  table: 'campaign_analytics',
  eventTypes: ['ContentAnalyticsRecorded'],
  project: projectMeasurement,
});
