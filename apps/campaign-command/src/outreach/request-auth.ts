import type { CommandMetadata } from '@campaign/domain';
import { type AuthClaims, type Principal, userClaimsOf } from '@campaign/runtime';
import { Injectable } from '@nestjs/common';
import { type Headers, personMetadata } from '../shared/request-context';

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
    return { claims: userClaimsOf(caller), metadata: personMetadata(caller, headers, body) };
  }
}
