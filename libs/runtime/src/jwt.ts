import { createHmac, timingSafeEqual } from 'node:crypto';

/** The claims the outreach APIs act on (seed 004 RLS: auth.jwt() ->> 'org_id', auth.uid(), role). */
export interface AuthClaims {
  readonly sub: string;
  readonly org_id: string;
  readonly role: string;
  readonly exp: number;
  readonly [claim: string]: unknown;
}

export class JwtError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'JwtError';
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const b64url = (input: Buffer | string): string => Buffer.from(input).toString('base64url');

const signature = (signingInput: string, secret: string): Buffer => createHmac('sha256', secret).update(signingInput).digest();

/** Signs claims as an HS256 JWT (for tests, the demo and service-to-service tokens). */
export const signJwt = (claims: Record<string, unknown>, secret: string): string => {
  const signingInput = `${b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }))}.${b64url(JSON.stringify(claims))}`;
  return `${signingInput}.${b64url(signature(signingInput, secret))}`;
};

const parsePart = (part: string, what: string): Record<string, unknown> => {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // reported below
  }
  throw new JwtError(`the token's ${what} is not a JSON object`);
};

/**
 * Verifies an HS256 JWT: the algorithm is fixed (a token cannot choose `none` or another key
 * type), the signature is compared in constant time, `exp` is required and `nbf` honoured, and
 * `sub` and `org_id` must be UUIDs with a `role` present.
 */
export const verifyJwt = (token: string, secret: string, nowSeconds = Math.floor(Date.now() / 1000)): AuthClaims => {
  const parts = token.split('.');
  if (parts.length !== 3) throw new JwtError('the token is not a JWS compact serialization');
  const [headerPart, payloadPart, signaturePart] = parts;
  const header = parsePart(headerPart, 'header');
  if (header.alg !== 'HS256') throw new JwtError(`algorithm ${String(header.alg)} is not accepted`);
  const expected = signature(`${headerPart}.${payloadPart}`, secret);
  const given = Buffer.from(signaturePart, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new JwtError('the signature does not verify');
  const claims = parsePart(payloadPart, 'payload');
  if (typeof claims.exp !== 'number') throw new JwtError('the token has no exp');
  if (claims.exp <= nowSeconds) throw new JwtError('the token has expired');
  if (typeof claims.nbf === 'number' && claims.nbf > nowSeconds) throw new JwtError('the token is not valid yet');
  if (typeof claims.sub !== 'string' || !UUID.test(claims.sub)) throw new JwtError('sub must be a UUID');
  if (typeof claims.org_id !== 'string' || !UUID.test(claims.org_id)) throw new JwtError('org_id must be a UUID');
  if (typeof claims.role !== 'string' || claims.role.length === 0) throw new JwtError('role is required');
  return claims as AuthClaims;
};

/** The bearer token of an Authorization header, or null. */
export const bearerToken = (header: string | string[] | undefined): string | null => {
  const value = Array.isArray(header) ? header[0] : header;
  const match = value ? /^Bearer\s+(\S+)$/i.exec(value) : null;
  return match ? match[1] : null;
};
