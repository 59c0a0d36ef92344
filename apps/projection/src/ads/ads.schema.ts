/**
 * The ads read models, as seed 003 defines them (tables, defaults, foreign keys, indexes),
 * created in a schema whose name is a parameter so that a rebuild can fill a shadow copy.
 * `campaign_metrics` (the time series) is created by ./metrics after `campaigns`, which it references.
 *
 * Deliberate departures from the seed, each forced by tenancy or by event sourcing:
 * - Every table but campaign_metrics has `org_id UUID NOT NULL`: the platform serves many
 *   organizations and the query API answers each one with its own rows only (ads.rls.ts).
 *   The seed's ids and UNIQUE(platform, platform_campaign_id) stay global (campaign ids are
 *   derived from that pair, libs/contracts/src/ads/ids.ts).
 * - campaigns.account_id: the ad account a campaign was registered under (no foreign key: the
 *   account's and the campaign's events are separate streams, applied in any order).
 *   A metric fact may arrive before its campaign's registration: ./metrics then inserts a stub
 *   (id, org_id, platform, platform_campaign_id) that the registration fills in — why the seed's
 *   nullable columns stay nullable.
 * - ad_accounts is added: the connected ad accounts and their last sync (seed 003 Data Flow:
 *   "15min sync"), which the real-time figures serve and rebuild from.
 * - ai_recommendations: provider, action, baseline (what the analyzer proposed and the figures it
 *   saw), decided_by/decided_at (who accepted or rejected it), action_id (the ai_actions_log row
 *   that executed it), updated_at.
 * - ai_actions_log: status (requested → awaiting_approval → approved → executed, or retrying,
 *   dead_lettered, expired, rejected), recommendation_id, change_amount, requested_by/_at,
 *   awaiting_reason, expires_at, attempts, last_error, next_retry_at, updated_at. executed_at keeps
 *   the seed's DEFAULT NOW() but the projection writes NULL until the action has executed: the
 *   seed's "AI actions history" (executed_at in the last 24 hours) lists executed actions only.
 * - alerts: resolved_by ('auto' or the user) and updated_at (a repeat updates the open alert).
 * - Times are the events' own, stored in the seed's TIMESTAMP columns as UTC (every session of
 *   the platform runs with TimeZone UTC), so a rebuild reproduces each row exactly.
 */
import { quoteIdent } from '@campaign/eventstore';
import { bookkeepingDdl } from '../shared/bookkeeping.schema';

