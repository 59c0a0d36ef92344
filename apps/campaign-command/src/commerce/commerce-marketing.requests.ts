import { z } from '@campaign/runtime';

/**
 * Request bodies of the marketing doors (seed 001 "Marketing", "Customers and Segmentation"):
 * shapes only, snake_case as the seed's columns, strict — an id of a new thing is a malformed
 * request (400). Every rule (kinds, rules, statuses, references, amounts) is the decider's.
 */
const commandId = z.string().optional();
const text = z.string().nullable().optional();
const json = z.record(z.string(), z.unknown());
/** Money as a decimal string; a JSON number is taken as its decimal text (the decider checks the cents). */
const money = z.union([z.string(), z.number().transform((n) => String(n))]);

// seed 001 customer_segments: name, description, a kind; a rule segment's rules (segment-rules.ts).
export const createSegmentBody = z.object({ commandId, name: z.string(), kind: z.string(), description: text, rules: json.nullable().optional() }).strict();
export const updateSegmentBody = z.object({ commandId, name: text, description: text, rules: json.nullable().optional() }).strict();
// seed 001 customer_segment_members: the customers added to or removed from a static segment.
export const segmentMembersBody = z.object({ commandId, customer_ids: z.array(z.string()) }).strict();

// seed 001 campaigns: goal_id, owner_agent_id, target_segment_id — "All relationships optional".
const campaignFields = {
  goal_id: text,
  owner_agent_id: text,
  target_segment_id: text,
  channel: text,
  budget: money.nullable().optional(),
  currency: text,
  starts_at: text,
  ends_at: text,
};
export const createCampaignBody = z.object({ commandId, name: z.string(), ...campaignFields }).strict();
export const updateCampaignBody = z.object({ commandId, name: text, ...campaignFields }).strict();
export type CampaignBody = z.infer<typeof updateCampaignBody>;

// seed 001 content: campaign_id (SET NULL), created_by_agent_id ("Track creator agent").
export const createContentBody = z
  .object({ commandId, title: z.string(), content_type: z.string(), body: text, campaign_id: text, created_by_agent_id: text })
  .strict();
export const reviseContentBody = z.object({ commandId, title: text, body: text }).strict();

// seed 001 email_lists and email_subscribers (PRIMARY KEY (email, list_id)).
export const createEmailListBody = z.object({ commandId, name: z.string(), description: text }).strict();
export const subscribeBody = z.object({ commandId, email: z.string(), customer_id: text }).strict();
