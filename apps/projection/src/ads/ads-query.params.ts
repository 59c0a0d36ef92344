/** Validation of the ads query API's parameters and callers: every bad value is a 4xx that names it. */
import { hasScope, type Principal } from '@campaign/runtime';
import { ForbiddenException } from '@nestjs/common';
import { invalid, oneOf, uuidParam } from '../shared/query-params';

/** The roles that may read the ads read models (ads-design: analyst reads; marketer and admin also act). */
export const READ_ROLES = ['analyst', 'marketer', 'admin'] as const;
/** A service's token reads any org's figures, naming the org (`org_id`) in the query. */
export const ADS_READ_SCOPE = 'ads:read';

export const boolParam = (name: string, value: string | undefined, fallback: boolean): boolean =>
  oneOf(name, value, ['true', 'false'] as const, fallback ? 'true' : 'false') === 'true';

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
