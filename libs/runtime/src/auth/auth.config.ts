import { existsSync } from 'node:fs';
import { z } from 'zod';

const ALGORITHMS = ['HS256', 'RS256', 'ES256'] as const;
const optionalText = z.string().min(1).optional();

/**
 * How every app verifies bearer tokens (HTTP) and signed command envelopes (Kafka), and how a
 * service signs the commands it sends. Locally one HS256 secret does both; behind an identity
 * provider, keys come from its JWKS URL (or a file) and each service signs with its own key.
 */
export const authConfigSchema = z.object({
  /** HS256 shared secret (local and test deployments). No default: no deployment runs with a known key. */
  JWT_SECRET: z.string().min(32, 'at least 32 characters').optional(),
  /** An identity provider's JWKS endpoint (RS256/ES256 keys, cached and refreshed by kid). */
  JWT_JWKS_URL: z.string().url().optional(),
  /** A PEM public key or a JWKS JSON file, for providers without a reachable JWKS URL. */
  JWT_PUBLIC_KEY_FILE: optionalText.refine((path) => path === undefined || existsSync(path), 'the file does not exist'),
  /** Accepted algorithms; by default HS256 with a secret, RS256 and ES256 with public keys. */
  JWT_ALGORITHMS: z
    .string()
    .optional()
    .transform((value) => (value ? value.split(',').map((a) => a.trim()) : undefined))
    .pipe(z.array(z.enum(ALGORITHMS)).min(1).optional()),
  /** Checked when set: tokens from another issuer or for another audience are refused. */
  JWT_ISSUER: optionalText,
  JWT_AUDIENCE: optionalText,
  /** Allowed clock difference for exp/nbf/iat between the issuer and this service. */
  JWT_CLOCK_TOLERANCE_SECONDS: z.coerce.number().int().min(0).max(300).default(30),
  /** A token living longer than this (exp − iat) is refused: stolen long-lived tokens expire. */
  JWT_MAX_LIFETIME_SECONDS: z.coerce
    .number()
    .int()
    .min(60)
    .max(30 * 86_400)
    .default(86_400),
  /** A PEM private key this service signs its commands with (RS256/ES256); else JWT_SECRET (HS256). */
  SERVICE_SIGNING_KEY_FILE: optionalText.refine((path) => path === undefined || existsSync(path), 'the file does not exist'),
  /** The key id published in the provider's JWKS for SERVICE_SIGNING_KEY_FILE. */
  SERVICE_SIGNING_KEY_ID: optionalText,
});

export type AuthConfig = z.infer<typeof authConfigSchema>;

/** What is missing or contradictory across the settings; the verifier refuses to start on any. */
export const authConfigProblems = (config: AuthConfig): string[] => {
  const problems: string[] = [];
  if (!config.JWT_SECRET && !config.JWT_JWKS_URL && !config.JWT_PUBLIC_KEY_FILE) {
    problems.push('JWT_SECRET, JWT_JWKS_URL or JWT_PUBLIC_KEY_FILE: tokens need a key to be verified with');
  }
  if (config.JWT_ALGORITHMS?.includes('HS256') && !config.JWT_SECRET) problems.push('JWT_ALGORITHMS: HS256 needs JWT_SECRET');
  if (!config.JWT_SECRET && !config.SERVICE_SIGNING_KEY_FILE) {
    problems.push('SERVICE_SIGNING_KEY_FILE: without JWT_SECRET a service needs its own key to sign the commands it sends');
  }
  return problems;
};
