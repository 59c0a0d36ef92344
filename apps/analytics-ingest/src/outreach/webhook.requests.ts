import { isStorableText, outreach } from '@campaign/domain';
import { z } from '@campaign/runtime';

/**
 * Webhook bodies: shapes only, strict (an unknown field is a provider's mistake worth seeing).
 * Whether the fact fits the contact (a bounce of a message never sent…) is the decider's call.
 * Free text (a reply, a reason) may hold anything: the controller makes it storable. Identifiers
 * may not: cleaned, two different event ids could become one and a fact be lost as a duplicate.
 */
const identifier = (max: number) => z.string().min(1).max(max).refine(isStorableText, 'must not hold U+0000 or an unpaired surrogate');
const token = identifier(512);
const providerEventId = identifier(256);
const text = z.string().max(10_000).nullable().optional();

export const bounceWebhook = z
  .object({ token, bounceType: z.enum(outreach.BOUNCE_TYPES), reason: z.string().max(2_000).nullable().optional(), providerEventId })
  .strict();

export const replyWebhook = z
  .object({
    token,
    channel: z.enum(['email', 'linkedin']).optional(),
    text,
    /** The reply's subject line, read only by the auto-reply heuristic. */
    subject: z.string().max(998).nullable().optional(),
    providerEventId,
    /** Set by the provider when the reply is automated (RFC 3834 Auto-Submitted, X-Autoreply). */
    autoReply: z.boolean().optional(),
  })
  .strict();

export const LINKEDIN_ACTIVITIES = ['profile_viewed', 'replied'] as const;
export const linkedInWebhook = z.object({ token, activity: z.enum(LINKEDIN_ACTIVITIES), text, providerEventId }).strict();

/** RFC 8058 one-click: the body is `List-Unsubscribe=One-Click`; an empty body is accepted too. */
export const unsubscribeForm = z.object({ 'List-Unsubscribe': z.literal('One-Click').optional() }).strict();

export type BounceWebhook = z.infer<typeof bounceWebhook>;
export type ReplyWebhook = z.infer<typeof replyWebhook>;
export type LinkedInWebhook = z.infer<typeof linkedInWebhook>;

/** Every problem of a body, `path: message`, for the 400 answer. */
export const problemsOf = (error: z.ZodError): string[] => error.issues.map((issue) => `${issue.path.join('.') || '(body)'}: ${issue.message}`);
