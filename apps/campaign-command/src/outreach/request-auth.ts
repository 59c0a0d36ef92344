import type { CommandMetadata } from '@campaign/domain';
import { type AuthClaims, type Principal, userClaimsOf } from '@campaign/runtime';
import { Injectable } from '@nestjs/common';
import { type Headers, metadataFromRequest } from '../shared/request-context';

export interface Authenticated {
  readonly claims: AuthClaims;
  readonly metadata: CommandMetadata;
}

/**
 * Every outreach request acts as the user of a verified JWT (seed 004 RLS: org_id, role,
 * auth.uid()): the org becomes the command's tenant, so a campaign of another org is simply
 * not found; the role is the decider's to judge; the actor is `user:<sub>`.
 */
@Injectable()
export class RequestAuthenticator {
  /** The caller was verified before the body was read; the command id comes from the header or the body. */
  authenticate(caller: Principal, headers: Headers, body: unknown): Authenticated {
    const claims = userClaimsOf(caller);
    const bodyCommandId = (body as { commandId?: unknown } | null)?.commandId;
    const request = metadataFromRequest(headers, caller, typeof bodyCommandId === 'string' ? bodyCommandId : undefined);
    return { claims, metadata: { ...request, actor: `user:${claims.sub}`, tenant: claims.org_id, role: claims.role } };
  }
}
