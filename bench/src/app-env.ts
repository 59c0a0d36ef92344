/**
 * What campaign-command and projection need beyond the lifecycle settings: the outreach side's
 * secrets and its own schemas, so a lifecycle benchmark's apps start (their outreach side idles).
 */
/** Taken from the environment when set; otherwise bench-only values every process of the run shares. */
export const BENCH_SECRETS = {
  JWT_SECRET: process.env.JWT_SECRET ?? 'bench-jwt-secret-0123456789abcdef0123456789',
  TRACKING_SECRET: process.env.TRACKING_SECRET ?? 'bench-tracking-secret-0123456789abcdef01234',
  WEBHOOK_SECRET: process.env.WEBHOOK_SECRET ?? 'bench-webhook-secret-0123456789abcdef012345',
} as const;

export const outreachSideEnv = (tag: string) => ({
  ...BENCH_SECRETS,
  OUTREACH_SCHEMA: `bench_or_${tag}`,
  DISPATCH_SCHEMA: `bench_dp_${tag}`,
  DISPATCH_GROUP: `bench-dp-${tag}`,
  REDIS_KEY_PREFIX: `bench-${tag}:`,
});
