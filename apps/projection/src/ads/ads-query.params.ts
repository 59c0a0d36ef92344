/** Validation of the ads query API's parameters and callers: every bad value is a 4xx that names it. */
import { hasScope, type Principal } from '@campaign/runtime';
import { BadRequestException, ForbiddenException } from '@nestjs/common';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The roles that may read the ads read models (ads-design: analyst reads; marketer and admin also act). */
export const READ_ROLES = ['analyst', 'marketer', 'admin'] as const;
/** A service's token reads any org's figures, naming the org (`org_id`) in the query. */
export const ADS_READ_SCOPE = 'ads:read';

export const invalid = (name: string, message: string) =>
  new BadRequestException({ code: 'INVALID_QUERY', message: `${name} ${message}`, details: { parameter: name } });

type Query = Readonly<Record<string, unknown>>;

/** Each parameter given at most once, and only those the route knows. */
export const checkQuery = (query: Query, known: readonly string[]): Readonly<Record<string, string | undefined>> => {
  const unknown = Object.keys(query).filter((key) => !known.includes(key));
  if (unknown.length > 0) throw invalid(unknown[0], `is not a parameter of this endpoint (use ${known.join(', ')})`);
  for (const [key, value] of Object.entries(query)) if (typeof value !== 'string') throw invalid(key, 'must be given once');
  return query as Record<string, string | undefined>;
};

export const oneOf = <T extends string>(name: string, value: string | undefined, allowed: readonly T[], fallback: T | null = null): T | null => {
  if (value === undefined) return fallback;
  if (!(allowed as readonly string[]).includes(value)) throw invalid(name, `must be one of ${allowed.join(', ')}`);
  return value as T;
};

export const intParam = (name: string, value: string | undefined, fallback: number, min: number, max: number): number => {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(n) || n < min || n > max) throw invalid(name, `must be an integer from ${min} to ${max}`);
  return n;
};

export const boolParam = (name: string, value: string | undefined, fallback: boolean): boolean =>
  oneOf(name, value, ['true', 'false'] as const, fallback ? 'true' : 'false') === 'true';

export const uuidParam = (name: string, value: string): string => {
  if (!UUID.test(value)) throw invalid(name, 'must be a UUID');
  return value.toLowerCase();
};

/**
 * The org a request reads: a user's own (its token's org_id, with a reading role), or, for a
 * service token granting ads:read, the org it names in `org_id`. Nothing else is ever read.
 */
export const orgOf = (caller: Principal, orgParam: string | undefined): string => {
  if (caller.orgId) {
    if (!(READ_ROLES as readonly string[]).includes(caller.role ?? '')) {
      throw new ForbiddenException({ code: 'AD_ROLE_REQUIRED', message: `Reading ads figures needs the role ${READ_ROLES.join(', ')}` });
    }
    if (orgParam !== undefined && orgParam.toLowerCase() !== caller.orgId) {
      throw new ForbiddenException({ code: 'TENANT_MISMATCH', message: 'A user token reads its own organization only' });
    }
    return caller.orgId;
  }
  if (!hasScope(caller, ADS_READ_SCOPE)) throw new ForbiddenException({ code: 'FORBIDDEN', message: `The token does not grant ${ADS_READ_SCOPE}` });
  if (orgParam === undefined) throw invalid('org_id', 'is required with a service token: name the organization to read');
  return uuidParam('org_id', orgParam);
};
