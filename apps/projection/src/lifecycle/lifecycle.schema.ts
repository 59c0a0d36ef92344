/**
 * The lifecycle read models, as seed 002 defines them (tables, constraints, indexes, views),
 * created in a schema whose name is a parameter so that a rebuild can fill a shadow copy.
 *
 * Deliberate departures from the seed, each forced by event sourcing or by PostgreSQL:
 * - campaign_state_log is partitioned by month on created_at, so its primary key must include
 *   the partition key: PRIMARY KEY (id, created_at) instead of PRIMARY KEY (id).
 * - The seed's triggers (updated_at = NOW(), state-change logging, transition validation) are
 *   not installed: rows are written by projectors from events, which carry the real times and
 *   the transitions the decider already validated; a trigger would stamp replay time instead.
 * - Nor is validate_timer_schedule (no timers for EXPIRED campaigns, none in the past): the
 *   timer-scheduler enforces it when it sets a timer, and a rebuild replays timers that were
 *   scheduled long ago, which the trigger's NOW() check would reject.
 * - valid_timer_type also admits OPEN_REWARD_CLAIM: CLOSED → REWARD_CLAIM is a seed
 *   transition that a campaign driven by timers alone must be able to take too.
 * - pg_cron is not assumed: the projection refreshes mv_active_campaigns and mv_pending_timers
 *   itself (the latter at least every minute, as the seed schedules it, since it reads NOW()),
 *   and creates monthly partitions as events need them. The cleanup policies (state-log
 *   archive, old timer executions) are the timer-scheduler's jobs; campaign_state_log_archive
 *   is created here with campaign_state_log's columns, unpartitioned.
 */
import { quoteIdent } from '@campaign/eventstore';
import type { LifecycleEnvelope } from './lifecycle.events';

const STATUSES = `('CREATED', 'RUNNING', 'CLOSED', 'REWARD_CLAIM', 'EXPIRED')`;
const ACTIVE_TIMER = `status IN ('PENDING', 'RUNNING')`;

