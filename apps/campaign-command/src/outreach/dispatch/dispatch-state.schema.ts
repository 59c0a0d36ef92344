import { quoteIdent } from '@campaign/eventstore';

/**
 * The dispatcher's own tables, folded from the outreach events (not the projection's read
 * models: apps never share tables). `stream_checkpoints` holds the last version applied per
 * stream, committed with the rows, so a redelivered event changes nothing.
 */
export const dispatchStateDdl = (schema: string): string => {
  const s = quoteIdent(schema);
  return `
CREATE SCHEMA IF NOT EXISTS ${s};

CREATE TABLE IF NOT EXISTS ${s}.campaigns (
  campaign_id UUID PRIMARY KEY,
  org_id UUID NOT NULL,
  name TEXT NOT NULL,
  status TEXT NOT NULL,
  channel TEXT NOT NULL,
  owner_id UUID NOT NULL,
  start_date DATE,
  end_date DATE,
  target_contacts_count INTEGER,
  target_response_rate NUMERIC(5,2),
  activations INTEGER NOT NULL DEFAULT 0,
  total INTEGER NOT NULL DEFAULT 0,
  pending INTEGER NOT NULL DEFAULT 0,
  reached INTEGER NOT NULL DEFAULT 0,
  emails_sent INTEGER NOT NULL DEFAULT 0,
  linkedin_sent INTEGER NOT NULL DEFAULT 0,
  responded INTEGER NOT NULL DEFAULT 0,
  converted INTEGER NOT NULL DEFAULT 0
);
-- Per A/B variant counters, added after the table first shipped (a state folded before counts
-- only the contacts added since; rebuild the dispatcher's schema to count the earlier ones).
ALTER TABLE ${s}.campaigns ADD COLUMN IF NOT EXISTS a_total INTEGER NOT NULL DEFAULT 0;
ALTER TABLE ${s}.campaigns ADD COLUMN IF NOT EXISTS a_responded INTEGER NOT NULL DEFAULT 0;
ALTER TABLE ${s}.campaigns ADD COLUMN IF NOT EXISTS a_converted INTEGER NOT NULL DEFAULT 0;
ALTER TABLE ${s}.campaigns ADD COLUMN IF NOT EXISTS b_total INTEGER NOT NULL DEFAULT 0;
ALTER TABLE ${s}.campaigns ADD COLUMN IF NOT EXISTS b_responded INTEGER NOT NULL DEFAULT 0;
ALTER TABLE ${s}.campaigns ADD COLUMN IF NOT EXISTS b_converted INTEGER NOT NULL DEFAULT 0;
CREATE INDEX IF NOT EXISTS campaigns_active ON ${s}.campaigns (start_date) WHERE status = 'active';

CREATE TABLE IF NOT EXISTS ${s}.contacts (
  contact_id UUID PRIMARY KEY,
  org_id UUID NOT NULL,
  campaign_id UUID NOT NULL,
  status TEXT NOT NULL,
  email TEXT,
  linkedin_url TEXT,
  linkedin_kind TEXT,
  template_id UUID,
  first_name TEXT,
  last_name TEXT,
  company_name TEXT,
  title TEXT,
  outstanding_dispatch_id UUID,
  last_dispatch_id UUID,
  sends INTEGER NOT NULL DEFAULT 0,
  next_attempt_not_before TIMESTAMPTZ,
  failed_dispatches INTEGER NOT NULL DEFAULT 0,
  undeliverable_reason TEXT,
  undeliverable_rejects_address BOOLEAN NOT NULL DEFAULT FALSE,
  queued_at TIMESTAMPTZ NOT NULL,
  email_sent BOOLEAN NOT NULL DEFAULT FALSE,
  sent_at TIMESTAMPTZ,
  channel TEXT,
  responded_at TIMESTAMPTZ,
  converted_at TIMESTAMPTZ
);
-- Columns added after the table first shipped: a state created before gains them in place.
ALTER TABLE ${s}.campaigns ADD COLUMN IF NOT EXISTS channel_preference TEXT NOT NULL DEFAULT 'email_first';
ALTER TABLE ${s}.contacts ADD COLUMN IF NOT EXISTS failed_dispatches INTEGER NOT NULL DEFAULT 0;
ALTER TABLE ${s}.contacts ADD COLUMN IF NOT EXISTS undeliverable_reason TEXT;
ALTER TABLE ${s}.contacts ADD COLUMN IF NOT EXISTS undeliverable_rejects_address BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE ${s}.contacts ADD COLUMN IF NOT EXISTS ab_variant TEXT;
CREATE INDEX IF NOT EXISTS contacts_due ON ${s}.contacts (campaign_id, queued_at)
  WHERE status = 'pending' AND outstanding_dispatch_id IS NULL;

CREATE TABLE IF NOT EXISTS ${s}.suppressions (
  org_id UUID NOT NULL,
  email TEXT NOT NULL,
  reason TEXT NOT NULL CHECK (reason IN ('unsubscribed', 'bounced')),
  PRIMARY KEY (org_id, email, reason)
);

-- The campaign owners' addresses, for their completion summaries (staff, not contacts: readable).
CREATE TABLE IF NOT EXISTS ${s}.users (
  user_id UUID PRIMARY KEY,
  org_id UUID NOT NULL,
  email TEXT NOT NULL,
  full_name TEXT NOT NULL
);

-- seed 004 On Completion: one summary email per completion. notification_id is derived from the
-- completion event, so the row and the message name the same completion whatever redelivers it.
CREATE TABLE IF NOT EXISTS ${s}.owner_notifications (
  notification_id UUID PRIMARY KEY,
  org_id UUID NOT NULL,
  campaign_id UUID NOT NULL,
  kind TEXT NOT NULL,
  owner_id UUID NOT NULL,
  requested_at TIMESTAMPTZ NOT NULL
);

CREATE TABLE IF NOT EXISTS ${s}.stream_checkpoints (
  stream_id TEXT PRIMARY KEY,
  stream_version INTEGER NOT NULL
);
`;
};
