/**
 * Validation of the orchestration query API's parameters and callers: every bad value is a 400
 * INVALID_QUERY that names it (the generic checks are shared/query-params.ts).
 */
import { orchestration } from '@campaign/domain';
import { contextScope, hasScope, type Principal } from '@campaign/runtime';
import { ForbiddenException } from '@nestjs/common';
import { invalid, uuidParam } from '../shared/query-params';

/** A service's token reads any org's rows, naming the org (`org_id`) in the query. */
export const ORCHESTRATION_READ_SCOPE = contextScope('orchestration', 'read');

/**
 * The org a request reads: a person's own (its token's org_id, any of the context's roles —
 * viewer reads, editor and admin too), or, for a service token granting orchestration:read,
 * the org it names in `org_id`. Nothing else is ever read.
 */
export const orgOf = (caller: Principal, orgParam: string | undefined): string => {
  if (caller.orgId) {
    if (!(orchestration.ORCHESTRATION_ROLES as readonly string[]).includes(caller.role ?? '')) {
      const message = `Reading orchestration needs the role ${orchestration.ORCHESTRATION_ROLES.join(', ')}`;
      throw new ForbiddenException({ code: orchestration.OrchestrationErrorCode.ORCHESTRATION_ROLE_REQUIRED, message });
    }
    if (orgParam !== undefined && orgParam.toLowerCase() !== caller.orgId) {
      throw new ForbiddenException({ code: 'TENANT_MISMATCH', message: 'A user token reads its own organization only' });
    }
    return caller.orgId;
  }
  if (!hasScope(caller, ORCHESTRATION_READ_SCOPE)) {
    throw new ForbiddenException({ code: 'FORBIDDEN', message: `The token does not grant ${ORCHESTRATION_READ_SCOPE}` });
  }
  if (orgParam === undefined) throw invalid('org_id', 'is required with a service token: name the organization to read');
  return uuidParam('org_id', orgParam);
};

/** An ISO-8601 instant with its zone (`2026-04-01T09:00:00Z`), or a date (midnight UTC); as ISO UTC. */
export const instantParam = (name: string, value: string | undefined): string | null => {
  if (value === undefined) return null;
  const at = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2}))?$/.test(value) ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(at)) throw invalid(name, 'must be an ISO-8601 instant (2026-04-01T09:00:00Z) or a date (2026-04-01)');
  return new Date(at).toISOString();
};
