import type { CommandMetadata } from '@campaign/domain';
import { type AuthClaims, bearerToken, CONFIG, JwtError, verifyJwt } from '@campaign/runtime';
import { Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import type { CommandConfig } from '../config';
import { type Headers, metadataFromRequest } from '../infrastructure/request-context';

export interface Authenticated {
  readonly claims: AuthClaims;
  readonly metadata: CommandMetadata;
}

const unauthorized = (message: string) => new UnauthorizedException({ code: 'UNAUTHORIZED', message });

/**
 * Every outreach request acts as the user of a verified JWT (seed 004 RLS: org_id, role,
 * auth.uid()): the org becomes the command's tenant, so a campaign of another org is simply
 * not found; the role is the decider's to judge; the actor is `user:<sub>`.
 */
@Injectable()
export class RequestAuthenticator {
  constructor(@Inject(CONFIG) private readonly config: CommandConfig) {}

  /** Checks the token first (401 before any 400), then takes the command id from the header or the body. */
  authenticate(headers: Headers, body: unknown): Authenticated {
    const token = bearerToken(headers.authorization);
    if (token === null) throw unauthorized('An Authorization: Bearer <JWT> header is required');
    let claims: AuthClaims;
    try {
      claims = verifyJwt(token, this.config.JWT_SECRET);
    } catch (error) {
      if (error instanceof JwtError) throw unauthorized(`The token is not accepted: ${error.message}`);
      throw error;
    }
    const bodyCommandId = (body as { commandId?: unknown } | null)?.commandId;
    const request = metadataFromRequest(headers, typeof bodyCommandId === 'string' ? bodyCommandId : undefined);
    return { claims, metadata: { ...request, actor: `user:${claims.sub}`, tenant: claims.org_id, role: claims.role } };
  }
}
