import { HttpException } from '@nestjs/common';
import { clientIp } from './client-ip';

/** The parts of a Fastify request and reply the controllers use (fastify is not a direct dependency). */
export interface IncomingRequest {
  readonly headers: Record<string, string | string[] | undefined>;
  readonly socket?: { readonly remoteAddress?: string };
}
export interface OutgoingReply {
  code(status: number): OutgoingReply;
  header(name: string, value: string): OutgoingReply;
  headers(values: Readonly<Record<string, string>>): OutgoingReply;
  redirect(url: string, status?: number): OutgoingReply;
  send(body?: unknown): OutgoingReply;
}

const single = (value: string | string[] | undefined): string | null => (Array.isArray(value) ? value[0] : value) ?? null;

/** Who made a tracking hit: the client's address (see clientIp for `trustedHops`) and user agent. */
export const hitOrigin = (request: IncomingRequest, trustedHops: number) => ({
  ipAddress: clientIp(request.headers['x-forwarded-for'], request.socket?.remoteAddress, trustedHops),
  userAgent: single(request.headers['user-agent'])?.slice(0, 1_000) ?? null,
});

export const rejected = (status: number, code: string, message: string, details?: Readonly<Record<string, unknown>> | null): HttpException =>
  new HttpException({ code, message, ...(details ? { details } : {}) }, status);

/**
 * A tracking link over its rate limit: 429, with Retry-After (seconds) in the header and the body,
 * and which limit it was (`ip` or `token`).
 */
export const rateLimited = (reply: OutgoingReply, scope: string, retryAfterSeconds: number): HttpException => {
  reply.header('Retry-After', String(retryAfterSeconds));
  return rejected(429, 'RATE_LIMITED', 'Too many requests for this link; retry later', { scope, retryAfterSeconds });
};
