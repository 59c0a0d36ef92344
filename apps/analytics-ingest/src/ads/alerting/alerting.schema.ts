import { quoteIdent } from '@campaign/eventstore';

/**
 * The alerting part's own tables in the ads ingest's schema (prefixed `alerting_`; apps never
 * share tables). `alerting_buckets` keeps each campaign's figures from `ads.metric-facts`
 * (a restated bucket replaces the row), `alerting_checkpoints` the next offset per partition,
 * committed with the rows, so a redelivered fact changes nothing.
 */
export const alertingDdl = (schema: string): string => {
  const s = quoteIdent(schema);
  return `
CREATE SCHEMA IF NOT EXISTS ${s};

CREATE TABLE IF NOT EXISTS ${s}.alerting_buckets (
  campaign_id UUID NOT NULL,
  time TIMESTAMPTZ NOT NULL,
  org_id UUID NOT NULL,
  platform TEXT NOT NULL,
  impressions BIGINT NOT NULL,
  clicks BIGINT NOT NULL,
  spend_cents BIGINT NOT NULL,
  conversions INTEGER NOT NULL,
  revenue_cents BIGINT NOT NULL,
  observed_at TIMESTAMPTZ NOT NULL,
  PRIMARY KEY (campaign_id, time)
);
CREATE INDEX IF NOT EXISTS alerting_buckets_org_time ON ${s}.alerting_buckets (org_id, time);

CREATE TABLE IF NOT EXISTS ${s}.alerting_checkpoints (
  topic TEXT NOT NULL,
  partition INTEGER NOT NULL,
  next_offset BIGINT NOT NULL,
  PRIMARY KEY (topic, partition)
);
-- The Kafka cluster the offset was read in (libs/messaging checkpointOutlived); ADD COLUMN, so a schema made before it gains it.
ALTER TABLE ${s}.alerting_checkpoints ADD COLUMN IF NOT EXISTS cluster_id TEXT;

-- What this part last told the command side per campaign and rule: an open alert is resolved
-- when its metric recovers; an unchanged verdict is not sent again.
CREATE TABLE IF NOT EXISTS ${s}.alerting_alert_state (
  campaign_id UUID NOT NULL,
  alert_type TEXT NOT NULL,
  org_id UUID NOT NULL,
  open BOOLEAN NOT NULL,
  last_command_id UUID NOT NULL,
  updated_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  PRIMARY KEY (campaign_id, alert_type)
);

-- One analysis per org and analysis window (data time), so a redelivered batch does not rerun it.
CREATE TABLE IF NOT EXISTS ${s}.alerting_analyses (
  org_id UUID NOT NULL,
  window_end TIMESTAMPTZ NOT NULL,
  provider TEXT NOT NULL,
  proposals INTEGER NOT NULL,
  analyzed_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, window_end)
);

-- The recommendations as the ads events tell them: one pending per campaign and type.
CREATE TABLE IF NOT EXISTS ${s}.alerting_recommendations (
  recommendation_id UUID PRIMARY KEY,
  org_id UUID NOT NULL,
  campaign_id UUID NOT NULL,
  recommendation_type TEXT NOT NULL,
  status TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS alerting_recommendations_pending ON ${s}.alerting_recommendations (campaign_id, recommendation_type)
  WHERE status = 'pending';

-- Actions asked for a recommendation: when one is executed, its recommendation is recorded executed.
CREATE TABLE IF NOT EXISTS ${s}.alerting_actions (
  action_id UUID PRIMARY KEY,
  recommendation_id UUID NOT NULL,
  org_id UUID NOT NULL
);

-- The orgs' budget allocations per period (the analyzer suggests moves of a person's split).
CREATE TABLE IF NOT EXISTS ${s}.alerting_budget_allocations (
  allocation_id UUID PRIMARY KEY,
  org_id UUID NOT NULL,
  period_start DATE NOT NULL,
  period_end DATE NOT NULL,
  total_budget NUMERIC(15,2) NOT NULL,
  allocations JSONB NOT NULL,
  ai_suggested BOOLEAN NOT NULL,
  created_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX IF NOT EXISTS alerting_budget_allocations_org ON ${s}.alerting_budget_allocations (org_id, period_start);

-- An org's guardrails as far as the analyzer needs them (whether to ask for an autonomous action).
CREATE TABLE IF NOT EXISTS ${s}.alerting_guardrails (
  org_id UUID PRIMARY KEY,
  autonomous_enabled BOOLEAN NOT NULL,
  confidence_floor NUMERIC(3,2) NOT NULL
);
`;
};
