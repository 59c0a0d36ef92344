/**
 * The outreach read models as seed 004's Migration Scripts print them — campaigns,
 * campaign_contacts, engagement_tracking with every column, default, foreign key and named
 * index, RLS and its policies, the updated_at and response-rate triggers — in a schema whose
 * name is a parameter so a rebuild can fill a shadow copy. The statements run with
 * search_path set to that schema, so they read as the seed prints them.
 *
 * Additions and departures, each with its reason:
 * - The directory tables the seed's foreign keys need (organizations, user_profiles,
 *   message_templates, leads), with the columns the directory events carry.
 * - CHECK constraints for the seed's enumerations and ranges (Allowed Values, ab_split 10–90).
 * - campaigns.variant_a/b_template_id REFERENCES message_templates(id): the seed's field table
 *   names that foreign key "(if table exists)", its DDL leaves it out; here the table exists.
 *   (A schema created before gains it on its next rebuild.)
 * - send_window_holds (send-holds.projector.ts): which sending window holds a sender's campaigns back.
 * - campaign_contacts.channel: the seed's update_campaign_metrics counts linkedin messages by
 *   `channel = 'linkedin'` on campaign_contacts, a column its table lacks: the first send's channel.
 * - IF NOT EXISTS everywhere (the projection creates the schema at every start).
 * - update_updated_at_column() is not printed by the seed: it stamps NOW() on every update
 *   except the projection's own (its transactions set outreach.event_times), whose rows carry
 *   the events' times — so a rebuild reproduces them exactly.
 * - Not installed: update_campaign_metrics (recounts on every contact change; the counters move
 *   by deltas instead, see campaign-counters.ts) and the pg_cron jobs (the projection refreshes
 *   campaign_performance_summary; the timer-scheduler completes campaigns at end_date).
 * - campaign_performance_summary gets a unique index so it can be refreshed CONCURRENTLY.
 * - campaign_completion_reports: the report seed 004 On Completion generates, which it does not
 *   store anywhere; one row per completed campaign (completion-reports.projector.ts).
 * - auth.jwt()/auth.uid() stand in for the hosted auth service, reading the verified claims
 *   the query API sets per transaction; the API reads as role outreach_api, subject to RLS.
 */
import { personalDataDdl } from './personal-data-erasure';
import { quoteIdent } from '@campaign/eventstore';
import { completionReportsDdl } from './completion-reports.projector';
import { sendHoldsDdl } from './send-holds.projector';
import { OUTREACH_API_ROLE, rlsDdl } from './outreach.rls';
import { PERFORMANCE_SUMMARY_SELECT } from './seed-queries';

const STATUSES = `('draft', 'active', 'paused', 'completed', 'archived')`;
const CAMPAIGN_TYPES = `('talent_sourcing', 'business_development', 'mixed')`;
const CHANNELS = `('email', 'linkedin', 'combined')`;
const CONTACT_TYPES = `('candidate', 'hiring_manager', 'decision_maker', 'referral')`;
const CONTACT_STATUSES = `('pending', 'sent', 'opened', 'responded', 'converted', 'bounced', 'unsubscribed')`;
const EVENT_TYPES = `('email_sent', 'email_opened', 'link_clicked', 'email_bounced', 'unsubscribed', 'linkedin_sent', 'linkedin_viewed', 'response_received')`;

