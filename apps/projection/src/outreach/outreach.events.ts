import type { EventEnvelope } from '@campaign/contracts';
import type { outreach } from '@campaign/domain';

type OutreachEvent = outreach.DirectoryEvent | outreach.LeadEvent | outreach.OutreachCampaignEvent | outreach.ContactEvent;

/** An outreach event as it arrives from `<prefix>outreach.events`: the domain event in its envelope. */
export type OutreachEnvelope = {
  [T in OutreachEvent['type']]: EventEnvelope<Extract<OutreachEvent, { type: T }>['data']> & { type: T };
}[OutreachEvent['type']];

export type DirectoryEnvelope = Extract<OutreachEnvelope, { type: outreach.DirectoryEvent['type'] | outreach.LeadEvent['type'] }>;
export type CampaignEnvelope = Extract<OutreachEnvelope, { type: 'CampaignCreated' | 'CampaignUpdated' | 'CampaignStatusChanged' }>;
export type ContactEnvelope = Extract<OutreachEnvelope, { type: outreach.ContactEvent['type'] }>;

/** seed 004 `campaigns` without the counters (kept apart: they move by deltas, see campaign-counters.ts). */
export interface CampaignRow {
  readonly id: string;
  readonly org_id: string;
  readonly name: string;
  readonly description: string | null;
  readonly campaign_type: string;
  readonly channel: string;
  readonly status: string;
  readonly target_audience: string | null;
  readonly target_locations: readonly string[] | null;
  readonly target_skills: readonly string[] | null;
  readonly target_company_sizes: readonly string[] | null;
  readonly is_ab_test: boolean;
  readonly variant_a_template_id: string | null;
  readonly variant_b_template_id: string | null;
  readonly ab_split_percentage: number;
  readonly target_contacts_count: number | null;
  readonly target_response_rate: number | null;
  readonly target_conversion_count: number | null;
  readonly start_date: string | null;
  readonly end_date: string | null;
  readonly owner_id: string;
  readonly created_at: string;
  readonly updated_at: string;
  readonly created_by: string | null;
}

/** seed 004 `campaign_contacts`, plus `channel` (the channel of the first send; see outreach.schema.ts). */
export interface ContactRow {
  readonly id: string;
  readonly campaign_id: string;
  readonly contact_type: string;
  readonly user_id: string | null;
  readonly lead_id: string | null;
  readonly first_name: string | null;
  readonly last_name: string | null;
  readonly email: string | null;
  readonly linkedin_url: string | null;
  readonly company_name: string | null;
  readonly title: string | null;
  readonly status: string;
  readonly ab_variant: string | null;
  readonly template_used_id: string | null;
  readonly channel: string | null;
  readonly sent_at: string | null;
  readonly opened_at: string | null;
  readonly clicked_at: string | null;
  readonly responded_at: string | null;
  readonly response_text: string | null;
  readonly converted_at: string | null;
  readonly conversion_type: string | null;
  readonly conversion_entity_id: string | null;
  readonly created_at: string;
  readonly updated_at: string;
}

/** seed 004 `engagement_tracking`; `id` is the event's id, so a redelivered event inserts nothing. */
export interface EngagementRow {
  readonly id: string;
  readonly campaign_contact_id: string;
  readonly event_type: string;
  readonly event_data: Readonly<Record<string, unknown>> | null;
  readonly event_timestamp: string;
  readonly tracking_id: string | null;
  readonly user_agent: string | null;
  readonly ip_address: string | null;
  readonly clicked_url: string | null;
  readonly created_at: string;
}