export const adsDdl = (schema: string): string => {
  const s = quoteIdent(schema);
  return `
CREATE SCHEMA IF NOT EXISTS ${s};

CREATE TABLE IF NOT EXISTS ${s}.campaigns (
    id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    platform VARCHAR(50) NOT NULL,
    platform_campaign_id VARCHAR(255) NOT NULL,
    name VARCHAR(500),
    status VARCHAR(50),
    objective VARCHAR(100),
    budget_amount DECIMAL(15,2),
    budget_type VARCHAR(50), -- daily, lifetime
    start_date TIMESTAMP,
    end_date TIMESTAMP,
    created_at TIMESTAMP DEFAULT NOW(),
    updated_at TIMESTAMP DEFAULT NOW(),
    org_id UUID NOT NULL,
    account_id UUID,
    UNIQUE(platform, platform_campaign_id)
);
CREATE INDEX IF NOT EXISTS idx_campaigns_platform ON ${s}.campaigns(platform);
CREATE INDEX IF NOT EXISTS idx_campaigns_status ON ${s}.campaigns(status);
CREATE INDEX IF NOT EXISTS idx_campaigns_org ON ${s}.campaigns(org_id);

CREATE TABLE IF NOT EXISTS ${s}.ad_accounts (
    id UUID PRIMARY KEY,
    org_id UUID NOT NULL,
    platform VARCHAR(50) NOT NULL,
    platform_account_id VARCHAR(255) NOT NULL,
    name VARCHAR(500),
    currency VARCHAR(3),
    time_zone VARCHAR(64),
    status VARCHAR(20) NOT NULL, -- connected, disconnected
    connected_at TIMESTAMP NOT NULL,
    disconnected_at TIMESTAMP,
    last_sync_requested_at TIMESTAMP,
    last_synced_at TIMESTAMP,
    last_sync_id VARCHAR(255),
    last_sync_failed_at TIMESTAMP,
    last_sync_error TEXT,
    updated_at TIMESTAMP NOT NULL,
    UNIQUE(platform, platform_account_id)
);
CREATE INDEX IF NOT EXISTS idx_ad_accounts_org ON ${s}.ad_accounts(org_id);

CREATE TABLE IF NOT EXISTS ${s}.ai_recommendations (
    id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    campaign_id UUID REFERENCES ${s}.campaigns(id),
    recommendation_type VARCHAR(100),
    recommendation_text TEXT,
    confidence_score DECIMAL(3,2),
    status VARCHAR(50), -- pending, accepted, rejected, executed
    created_at TIMESTAMP DEFAULT NOW(),
    executed_at TIMESTAMP,
    result_metrics JSONB,
    org_id UUID NOT NULL,
    provider VARCHAR(100),
    action JSONB,
    baseline JSONB,
    decided_by VARCHAR(255),
    decided_at TIMESTAMP,
    action_id UUID,
    updated_at TIMESTAMP
);
CREATE INDEX IF NOT EXISTS idx_ai_recommendations_status ON ${s}.ai_recommendations(status);
CREATE INDEX IF NOT EXISTS idx_ai_recommendations_campaign ON ${s}.ai_recommendations(campaign_id);
CREATE INDEX IF NOT EXISTS idx_ai_recommendations_org ON ${s}.ai_recommendations(org_id);

CREATE TABLE IF NOT EXISTS ${s}.budget_allocations (
    id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    period_start DATE,
    period_end DATE,
    total_budget DECIMAL(15,2),
    allocations JSONB, -- {"google": 5000, "meta": 3000, ...}
    ai_suggested BOOLEAN DEFAULT false,
    created_by VARCHAR(255),
    created_at TIMESTAMP DEFAULT NOW(),
    org_id UUID NOT NULL
);
CREATE INDEX IF NOT EXISTS idx_budget_allocations_org ON ${s}.budget_allocations(org_id, period_start DESC);

CREATE TABLE IF NOT EXISTS ${s}.ai_actions_log (
    id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    action_type VARCHAR(100), -- PAUSE, BUDGET_CHANGE, REALLOCATE
    platform VARCHAR(50),
    campaign_id UUID REFERENCES ${s}.campaigns(id),
    previous_state JSONB,
    new_state JSONB,
    reasoning TEXT,
    confidence DECIMAL(3,2),
    executed_at TIMESTAMP DEFAULT NOW(),
    executed_by VARCHAR(100), -- 'ai_autonomous' or user_id
    approval_required BOOLEAN DEFAULT false,
    approved_by VARCHAR(255),
    approved_at TIMESTAMP,
    org_id UUID NOT NULL,
    status VARCHAR(30) NOT NULL,
    recommendation_id UUID,
    change_amount DECIMAL(15,2),
    requested_by VARCHAR(255),
    requested_at TIMESTAMP,
    awaiting_reason TEXT,
    expires_at TIMESTAMP,
    attempts INTEGER NOT NULL DEFAULT 0,
    last_error TEXT,
    next_retry_at TIMESTAMP,
    updated_at TIMESTAMP
);
CREATE INDEX IF NOT EXISTS idx_ai_actions_log_executed_at ON ${s}.ai_actions_log(executed_at DESC);
CREATE INDEX IF NOT EXISTS idx_ai_actions_log_platform ON ${s}.ai_actions_log(platform);
CREATE INDEX IF NOT EXISTS idx_ai_actions_log_org_status ON ${s}.ai_actions_log(org_id, status);

CREATE TABLE IF NOT EXISTS ${s}.alerts (
    id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    alert_type VARCHAR(100), -- ROAS_DROP, CPA_SPIKE, ZERO_CONVERSIONS
    severity VARCHAR(20), -- LOW, MEDIUM, HIGH, CRITICAL
    campaign_id UUID REFERENCES ${s}.campaigns(id),
    platform VARCHAR(50),
    message TEXT,
    metric_name VARCHAR(100),
    metric_value DECIMAL(15,4),
    threshold_value DECIMAL(15,4),
    created_at TIMESTAMP DEFAULT NOW(),
    acknowledged_at TIMESTAMP,
    acknowledged_by VARCHAR(255),
    resolved_at TIMESTAMP,
    org_id UUID NOT NULL,
    resolved_by VARCHAR(255),
    updated_at TIMESTAMP
);
CREATE INDEX IF NOT EXISTS idx_alerts_severity ON ${s}.alerts(severity);
CREATE INDEX IF NOT EXISTS idx_alerts_created_at ON ${s}.alerts(created_at DESC);
CREATE INDEX IF NOT EXISTS idx_alerts_unresolved ON ${s}.alerts(resolved_at) WHERE resolved_at IS NULL;
CREATE INDEX IF NOT EXISTS idx_alerts_org ON ${s}.alerts(org_id);

${bookkeepingDdl(s)}`;
};

/** The tables the event projectors write, in a stable order, for comparing two projections row by row. */
export const ADS_TABLES = [
  { table: 'ad_accounts', orderBy: 'id' },
  { table: 'campaigns', orderBy: 'id' },
  { table: 'budget_allocations', orderBy: 'id' },
  { table: 'ai_recommendations', orderBy: 'id' },
  { table: 'ai_actions_log', orderBy: 'id' },
  { table: 'alerts', orderBy: 'id' },
] as const;
