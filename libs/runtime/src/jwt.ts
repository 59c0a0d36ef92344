import { createHmac } from 'node:crypto';
import { ForbiddenException } from '@nestjs/common';
import type { Principal } from './auth/principal';

/** The claims an org-scoped API acts on (seed 004 RLS: auth.jwt() ->> 'org_id', auth.uid(), role). */
export interface AuthClaims {
  readonly sub: string;
  readonly org_id: string;
  readonly role: string;
  readonly [claim: string]: unknown;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A user's claims as seed 004's policies read them: the user (auth.uid()) and the org are
 * UUIDs and the role is named. Any other principal has no business in a tenant's data.
 */
export const userClaimsOf = (principal: Principal): AuthClaims => {
  if (!principal.orgId || !UUID.test(principal.subject) || !principal.role) {
    throw new ForbiddenException({
      code: 'TENANT_REQUIRED',
      message: 'This route acts for a user of an organization: the token needs a UUID sub, an org_id and a role',
    });
  }
  return { ...principal.claims, sub: principal.subject.toLowerCase(), org_id: principal.orgId, role: principal.role };
};

const b64url = (input: Buffer | string): string => Buffer.from(input).toString('base64url');

/**
 * Signs claims as an HS256 JWT, synchronously (tests, the demo, local service tokens). `iat`
 * defaults to now; production tokens come from an identity provider.
 */
export const signJwt = (claims: Record<string, unknown>, secret: string): string => {
  const body = { iat: Math.floor(Date.now() / 1000), ...claims };
  const signingInput = `${b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }))}.${b64url(JSON.stringify(body))}`;
  return `${signingInput}.${b64url(createHmac('sha256', secret).update(signingInput).digest())}`;
};
