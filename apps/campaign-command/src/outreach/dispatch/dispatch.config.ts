import { outreach } from '@campaign/domain';
import { sqlIdentifier, z } from '@campaign/runtime';
import { DEFAULT_RETRY_BACKOFF } from './dispatch-state';

/**
 * SEND_LIMITS_OVERRIDE: a deployment may change seed 004's sending windows (its own resolution
 * for CAMPAIGN_SEND_LIMIT_EXCEEDED: "Wait 24 hours or increase limit"). JSON, per message kind:
 *   {"email": {"minIntervalMs": 0, "windows": {"email_per_hour": 5000, "email_per_day": 20000}}}
 * Only the kinds and window names of outreach.SEND_RULES are accepted; what is not named keeps
 * the seed's value.
 */
const windowNames = (kind: outreach.MessageKind) => outreach.SEND_RULES[kind].windows.map((w) => w.name) as [string, ...string[]];

const kindOverride = (kind: outreach.MessageKind) =>
  z
    .object({
      minIntervalMs: z.number().int().min(0).optional(),
      windows: z.record(z.enum(windowNames(kind)), z.number().int().min(1)).optional(),
    })
    .strict();

export const sendLimitsOverrideSchema = z
  .object({ email: kindOverride('email'), connection_request: kindOverride('connection_request'), inmail: kindOverride('inmail') })
  .partial()
  .strict();

export type SendLimitsOverride = z.infer<typeof sendLimitsOverrideSchema>;
export type SendRules = Readonly<Record<outreach.MessageKind, outreach.SendRule>>;

const parseOverride = (text: string, ctx: z.RefinementCtx): SendLimitsOverride => {
  if (text.trim() === '') return {};
  try {
    const parsed = sendLimitsOverrideSchema.safeParse(JSON.parse(text));
    if (parsed.success) return parsed.data;
    parsed.error.issues.forEach((issue) => ctx.addIssue({ ...issue, path: issue.path }));
  } catch (error) {
    ctx.addIssue({ code: z.ZodIssueCode.custom, message: `not JSON: ${(error as Error).message}` });
  }
  return z.NEVER;
};

/** The seed's rules with a deployment's override applied. */
export const sendRulesWith = (override: SendLimitsOverride): SendRules => {
  const apply = (kind: outreach.MessageKind): outreach.SendRule => {
    const rule = outreach.SEND_RULES[kind];
    const change = override[kind];
    if (!change) return rule;
    return {
      ...rule,
      minIntervalMs: change.minIntervalMs ?? rule.minIntervalMs,
      windows: rule.windows.map((w) => ({ ...w, max: change.windows?.[w.name] ?? w.max })),
    };
  };
  return { email: apply('email'), connection_request: apply('connection_request'), inmail: apply('inmail') };
};

export const dispatchConfigSchema = z.object({
  /** Set to false to run campaign-command without the dispatcher (the state keeps following). */
  DISPATCH_ENABLED: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
  DISPATCH_SCHEMA: sqlIdentifier.default('outreach_dispatch'),
  DISPATCH_GROUP: z.string().min(1).default('campaign-command-dispatch'),
  DISPATCH_INTERVAL_MS: z.coerce.number().int().min(10).max(60_000).default(1000),
  DISPATCH_BATCH: z.coerce.number().int().min(1).max(10_000).default(200),
  /** After a sender adapter's retryable failure: the first wait, doubled per failure in a row, up to the max. */
  DISPATCH_RETRY_BASE_MS: z.coerce.number().int().min(1).default(DEFAULT_RETRY_BACKOFF.baseMs),
  DISPATCH_RETRY_MAX_MS: z.coerce.number().int().min(1).default(DEFAULT_RETRY_BACKOFF.maxMs),
  REDIS_URL: z.string().url().default('redis://127.0.0.1:6379'),
  /** Namespaces the sending-window keys, so test runs and deployments sharing a Redis never collide. */
  REDIS_KEY_PREFIX: z
    .string()
    .regex(/^[a-zA-Z0-9:._-]*$/)
    .default('outreach:'),
  SEND_LIMITS_OVERRIDE: z.string().default('').transform(parseOverride).transform(sendRulesWith),
  TRACKING_SECRET: z.string().min(32, 'at least 32 characters'),
  TRACKING_BASE_URL: z
    .string()
    .url()
    .default('http://127.0.0.1:3004')
    .transform((url) => url.replace(/\/+$/, '')),
});

export type DispatchConfig = z.infer<typeof dispatchConfigSchema>;

export const DISPATCH_CONFIG = Symbol('DISPATCH_CONFIG');
