/**
 * A timer context's own tables. `timers` holds only active timers (PENDING or RUNNING), so
 * the table the claim query scans stays small however long the history grows; finished timers
 * move to `timer_history`. Seed 002's rules hold here: one active timer per campaign and type
 * (the unique key), retry_count between 0 and 5.
 */
import { quoteIdent } from '@campaign/eventstore';

export const timersDdl = (schema: string): string => {
  const s = quoteIdent(schema);
  return `
CREATE SCHEMA IF NOT EXISTS ${s};

CREATE TABLE IF NOT EXISTS ${s}.timers (
  id              UUID PRIMARY KEY,
  campaign_id     UUID NOT NULL,
  timer_type      TEXT NOT NULL,
  status          TEXT NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'RUNNING')),
  due_at          TIMESTAMPTZ NOT NULL,
  next_attempt_at TIMESTAMPTZ NOT NULL,
  retry_count     INTEGER NOT NULL DEFAULT 0 CHECK (retry_count >= 0 AND retry_count <= 5),
  payload         JSONB NOT NULL DEFAULT '{}',
  stream_version  INTEGER NOT NULL DEFAULT 0,
  lease_owner     TEXT,
  lease_until     TIMESTAMPTZ,
  first_fired_at  TIMESTAMPTZ,
  created_at      TIMESTAMPTZ NOT NULL DEFAULT now()
);
-- seed 002: unique_active_timer_per_type — every row here is active.
CREATE UNIQUE INDEX IF NOT EXISTS timers_one_active_per_type ON ${s}.timers (campaign_id, timer_type);
CREATE INDEX IF NOT EXISTS timers_due ON ${s}.timers (next_attempt_at) WHERE status = 'PENDING';
CREATE INDEX IF NOT EXISTS timers_leases ON ${s}.timers (lease_until) WHERE status = 'RUNNING';

CREATE TABLE IF NOT EXISTS ${s}.timer_history (
  id             UUID PRIMARY KEY,
  campaign_id    UUID NOT NULL,
  timer_type     TEXT NOT NULL,
  status         TEXT NOT NULL CHECK (status IN ('COMPLETED', 'FAILED', 'CANCELLED')),
  due_at         TIMESTAMPTZ NOT NULL,
  first_fired_at TIMESTAMPTZ,
  finished_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
  retry_count    INTEGER NOT NULL,
  result         JSONB,
  error          TEXT
);
CREATE INDEX IF NOT EXISTS timer_history_campaign ON ${s}.timer_history (campaign_id);

-- What the policy remembers of each campaign, and how far into its stream it has read
-- (a redelivered event is recognised and changes nothing). A context whose policy follows
-- other subjects too adds their tables in its own DDL.
CREATE TABLE IF NOT EXISTS ${s}.campaigns (
  campaign_id    UUID PRIMARY KEY,
  view           JSONB NOT NULL,
  stream_version INTEGER NOT NULL,
  updated_at     TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Timers that failed for good, and timers the policy asked for but the rules refused.
CREATE TABLE IF NOT EXISTS ${s}.dead_letters (
  id          BIGSERIAL PRIMARY KEY,
  timer_id    UUID,
  campaign_id UUID NOT NULL,
  timer_type  TEXT NOT NULL,
  reason      TEXT NOT NULL,
  recorded_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
-- An operator's redrive of a FAILED timer (see timer-redrive.ts): when it was armed again.
ALTER TABLE ${s}.dead_letters ADD COLUMN IF NOT EXISTS redriven_at TIMESTAMPTZ;
-- What a redrive re-arms a timer with; null for timers finished before it was kept.
ALTER TABLE ${s}.timer_history ADD COLUMN IF NOT EXISTS payload JSONB;
-- The attempt whose start is recorded on the timer's stream and whose outcome is not yet
-- (seed 002: timer_executions STARTED while a timer fires); see timer-start.ts.
ALTER TABLE ${s}.timers ADD COLUMN IF NOT EXISTS execution_id UUID;
ALTER TABLE ${s}.timers ADD COLUMN IF NOT EXISTS execution_started_at TIMESTAMPTZ;
`;
};

/**
 * The NOTIFY channel a store signals when a timer comes due within the engine's look-ahead.
 * Channel names are identifiers: at most 63 bytes, or pg_notify refuses them.
 */
export const wakeChannel = (schema: string): string => `timers_due_${schema}`.slice(0, 63);
