/**
 * What the dispatcher knows about campaigns and contacts, folded from the outreach events. Rows
 * carry their table's column names. Contact statuses and counters follow the shared status
 * rules (the same as the projection's campaign_contacts and campaigns counters).
 */
import { outreach } from '@campaign/domain';

export interface CampaignRow {
  campaign_id: string;
  org_id: string;
  name: string;
  status: outreach.OutreachCampaignStatus;
  channel: outreach.Channel;
  /** Which channel a combined campaign writes on first (the decider's channelFor reads the same). */
  channel_preference: outreach.ChannelPreference;
  owner_id: string;
  start_date: string | null;
  end_date: string | null;
  target_contacts_count: number | null;
  target_response_rate: number | null;
  /** Times the campaign became active: a re-activated campaign may complete again. */
  activations: number;
  total: number;
  pending: number;
  reached: number;
  emails_sent: number;
  linkedin_sent: number;
  responded: number;
  converted: number;
  /** Per A/B variant, as the seed's "A/B test results" query counts them: contacts, responses, conversions. */
  a_total: number;
  a_responded: number;
  a_converted: number;
  b_total: number;
  b_responded: number;
  b_converted: number;
}

export interface ContactRow {
  contact_id: string;
  org_id: string;
  campaign_id: string;
  status: outreach.ContactStatus;
  email: string | null;
  linkedin_url: string | null;
  linkedin_kind: outreach.LinkedInMessageKind | null;
  template_id: string | null;
  ab_variant: outreach.AbVariant | null;
  first_name: string | null;
  last_name: string | null;
  company_name: string | null;
  title: string | null;
  /** A dispatch requested and not yet reported sent or failed: the contact is not due meanwhile. */
  outstanding_dispatch_id: string | null;
  last_dispatch_id: string | null;
  sends: number;
  next_attempt_not_before: string | null;
  /** Dispatches failed in a row since the last send: each doubles the wait before the next. */
  failed_dispatches: number;
  /** Set by a failure reported not retryable: the contact will never be sent to (recorded as a hard bounce). */
  undeliverable_reason: string | null;
  /** With undeliverable_reason: whether the recipient itself was refused (its bounce then suppresses the address). */
  undeliverable_rejects_address: boolean;
  /** When the contact last became pending: due contacts go oldest first. */
  queued_at: string;
  email_sent: boolean;
  sent_at: string | null;
  channel: outreach.TemplateChannel | null;
  responded_at: string | null;
  converted_at: string | null;
}

/** How long a contact whose dispatch failed (retryably) waits before it is due again. */
export interface RetryBackoff {
  readonly baseMs: number;
  readonly maxMs: number;
}

/** 5 minutes after the first failure, doubling per consecutive failure, at most 6 hours. */
export const DEFAULT_RETRY_BACKOFF: RetryBackoff = { baseMs: 5 * 60_000, maxMs: 6 * 3_600_000 };

/** The wait after the `failures`-th failure in a row (1 = the first). */
export const retryDelayMs = (failures: number, backoff: RetryBackoff): number =>
  Math.min(backoff.baseMs * 2 ** Math.min(Math.max(failures - 1, 0), 30), backoff.maxMs);

export type SuppressionReason = 'unsubscribed' | 'bounced';

export interface Suppression {
  readonly org_id: string;
  readonly email: string;
  readonly reason: SuppressionReason;
}

/** The campaign counters one contact contributes to (status rules: contacts_reached, emails_sent, …). */
export const countsOf = (row: ContactRow | null) => ({
  total: row ? 1 : 0,
  pending: row?.status === 'pending' ? 1 : 0,
  reached: row && outreach.REACHED_STATUSES.includes(row.status) ? 1 : 0,
  emails_sent: row?.email_sent ? 1 : 0,
  linkedin_sent: row?.sent_at && row.channel === 'linkedin' ? 1 : 0,
  responded: row?.responded_at ? 1 : 0,
  converted: row?.converted_at ? 1 : 0,
  a_total: row?.ab_variant === 'A' ? 1 : 0,
  a_responded: row?.ab_variant === 'A' && row.responded_at ? 1 : 0,
  a_converted: row?.ab_variant === 'A' && row.converted_at ? 1 : 0,
  b_total: row?.ab_variant === 'B' ? 1 : 0,
  b_responded: row?.ab_variant === 'B' && row.responded_at ? 1 : 0,
  b_converted: row?.ab_variant === 'B' && row.converted_at ? 1 : 0,
});

export type Counts = ReturnType<typeof countsOf>;
export const COUNTERS = Object.keys(countsOf(null)) as (keyof Counts)[];

/** Addresses compare case-insensitively: one suppression covers every spelling. */
export const normalizeEmail = (email: string): string => email.trim().toLowerCase();

// status rules: response_rate = responses_received / contacts_reached * 100, two decimals, 0 without reach
export const responseRateOf = (campaign: Pick<CampaignRow, 'responded' | 'reached'>): number =>
  campaign.reached > 0 ? Math.round((campaign.responded / campaign.reached) * 10_000) / 100 : 0;

export const completionReportOf = (campaign: CampaignRow | null): outreach.CompletionReport => ({
  totalContacts: campaign?.total ?? 0,
  contactsReached: campaign?.reached ?? 0,
  emailsSent: campaign?.emails_sent ?? 0,
  linkedinMessagesSent: campaign?.linkedin_sent ?? 0,
  responsesReceived: campaign?.responded ?? 0,
  conversions: campaign?.converted ?? 0,
  responseRate: campaign ? responseRateOf(campaign) : 0,
  variants: campaign ? variantsOf(campaign) : null,
});

// seed 004 A/B test results: contacts, responses and conversions per variant (none counted: no A/B test).
const variantsOf = (c: CampaignRow): outreach.CompletionReport['variants'] =>
  c.a_total + c.b_total === 0
    ? null
    : {
        A: { contacts: c.a_total, responses: c.a_responded, conversions: c.a_converted },
        B: { contacts: c.b_total, responses: c.b_responded, conversions: c.b_converted },
      };

export const completionProgressOf = (campaign: CampaignRow): outreach.CompletionProgress => ({
  status: campaign.status,
  totalContacts: campaign.total,
  pendingContacts: campaign.pending,
  contactsReached: campaign.reached,
  responseRate: responseRateOf(campaign),
  targetContactsCount: campaign.target_contacts_count,
  targetResponseRate: campaign.target_response_rate,
});
