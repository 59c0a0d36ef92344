import type { Provider } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { ADS_INGEST_CONFIG, type AdsIngestConfig } from '../shared/ads-ingest.config';

export const METRICS_ROUTE = '/v1/ads/metrics';
export const NDJSON = 'application/x-ndjson';
export const CSV = 'text/csv';

interface RouteOptions {
  url?: string;
  method: string | string[];
  bodyLimit?: number;
}
interface HookRequest {
  readonly headers: Record<string, string | string[] | undefined>;
  readonly routeOptions: { readonly url?: string };
  readonly method: string;
}
interface HookReply {
  code(status: number): HookReply;
  send(body: unknown): HookReply;
}
interface FastifyLike {
  addHook(name: 'onRoute', hook: (route: RouteOptions) => void): unknown;
  addHook(name: 'preParsing', hook: (request: HookRequest, reply: HookReply, payload: unknown) => Promise<unknown>): unknown;
  addContentTypeParser(
    types: string[],
    options: { parseAs: 'string'; bodyLimit: number },
    parser: (request: unknown, body: string, done: (error: Error | null, body?: unknown) => void) => void,
  ): unknown;
}

export const PUSH_BODY = Symbol('PUSH_BODY');

/**
 * The push door's bodies: NDJSON and CSV are read as text (their rows are parsed by the route,
 * so each bad line is a row error), and the route takes bodies up to ADS_PUSH_MAX_BYTES instead
 * of the app's 1 MiB. A declared length over it is refused with 413 METRIC_BODY_TOO_LARGE before
 * a byte is read (after authentication, which runs first: a stranger gets 401).
 */
export const pushBodyProvider: Provider = {
  provide: PUSH_BODY,
  inject: [HttpAdapterHost, ADS_INGEST_CONFIG],
  useFactory: (host: HttpAdapterHost, config: AdsIngestConfig) => {
    const fastify = host.httpAdapter?.getInstance?.() as FastifyLike | undefined;
    const limit = config.ADS_PUSH_MAX_BYTES;
    fastify?.addContentTypeParser([NDJSON, CSV], { parseAs: 'string', bodyLimit: limit }, (_request, body, done) => done(null, body));
    fastify?.addHook('onRoute', (route) => {
      if (route.url === METRICS_ROUTE && route.method === 'POST') route.bodyLimit = limit;
    });
    fastify?.addHook('preParsing', async (request, reply, payload) => {
      if (request.routeOptions.url !== METRICS_ROUTE || request.method !== 'POST') return payload;
      const length = Number(request.headers['content-length'] ?? 0);
      if (length > limit) {
        return reply.code(413).send({ status: 'REJECTED', code: 'METRIC_BODY_TOO_LARGE', message: `A push body is at most ${limit} bytes; split it` });
      }
      return payload;
    });
    return limit;
  },
};
