import { createHash, timingSafeEqual } from 'node:crypto';
import { bearerToken } from '@campaign/runtime';
import type { FastifyInstance } from 'fastify';

const fingerprint = (value: string): Buffer => createHash('sha256').update(value).digest();

/**
 * Constant-time: both sides are hashed to equal lengths first, so neither the secret's length
 * nor the position of the first differing byte shows in the response time.
 */
export const secretMatches = (given: string | null, secret: string): boolean => given !== null && timingSafeEqual(fingerprint(given), fingerprint(secret));

/** A provider webhook route: authenticated by the webhook secret, before its body is read. */
export const WEBHOOK_ROUTE = { webhook: true, outsideText: true } as const;

/**
 * Providers prove themselves with `Authorization: Bearer <WEBHOOK_SECRET>`, checked as the
 * request arrives (Fastify onRequest): a caller without it is answered 401 at once, and its
 * body is never read or parsed.
 */
export const installWebhookAuthentication = (fastify: FastifyInstance, secret: string): void => {
  fastify.addHook('onRequest', async (request, reply) => {
    if (!(request.routeOptions.config as { webhook?: boolean } | undefined)?.webhook) return;
    if (secretMatches(bearerToken(request.headers.authorization), secret)) return;
    return reply
      .code(401)
      .header('WWW-Authenticate', 'Bearer')
      .send({ status: 'REJECTED', code: 'UNAUTHORIZED', message: 'A valid webhook secret is required (Authorization: Bearer <secret>)' });
  });
};
