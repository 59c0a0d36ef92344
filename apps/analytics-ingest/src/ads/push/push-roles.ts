import { contextScope, type Principal } from '@campaign/runtime';
import { HttpException } from '@nestjs/common';

/** The roles that may push an org's figures (seed 003 has no role table; the ads design's roles). */
export const PUSH_ROLES: ReadonlySet<string> = new Set(['marketer', 'admin']);

/**
 * Who may push metric rows, and for which org — from the verified token only: a user of the org
 * with role marketer or admin, or an org-bound integration token (an `org_id` claim and scope
 * `ads:write`, e.g. a nightly export job). The org is always the token's; a token without one
 * (a platform service) pushes through the Kafka door, which names the org in the import.
 */
export const pushingOrgOf = (principal: Principal): string => {
  if (!principal.orgId) {
    throw new HttpException({ code: 'TENANT_REQUIRED', message: 'Metric rows are pushed for an organization: the token needs an org_id' }, 403);
  }
  if (!(principal.role !== null && PUSH_ROLES.has(principal.role)) && !principal.scopes.has(contextScope('ads', 'write'))) {
    throw new HttpException({ code: 'AD_ROLE_REQUIRED', message: 'Pushing metric rows needs the role marketer or admin (or scope ads:write)' }, 403);
  }
  return principal.orgId;
};
