import { createHash, createPublicKey, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createLocalJWKSet, createRemoteJWKSet, type JWTPayload, type JWTVerifyGetKey, jwtVerify } from 'jose';
import { ConfigError } from '../config';
import { type AuthConfig, authConfigProblems } from './auth.config';
import type { Principal } from './principal';

export class TokenError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TokenError';
  }
}

export interface VerifyOptions {
  /** A signed command envelope: the token's `msg` claim must be the SHA-256 of these bytes. */
  readonly bindTo?: Buffer;
}

export interface TokenVerifier {
  verify(token: string, options?: VerifyOptions): Promise<Principal>;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const NAME = /^[A-Za-z0-9_.:@/-]{1,200}$/;

/** The digest a signed envelope's token names, so that the token cannot be moved to other bytes. */
export const messageDigest = (value: Buffer): string => createHash('sha256').update(value).digest('base64url');

/** A PEM public key, or a JWKS document in a file. */
const keysFromFile = (path: string): KeyObject | JWTVerifyGetKey => {
  const text = readFileSync(path, 'utf8');
  if (text.trimStart().startsWith('{')) return createLocalJWKSet(JSON.parse(text));
  return createPublicKey(text);
};

const defaultAlgorithms = (config: AuthConfig): string[] => [
  ...(config.JWT_SECRET ? ['HS256'] : []),
  ...(config.JWT_JWKS_URL || config.JWT_PUBLIC_KEY_FILE ? ['RS256', 'ES256'] : []),
];

const keyResolver = (config: AuthConfig): JWTVerifyGetKey => {
  const secret = config.JWT_SECRET ? new TextEncoder().encode(config.JWT_SECRET) : null;
  const remote = config.JWT_JWKS_URL ? createRemoteJWKSet(new URL(config.JWT_JWKS_URL), { timeoutDuration: 5_000, cooldownDuration: 30_000 }) : null;
  const file = config.JWT_PUBLIC_KEY_FILE ? keysFromFile(config.JWT_PUBLIC_KEY_FILE) : null;
  return async (header, token) => {
    // A symmetric token is checked with the secret only, never with a public key's bytes.
    if (header.alg === 'HS256') {
      if (!secret) throw new TokenError('HS256 tokens are not accepted here');
      return secret;
    }
    if (remote) {
      try {
        return await remote(header, token);
      } catch (error) {
        if (!file) throw error;
      }
    }
    if (file) return typeof file === 'function' ? file(header, token) : file;
    throw new TokenError(`no key to verify ${String(header.alg)} tokens`);
  };
};

const scopesOf = (claims: JWTPayload): Set<string> => {
  const raw = typeof claims.scope === 'string' ? claims.scope.split(' ') : Array.isArray(claims.scp) ? claims.scp : [];
  const scopes = raw.filter((s): s is string => typeof s === 'string' && s.length > 0);
  if (scopes.some((s) => !NAME.test(s))) throw new TokenError('a scope is not a plain name');
  return new Set(scopes);
};

/** The principal a verified payload names; claims the platform acts on are checked strictly. */
export const principalOf = (claims: JWTPayload): Principal => {
  const { sub, org_id: orgId, role } = claims as JWTPayload & { org_id?: unknown; role?: unknown };
  if (typeof sub !== 'string' || !NAME.test(sub)) throw new TokenError('sub must be a plain name of at most 200 characters');
  if (orgId !== undefined && (typeof orgId !== 'string' || !UUID.test(orgId))) throw new TokenError('org_id must be a UUID');
  if (role !== undefined && (typeof role !== 'string' || !NAME.test(role))) throw new TokenError('role must be a plain name');
  const tenant = typeof orgId === 'string' ? orgId.toLowerCase() : null;
  return {
    subject: sub,
    orgId: tenant,
    role: typeof role === 'string' ? role : null,
    scopes: scopesOf(claims),
    actor: `${tenant ? 'user' : 'service'}:${sub}`,
    claims,
  };
};

/**
 * One verifier for every app (jose): the algorithm list is fixed by configuration (a token
 * cannot choose `none` or switch key types), issuer and audience are checked when configured,
 * `exp`, `iat` and `sub` are required, clocks may differ by the tolerance, and no token may
 * live longer than the maximum lifetime.
 */
export const createTokenVerifier = (config: AuthConfig): TokenVerifier => {
  const problems = authConfigProblems(config);
  if (problems.length > 0) throw new ConfigError(problems);
  const algorithms = config.JWT_ALGORITHMS ?? defaultAlgorithms(config);
  const getKey = keyResolver(config);
  const maxLifetime = config.JWT_MAX_LIFETIME_SECONDS;
  return {
    async verify(token, options = {}) {
      let claims: JWTPayload;
      try {
        ({ payload: claims } = await jwtVerify(token, getKey, {
          algorithms,
          issuer: config.JWT_ISSUER,
          audience: config.JWT_AUDIENCE,
          clockTolerance: config.JWT_CLOCK_TOLERANCE_SECONDS,
          maxTokenAge: maxLifetime + config.JWT_CLOCK_TOLERANCE_SECONDS,
          requiredClaims: ['exp', 'iat', 'sub'],
        }));
      } catch (error) {
        throw error instanceof TokenError ? error : new TokenError((error as Error).message);
      }
      if ((claims.exp as number) - (claims.iat as number) > maxLifetime) throw new TokenError(`the token lives longer than ${maxLifetime} s`);
      if (options.bindTo && claims.msg !== messageDigest(options.bindTo)) throw new TokenError('the token was not issued for this message');
      return principalOf(claims);
    },
  };
};