const directoryDdl = `
CREATE TABLE IF NOT EXISTS organizations (
  id UUID PRIMARY KEY,
  name TEXT NOT NULL,
  created_at TIMESTAMPTZ NOT NULL DEFAULT NOW()
);
CREATE TABLE IF NOT EXISTS user_profiles (
  id UUID PRIMARY KEY,
  org_id UUID NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
  email TEXT NOT NULL,
  full_name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('admin', 'ta_manager', 'recruiter')),
  created_at TIMESTAMPTZ NOT NULL DEFAULT NOW()
);
CREATE INDEX IF NOT EXISTS idx_user_profiles_org_id ON user_profiles(org_id);
CREATE TABLE IF NOT EXISTS message_templates (
  id UUID PRIMARY KEY,
  org_id UUID NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  channel TEXT NOT NULL CHECK (channel IN ('email', 'linkedin')),
  linkedin_message_kind TEXT CHECK (linkedin_message_kind IN ('connection_request', 'inmail')),
  subject TEXT,
  body TEXT NOT NULL,
  created_at TIMESTAMPTZ NOT NULL DEFAULT NOW()
);
CREATE INDEX IF NOT EXISTS idx_message_templates_org_id ON message_templates(org_id);
CREATE TABLE IF NOT EXISTS leads (
  id UUID PRIMARY KEY,
  org_id UUID NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
  first_name TEXT,
  last_name TEXT,
  email TEXT,
  linkedin_url TEXT,
  company_name TEXT,
  title TEXT,
  created_at TIMESTAMPTZ NOT NULL DEFAULT NOW()
);
CREATE INDEX IF NOT EXISTS idx_leads_org_id ON leads(org_id);
`;

