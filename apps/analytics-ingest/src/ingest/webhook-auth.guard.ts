import { createHash, timingSafeEqual } from 'node:crypto';
import { bearerToken, CONFIG } from '@campaign/runtime';
import { type CanActivate, type ExecutionContext, Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import type { AnalyticsIngestConfig } from '../config';

const fingerprint = (value: string): Buffer => createHash('sha256').update(value).digest();

/**
 * Constant-time: both sides are hashed to equal lengths first, so neither the secret's length
 * nor the position of the first differing byte shows in the response time.
 */
export const secretMatches = (given: string | null, secret: string): boolean =>
  given !== null && timingSafeEqual(fingerprint(given), fingerprint(secret));

interface HttpPair {
  readonly headers: Record<string, string | string[] | undefined>;
}
interface Reply {
  header(name: string, value: string): unknown;
}

/** Providers prove themselves with `Authorization: Bearer <WEBHOOK_SECRET>`. */
@Injectable()
export class WebhookAuthGuard implements CanActivate {
  constructor(@Inject(CONFIG) private readonly config: AnalyticsIngestConfig) {}

  canActivate(context: ExecutionContext): boolean {
    const http = context.switchToHttp();
    if (secretMatches(bearerToken(http.getRequest<HttpPair>().headers.authorization), this.config.WEBHOOK_SECRET)) return true;
    http.getResponse<Reply>().header('WWW-Authenticate', 'Bearer');
    throw new UnauthorizedException({ code: 'UNAUTHORIZED', message: 'A valid webhook secret is required (Authorization: Bearer <secret>)' });
  }
}