export const lifecycleDdl = (schema: string): string => {
  const s = quoteIdent(schema);
  return `
CREATE SCHEMA IF NOT EXISTS ${s};

CREATE TABLE IF NOT EXISTS ${s}.campaigns (
    id UUID PRIMARY KEY,
    status VARCHAR(20) NOT NULL,
    metadata JSONB NOT NULL DEFAULT '{}',
    created_at TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT NOW(),
    updated_at TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT NOW(),
    start_time TIMESTAMP WITH TIME ZONE,
    end_time TIMESTAMP WITH TIME ZONE,
    duration_hours INTEGER NOT NULL,
    auto_close BOOLEAN NOT NULL DEFAULT true,
    rewards_enabled BOOLEAN NOT NULL DEFAULT true,
    CONSTRAINT valid_status CHECK (status IN ${STATUSES}),
    CONSTRAINT valid_duration CHECK (duration_hours > 0),
    CONSTRAINT valid_time_range CHECK (end_time IS NULL OR end_time > start_time),
    CONSTRAINT calculated_end_time CHECK (
        end_time IS NULL OR
        end_time = start_time + (duration_hours * INTERVAL '1 hour')
    )
);
CREATE INDEX IF NOT EXISTS idx_campaigns_status ON ${s}.campaigns(status);
CREATE INDEX IF NOT EXISTS idx_campaigns_start_time ON ${s}.campaigns(start_time);
CREATE INDEX IF NOT EXISTS idx_campaigns_end_time ON ${s}.campaigns(end_time);
CREATE INDEX IF NOT EXISTS idx_campaigns_created_at ON ${s}.campaigns(created_at);

CREATE TABLE IF NOT EXISTS ${s}.campaign_timers (
    id UUID PRIMARY KEY,
    campaign_id UUID NOT NULL REFERENCES ${s}.campaigns(id) ON DELETE CASCADE,
    timer_type VARCHAR(50) NOT NULL,
    status VARCHAR(20) NOT NULL DEFAULT 'PENDING',
    scheduled_at TIMESTAMP WITH TIME ZONE NOT NULL,
    executed_at TIMESTAMP WITH TIME ZONE,
    payload JSONB NOT NULL DEFAULT '{}',
    retry_count INTEGER NOT NULL DEFAULT 0,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT NOW(),
    updated_at TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT NOW(),
    CONSTRAINT valid_timer_type CHECK (timer_type IN ('START_CAMPAIGN', 'CLOSE_CAMPAIGN', 'OPEN_REWARD_CLAIM', 'EXPIRE_CAMPAIGN', 'REWARD_REMINDER')),
    CONSTRAINT valid_timer_status CHECK (status IN ('PENDING', 'RUNNING', 'COMPLETED', 'FAILED', 'CANCELLED')),
    CONSTRAINT valid_retry_count CHECK (retry_count >= 0 AND retry_count <= 5)
);
CREATE INDEX IF NOT EXISTS idx_campaign_timers_campaign_id ON ${s}.campaign_timers(campaign_id);
CREATE INDEX IF NOT EXISTS idx_campaign_timers_status ON ${s}.campaign_timers(status);
CREATE INDEX IF NOT EXISTS idx_campaign_timers_scheduled_at ON ${s}.campaign_timers(scheduled_at);
CREATE INDEX IF NOT EXISTS idx_campaign_timers_timer_type ON ${s}.campaign_timers(timer_type);
CREATE INDEX IF NOT EXISTS idx_campaign_timers_processing ON ${s}.campaign_timers(status, scheduled_at)
WHERE status IN ('PENDING', 'FAILED');
CREATE UNIQUE INDEX IF NOT EXISTS unique_active_timer_per_type ON ${s}.campaign_timers(campaign_id, timer_type)
WHERE ${ACTIVE_TIMER};

CREATE TABLE IF NOT EXISTS ${s}.campaign_state_log (
    id UUID NOT NULL,
    campaign_id UUID NOT NULL REFERENCES ${s}.campaigns(id) ON DELETE CASCADE,
    from_state VARCHAR(20),
    to_state VARCHAR(20) NOT NULL,
    trigger_event VARCHAR(50) NOT NULL,
    metadata JSONB NOT NULL DEFAULT '{}',
    created_at TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT NOW(),
    PRIMARY KEY (id, created_at),
    CONSTRAINT valid_from_state CHECK (from_state IN ${STATUSES}),
    CONSTRAINT valid_to_state CHECK (to_state IN ${STATUSES}),
    CONSTRAINT valid_state_transition CHECK (from_state != to_state OR from_state IS NULL)
) PARTITION BY RANGE (created_at);
CREATE INDEX IF NOT EXISTS idx_campaign_state_log_campaign_id ON ${s}.campaign_state_log(campaign_id);
CREATE INDEX IF NOT EXISTS idx_campaign_state_log_created_at ON ${s}.campaign_state_log(created_at);
CREATE INDEX IF NOT EXISTS idx_campaign_state_log_trigger_event ON ${s}.campaign_state_log(trigger_event);

-- seed 002 archive_old_state_logs(): the state log's columns and checks, not partitioned.
CREATE TABLE IF NOT EXISTS ${s}.campaign_state_log_archive (
    LIKE ${s}.campaign_state_log INCLUDING DEFAULTS INCLUDING CONSTRAINTS,
    PRIMARY KEY (id)
);
CREATE INDEX IF NOT EXISTS idx_campaign_state_log_archive_campaign_id ON ${s}.campaign_state_log_archive(campaign_id);
CREATE INDEX IF NOT EXISTS idx_campaign_state_log_archive_created_at ON ${s}.campaign_state_log_archive(created_at);

CREATE TABLE IF NOT EXISTS ${s}.campaign_metrics (
    id UUID PRIMARY KEY,
    campaign_id UUID NOT NULL REFERENCES ${s}.campaigns(id) ON DELETE CASCADE,
    metric_type VARCHAR(50) NOT NULL,
    value DECIMAL(15,4) NOT NULL,
    attributes JSONB NOT NULL DEFAULT '{}',
    recorded_at TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT NOW(),
    CONSTRAINT valid_metric_type CHECK (metric_type IN (
        'ENGAGEMENT_COUNT', 'PARTICIPANT_COUNT', 'REWARD_CLAIMED',
        'TIMER_EXECUTION_TIME', 'STATE_TRANSITION_TIME'
    ))
);
CREATE INDEX IF NOT EXISTS idx_campaign_metrics_campaign_id ON ${s}.campaign_metrics(campaign_id);
CREATE INDEX IF NOT EXISTS idx_campaign_metrics_type ON ${s}.campaign_metrics(metric_type);
CREATE INDEX IF NOT EXISTS idx_campaign_metrics_recorded_at ON ${s}.campaign_metrics(recorded_at);
CREATE INDEX IF NOT EXISTS idx_campaign_metrics_analytics ON ${s}.campaign_metrics(campaign_id, metric_type, recorded_at);

CREATE TABLE IF NOT EXISTS ${s}.timer_executions (
    id UUID PRIMARY KEY,
    timer_id UUID NOT NULL REFERENCES ${s}.campaign_timers(id) ON DELETE CASCADE,
    status VARCHAR(20) NOT NULL DEFAULT 'STARTED',
    result JSONB,
    error_message TEXT,
    started_at TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT NOW(),
    completed_at TIMESTAMP WITH TIME ZONE,
    execution_time_ms INTEGER,
    CONSTRAINT valid_execution_status CHECK (status IN ('STARTED', 'COMPLETED', 'FAILED')),
    CONSTRAINT valid_execution_time CHECK (execution_time_ms IS NULL OR execution_time_ms >= 0),
    CONSTRAINT valid_completion CHECK (
        (status = 'COMPLETED' AND completed_at IS NOT NULL) OR
        (status = 'FAILED' AND completed_at IS NOT NULL) OR
        (status = 'STARTED' AND completed_at IS NULL)
    )
);
CREATE INDEX IF NOT EXISTS idx_timer_executions_timer_id ON ${s}.timer_executions(timer_id);
CREATE INDEX IF NOT EXISTS idx_timer_executions_status ON ${s}.timer_executions(status);
CREATE INDEX IF NOT EXISTS idx_timer_executions_started_at ON ${s}.timer_executions(started_at);

CREATE MATERIALIZED VIEW IF NOT EXISTS ${s}.mv_active_campaigns AS
SELECT
    status,
    COUNT(*) as campaign_count,
    AVG(duration_hours) as avg_duration,
    MIN(created_at) as oldest_campaign,
    MAX(created_at) as newest_campaign
FROM ${s}.campaigns
WHERE status IN ('CREATED', 'RUNNING', 'REWARD_CLAIM')
GROUP BY status;
CREATE INDEX IF NOT EXISTS mv_active_campaigns_status_idx ON ${s}.mv_active_campaigns (status);

CREATE MATERIALIZED VIEW IF NOT EXISTS ${s}.mv_pending_timers AS
SELECT
    timer_type,
    COUNT(*) as timer_count,
    MIN(scheduled_at) as next_execution,
    AVG(retry_count) as avg_retries
FROM ${s}.campaign_timers
WHERE status = 'PENDING'
AND scheduled_at <= NOW() + INTERVAL '1 hour'
GROUP BY timer_type;
CREATE INDEX IF NOT EXISTS mv_pending_timers_timer_type_idx ON ${s}.mv_pending_timers (timer_type);

-- seed 002: create_monthly_partitions(), generalised to the month of any instant. The schema
-- is an argument, not baked in, so the function keeps working after a rebuild renames it.
CREATE OR REPLACE FUNCTION ${s}.create_monthly_partition(at TIMESTAMPTZ, target_schema TEXT)
RETURNS VOID AS $$
DECLARE
    start_date DATE := DATE_TRUNC('month', at AT TIME ZONE 'UTC');
    end_date DATE := start_date + INTERVAL '1 month';
    table_name TEXT := 'campaign_state_log_y' || TO_CHAR(start_date, 'YYYY') || 'm' || TO_CHAR(start_date, 'MM');
BEGIN
    EXECUTE format('CREATE TABLE IF NOT EXISTS %I.%I PARTITION OF %I.campaign_state_log FOR VALUES FROM (%L) TO (%L)',
                   target_schema, table_name, target_schema,
                   start_date::timestamp AT TIME ZONE 'UTC', end_date::timestamp AT TIME ZONE 'UTC');
END;
$$ LANGUAGE plpgsql;

-- Which stream version each stream's effects reached: makes redelivered events no-ops.
CREATE TABLE IF NOT EXISTS ${s}.projection_checkpoints (
    stream_id TEXT PRIMARY KEY,
    stream_version INTEGER NOT NULL,
    updated_at TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT NOW()
);

-- Events that could not be applied; also sent to the dead-letter topic.
CREATE TABLE IF NOT EXISTS ${s}.projection_dead_letters (
    event_id UUID PRIMARY KEY,
    stream_id TEXT NOT NULL,
    stream_version INTEGER NOT NULL,
    event_type TEXT NOT NULL,
    error TEXT NOT NULL,
    envelope JSONB NOT NULL,
    failed_at TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT NOW()
);
-- A stream waits behind its dead letter until an operator redrives it (held_by: that event);
-- a redriven letter keeps its row, marked. Added in place: existing schemas gain them at start.
ALTER TABLE ${s}.projection_checkpoints ADD COLUMN IF NOT EXISTS held_by UUID;
ALTER TABLE ${s}.projection_dead_letters ADD COLUMN IF NOT EXISTS redriven_at TIMESTAMP WITH TIME ZONE;
`;
};

/**
 * The tables a rebuild must reproduce, with the order that makes their dumps comparable.
 * campaign_state_log_archive is not one of them: a rebuild replays every state change into
 * campaign_state_log, and only the scheduler's next archive run moves the old ones again.
 */
export const LIFECYCLE_TABLES = [
  { table: 'campaigns', orderBy: 'id' },
  { table: 'campaign_timers', orderBy: 'id' },
  { table: 'campaign_state_log', orderBy: 'id' },
  { table: 'campaign_metrics', orderBy: 'id' },
  { table: 'timer_executions', orderBy: 'id' },
] as const;

/** The months whose state-log partitions a batch of events needs. */
export const stateLogMonthsOf = (events: readonly LifecycleEnvelope[]): string[] => [
  ...new Set(events.filter((e) => e.type === 'CampaignCreated' || e.type === 'StateTransitioned').map((e) => e.occurredAt.slice(0, 7))),
];
