import { CONTEXT_CONTRACTS } from '@campaign/contracts';
import { allScopes, hs256CommandSigner, signJwt } from '@campaign/runtime';

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

/** The bench's clients act as an internal service holding every scope (HS256, the bench's secret). */
const BENCH_SCOPES = allScopes(CONTEXT_CONTRACTS.map((c) => c.context));
export const benchSigner = hs256CommandSigner(BENCH_SECRETS.JWT_SECRET, 'bench', BENCH_SCOPES);
export const BENCH_AUTH = {
  authorization: `Bearer ${signJwt({ sub: 'bench', scope: BENCH_SCOPES.join(' '), exp: Math.floor(Date.now() / 1000) + 86_400 }, BENCH_SECRETS.JWT_SECRET)}`,
};