// seed 004: Migration Scripts → Initial Table Creation (plus the CHECKs and campaign_contacts.channel).
const tablesDdl = `
CREATE TABLE IF NOT EXISTS campaigns (
  id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id UUID NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  description TEXT,
  campaign_type TEXT NOT NULL DEFAULT 'talent_sourcing',
  channel TEXT NOT NULL DEFAULT 'email',
  status TEXT NOT NULL DEFAULT 'draft',
  target_audience TEXT,
  target_locations TEXT[],
  target_skills TEXT[],
  target_company_sizes TEXT[],
  is_ab_test BOOLEAN DEFAULT FALSE,
  variant_a_template_id UUID REFERENCES message_templates(id),
  variant_b_template_id UUID REFERENCES message_templates(id),
  ab_split_percentage INTEGER DEFAULT 50,
  target_contacts_count INTEGER,
  target_response_rate NUMERIC(5,2),
  target_conversion_count INTEGER,
  contacts_reached INTEGER DEFAULT 0,
  emails_sent INTEGER DEFAULT 0,
  linkedin_messages_sent INTEGER DEFAULT 0,
  responses_received INTEGER DEFAULT 0,
  conversions INTEGER DEFAULT 0,
  response_rate NUMERIC(5,2),
  start_date DATE,
  end_date DATE,
  owner_id UUID NOT NULL REFERENCES user_profiles(id),
  created_at TIMESTAMPTZ NOT NULL DEFAULT NOW(),
  updated_at TIMESTAMPTZ NOT NULL DEFAULT NOW(),
  created_by UUID REFERENCES user_profiles(id),
  CONSTRAINT valid_campaign_type CHECK (campaign_type IN ${CAMPAIGN_TYPES}),
  CONSTRAINT valid_channel CHECK (channel IN ${CHANNELS}),
  CONSTRAINT valid_status CHECK (status IN ${STATUSES}),
  CONSTRAINT valid_ab_split CHECK (ab_split_percentage BETWEEN 10 AND 90),
  CONSTRAINT valid_target_contacts CHECK (target_contacts_count BETWEEN 1 AND 100000),
  CONSTRAINT valid_target_response_rate CHECK (target_response_rate BETWEEN 0 AND 100),
  CONSTRAINT valid_target_conversions CHECK (target_conversion_count BETWEEN 1 AND 10000),
  CONSTRAINT valid_counters CHECK (contacts_reached >= 0 AND emails_sent >= 0 AND linkedin_messages_sent >= 0
    AND responses_received >= 0 AND conversions >= 0)
);

CREATE INDEX IF NOT EXISTS idx_campaigns_org_id ON campaigns(org_id);
CREATE INDEX IF NOT EXISTS idx_campaigns_owner_id ON campaigns(owner_id);
CREATE INDEX IF NOT EXISTS idx_campaigns_status ON campaigns(status);
CREATE INDEX IF NOT EXISTS idx_campaigns_type ON campaigns(campaign_type);
CREATE INDEX IF NOT EXISTS idx_campaigns_dates ON campaigns(start_date, end_date);
CREATE INDEX IF NOT EXISTS idx_campaigns_created_at ON campaigns(created_at DESC);

CREATE TABLE IF NOT EXISTS campaign_contacts (
  id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  campaign_id UUID NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
  contact_type TEXT NOT NULL DEFAULT 'candidate',
  user_id UUID REFERENCES user_profiles(id),
  lead_id UUID REFERENCES leads(id),
  first_name TEXT,
  last_name TEXT,
  email TEXT,
  linkedin_url TEXT,
  company_name TEXT,
  title TEXT,
  status TEXT NOT NULL DEFAULT 'pending',
  ab_variant TEXT,
  template_used_id UUID,
  sent_at TIMESTAMPTZ,
  opened_at TIMESTAMPTZ,
  clicked_at TIMESTAMPTZ,
  responded_at TIMESTAMPTZ,
  response_text TEXT,
  converted_at TIMESTAMPTZ,
  conversion_type TEXT,
  conversion_entity_id UUID,
  created_at TIMESTAMPTZ NOT NULL DEFAULT NOW(),
  updated_at TIMESTAMPTZ NOT NULL DEFAULT NOW(),
  channel TEXT,
  CONSTRAINT valid_contact_type CHECK (contact_type IN ${CONTACT_TYPES}),
  CONSTRAINT valid_contact_status CHECK (status IN ${CONTACT_STATUSES}),
  CONSTRAINT valid_ab_variant CHECK (ab_variant IS NULL OR ab_variant IN ('A', 'B')),
  CONSTRAINT valid_contact_channel CHECK (channel IN ('email', 'linkedin'))
);

CREATE INDEX IF NOT EXISTS idx_campaign_contacts_campaign_id ON campaign_contacts(campaign_id);
CREATE INDEX IF NOT EXISTS idx_campaign_contacts_user_id ON campaign_contacts(user_id);
CREATE INDEX IF NOT EXISTS idx_campaign_contacts_lead_id ON campaign_contacts(lead_id);
CREATE INDEX IF NOT EXISTS idx_campaign_contacts_status ON campaign_contacts(status);
CREATE INDEX IF NOT EXISTS idx_campaign_contacts_ab_variant ON campaign_contacts(ab_variant);

CREATE TABLE IF NOT EXISTS engagement_tracking (
  id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  campaign_contact_id UUID NOT NULL REFERENCES campaign_contacts(id) ON DELETE CASCADE,
  event_type TEXT NOT NULL,
  event_data JSONB,
  event_timestamp TIMESTAMPTZ NOT NULL DEFAULT NOW(),
  tracking_id TEXT,
  user_agent TEXT,
  ip_address TEXT,
  clicked_url TEXT,
  created_at TIMESTAMPTZ NOT NULL DEFAULT NOW(),
  CONSTRAINT valid_event_type CHECK (event_type IN ${EVENT_TYPES})
);

CREATE INDEX IF NOT EXISTS idx_engagement_tracking_contact_id ON engagement_tracking(campaign_contact_id);
CREATE INDEX IF NOT EXISTS idx_engagement_tracking_event_type ON engagement_tracking(event_type);
CREATE INDEX IF NOT EXISTS idx_engagement_tracking_timestamp ON engagement_tracking(event_timestamp DESC);
`;

