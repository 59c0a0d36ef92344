import type { CommandMetadata } from '@campaign/domain';
import type { Principal } from '@campaign/runtime';
import { ForbiddenException } from '@nestjs/common';
import { type Headers, metadataFromRequest } from '../../shared/request-context';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A person's request on alerts, recommendations and actions: the org of the token is the
 * command's tenant, the actor `user:<sub>`. Unlike the core doors, a token without a role gets
 * through to the decider, which answers AD_ROLE_REQUIRED (403): approvals need a role, and the
 * code says which (issue 12 point 9), rather than a generic TENANT_REQUIRED.
 */
export const insightPersonMetadata = (caller: Principal, headers: Headers, body: unknown): CommandMetadata & { readonly tenant: string } => {
  if (!caller.orgId || !UUID.test(caller.subject)) {
    throw new ForbiddenException({
      code: 'TENANT_REQUIRED',
      message: 'This route acts for a user of an organization: the token needs a UUID sub and an org_id',
    });
  }
  const bodyCommandId = (body as { commandId?: unknown } | null)?.commandId;
  const request = metadataFromRequest(headers, caller, typeof bodyCommandId === 'string' ? bodyCommandId : undefined);
  return { ...request, actor: `user:${caller.subject.toLowerCase()}`, tenant: caller.orgId, ...(caller.role ? { role: caller.role } : {}) };
};
