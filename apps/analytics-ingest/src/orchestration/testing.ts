/** Builders of the orchestration analytics specs; production code never imports this. */
import { randomUUID } from 'node:crypto';

/** A good seed 000 `campaign_analytics` row as a push carries it (snake_case columns), with `fields` replacing or adding columns. */
export const analyticsRow = (fields: Record<string, unknown> = {}) => ({
  campaign_id: randomUUID(),
  content_id: null,
  measurement_date: '2026-05-01',
  platform: 'linkedin',
  views: 1200,
  clicks: 80,
  conversions: 4,
  engagements: 150,
  shares: 9,
  revenue: '1250.50',
  ...fields,
});