// seed 004: Triggers (updated_at, response rate) — update_campaign_metrics deliberately absent.
const triggersDdl = `
CREATE OR REPLACE FUNCTION update_updated_at_column()
RETURNS TRIGGER AS $$
BEGIN
  IF current_setting('outreach.event_times', true) IS DISTINCT FROM 'on' THEN
    NEW.updated_at = NOW();
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION update_campaign_response_rate()
RETURNS TRIGGER AS $$
BEGIN
  NEW.response_rate = CASE
    WHEN NEW.contacts_reached > 0
    THEN ROUND((NEW.responses_received::numeric / NEW.contacts_reached) * 100, 2)
    ELSE 0
  END;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE OR REPLACE TRIGGER campaigns_response_rate_trigger
  BEFORE INSERT OR UPDATE OF responses_received, contacts_reached ON campaigns
  FOR EACH ROW
  EXECUTE FUNCTION update_campaign_response_rate();

CREATE OR REPLACE TRIGGER campaigns_updated_at
  BEFORE UPDATE ON campaigns
  FOR EACH ROW
  EXECUTE FUNCTION update_updated_at_column();

CREATE OR REPLACE TRIGGER campaign_contacts_updated_at
  BEFORE UPDATE ON campaign_contacts
  FOR EACH ROW
  EXECUTE FUNCTION update_updated_at_column();
`;

// seed 004: Materialized Views → campaign_performance_summary, with a unique index for CONCURRENTLY.
const viewDdl = `
CREATE MATERIALIZED VIEW IF NOT EXISTS campaign_performance_summary AS ${PERFORMANCE_SUMMARY_SELECT}
CREATE UNIQUE INDEX IF NOT EXISTS campaign_performance_summary_campaign_id ON campaign_performance_summary(campaign_id);
`;

const bookkeepingDdl = `
-- Which stream version each stream's effects reached: makes redelivered events no-ops.
CREATE TABLE IF NOT EXISTS projection_checkpoints (
  stream_id TEXT PRIMARY KEY,
  stream_version INTEGER NOT NULL,
  updated_at TIMESTAMPTZ NOT NULL DEFAULT NOW()
);
-- Events that could not be applied; also sent to the dead-letter topic.
CREATE TABLE IF NOT EXISTS projection_dead_letters (
  event_id UUID PRIMARY KEY,
  stream_id TEXT NOT NULL,
  stream_version INTEGER NOT NULL,
  event_type TEXT NOT NULL,
  error TEXT NOT NULL,
  envelope JSONB NOT NULL,
  failed_at TIMESTAMPTZ NOT NULL DEFAULT NOW()
);
-- A stream waits behind its dead letter until an operator redrives it (held_by: that event);
-- a redriven letter keeps its row, marked. Added in place: existing schemas gain them at start.
ALTER TABLE projection_checkpoints ADD COLUMN IF NOT EXISTS held_by UUID;
ALTER TABLE projection_dead_letters ADD COLUMN IF NOT EXISTS redriven_at TIMESTAMP WITH TIME ZONE;
`;

/** The schema's DDL; run it in one transaction after authDdl(). */
export const outreachDdl = (schema: string): string => {
  const s = quoteIdent(schema);
  return `
CREATE SCHEMA IF NOT EXISTS ${s};
SET LOCAL search_path TO ${s};
${directoryDdl}
${tablesDdl}
${completionReportsDdl}
${sendHoldsDdl}
${triggersDdl}
${rlsDdl}
${viewDdl}
${bookkeepingDdl}
${personalDataDdl}
GRANT USAGE ON SCHEMA ${s} TO ${OUTREACH_API_ROLE};
GRANT SELECT ON ALL TABLES IN SCHEMA ${s} TO ${OUTREACH_API_ROLE};
`;
};

/** The tables a rebuild must reproduce, with the order that makes their dumps comparable. */
export const OUTREACH_TABLES = [
  { table: 'organizations', orderBy: 'id' },
  { table: 'user_profiles', orderBy: 'id' },
  { table: 'message_templates', orderBy: 'id' },
  { table: 'leads', orderBy: 'id' },
  { table: 'campaigns', orderBy: 'id' },
  { table: 'campaign_contacts', orderBy: 'id' },
  { table: 'engagement_tracking', orderBy: 'id' },
  { table: 'campaign_completion_reports', orderBy: 'campaign_id' },
  { table: 'send_window_holds', orderBy: 'sender_id' },
] as const;
