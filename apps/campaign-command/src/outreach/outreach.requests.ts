import { outreach } from '@campaign/domain';
import { z } from '@campaign/runtime';

/**
 * Request bodies of the outreach door: shapes only. Every rule (lengths, enums, formats, the
 * seed's error codes) is the decider's, so a wrong value reaches it and gets the seed's code.
 * Campaign and contact fields are snake_case as in seed 004's API examples.
 */
const commandId = z.string().optional();
const text = z.string().nullable().optional();
const texts = z.array(z.string()).nullable().optional();
const int = z.number().nullable().optional();

export const organizationBody = z.object({ commandId, orgId: z.string(), name: z.string() }).strict();

export const userBody = z.object({ commandId, userId: z.string(), email: z.string(), fullName: z.string(), role: z.string() }).strict();

export const templateBody = z
  .object({ commandId, templateId: z.string().optional(), name: z.string(), channel: z.string(), linkedinMessageKind: text, subject: text, body: z.string() })
  .strict();

export const leadBody = z
  .object({ commandId, leadId: z.string().optional(), firstName: text, lastName: text, email: text, linkedinUrl: text, companyName: text, title: text })
  .strict();

// seed 004: campaign.create({ name, campaign_type, channel, target_skills, … })
const campaignFields = {
  name: text,
  description: text,
  campaign_type: z.string().optional(),
  channel: z.string().optional(),
  // seed 004: combined — "preference order configurable" (email_first or linkedin_first)
  channel_preference: text,
  target_audience: text,
  target_locations: texts,
  target_skills: texts,
  target_company_sizes: texts,
  is_ab_test: z.boolean().optional(),
  variant_a_template_id: text,
  variant_b_template_id: text,
  ab_split_percentage: int,
  target_contacts_count: int,
  target_response_rate: int,
  target_conversion_count: int,
  start_date: text,
  end_date: text,
  owner_id: z.string().optional(),
};
export const campaignBody = z.object({ commandId, ...campaignFields }).strict();
export type CampaignBody = z.infer<typeof campaignBody>;

export const transitionBody = z.object({ commandId, reason: z.enum(outreach.STATUS_CHANGE_REASONS).optional() }).strict();

// seed 004: campaign.addContacts({ campaign_id, contacts: [{ email, first_name, last_name, linkedin_url }] })
const contact = z
  .object({
    email: text,
    first_name: text,
    last_name: text,
    linkedin_url: text,
    contact_type: z.string().optional(),
    user_id: text,
    lead_id: text,
    company_name: text,
    title: text,
  })
  .strict();
export const contactsBody = z.object({ commandId, campaign_id: z.string().optional(), contacts: z.array(contact) }).strict();

export const removeBody = z.object({ commandId }).strict();
export const sendBody = z.object({ commandId, dispatchId: z.string(), provider: text, messageId: text }).strict();
// The reason's length (1..500) is the decider's rule: it answers CONTACT_INVALID.
export const sendFailureBody = z
  .object({ commandId, dispatchId: z.string(), reason: z.string(), retryable: z.boolean(), recipientRejected: z.boolean().optional() })
  .strict();
export const conversionBody = z.object({ commandId, conversion_type: z.string(), conversion_entity_id: text }).strict();
// seed 004: Response Triggers — "Phone call returned / Manual response logged"
export const responseBody = z.object({ commandId, channel: z.enum(outreach.RESPONSE_CHANNELS), response_text: text }).strict();

/** The snake_case fields given, camelCased for the domain; absent fields stay absent. */
export const campaignFieldsOf = (body: Omit<CampaignBody, 'commandId'>): outreach.CampaignFields => {
  const fields: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(body)) {
    if (value !== undefined) fields[key.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase())] = value;
  }
  // Shapes only here: the decider judges campaign_type, channel and company sizes by the seed's enums.
  return fields as outreach.CampaignFields;
};

type ContactBody = z.infer<typeof contact>;

export const contactInputOf = (contactId: string, c: ContactBody): outreach.ContactInput => ({
  contactId,
  contactType: c.contact_type,
  userId: c.user_id,
  leadId: c.lead_id,
  firstName: c.first_name,
  lastName: c.last_name,
  email: c.email,
  linkedinUrl: c.linkedin_url,
  companyName: c.company_name,
  title: c.title,
});
