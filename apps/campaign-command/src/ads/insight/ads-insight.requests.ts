import { z } from '@campaign/runtime';

/**
 * Request bodies of the alerts, recommendations and actions doors: shapes only, snake_case as
 * the seed's columns. Every rule (types, money, confidence, roles) is the decider's, so a wrong
 * value reaches it and gets its code.
 */
const commandId = z.string().optional();
/** Money as a decimal string; a JSON number is taken as its decimal text (`50` → "50"). */
const money = z.union([z.string(), z.number().transform((n) => String(n))]);
const state = z.record(z.string(), z.unknown());

export const alertBody = z.object({ commandId, alert_id: z.string().nullable().optional() }).strict();

export const reviewBody = z.object({ commandId }).strict();

/** Accepting carries the recommendation's action out at once (`execute: false` only accepts). */
export const acceptBody = z.object({ commandId, execute: z.boolean().optional() }).strict();

// seed 003: ai_actions_log (action_type, platform, campaign_id, previous_state, new_state, reasoning, confidence)
export const actionBody = z
  .object({
    commandId,
    recommendation_id: z.string().nullable().optional(),
    campaign_id: z.string().nullable().optional(),
    action_type: z.string().nullable().optional(),
    platform: z.string().nullable().optional(),
    previous_state: state.nullable().optional(),
    new_state: state.nullable().optional(),
    reasoning: z.string().nullable().optional(),
    confidence: z.number().nullable().optional(),
    change_amount: money.nullable().optional(),
  })
  .strict();

export const guardrailsBody = z
  .object({
    commandId,
    autonomous_enabled: z.boolean(),
    confidence_floor: z.number(),
    max_change_per_action: money,
    max_change_per_day: money,
    approval_ttl_hours: z.number().optional(),
  })
  .strict();
