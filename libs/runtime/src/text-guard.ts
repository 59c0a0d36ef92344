import { unstorableTextPath } from '@campaign/domain';
import type { FastifyInstance, FastifyRequest } from 'fastify';

export const INVALID_TEXT_MESSAGE = 'The request contains text that cannot be stored (U+0000 or an unpaired surrogate)';

/** A route's Fastify config: `outsideText` marks routes whose handlers clean text from outside instead. */
interface TextGuardRouteConfig {
  readonly outsideText?: boolean;
}

/**
 * Where in the request the first text PostgreSQL (text, jsonb) or Avro cannot hold sits, as
 * `params.id`, `query.q`, `headers.x-name` or `body.contacts.3.name`; null when all of it can.
 */
export const unstorableRequestText = (request: Pick<FastifyRequest, 'params' | 'query' | 'headers' | 'body'>): string | null =>
  unstorableTextPath({ params: request.params, query: request.query, headers: request.headers, body: request.body });

/**
 * Refuses, with 400 INVALID_TEXT, a request carrying U+0000 or a lone UTF-16 surrogate in a path
 * parameter, the query, a header or the body: left alone they reach PostgreSQL, which refuses
 * them with an error the caller would see as a 5xx (or a projection as a dead letter). It runs
 * at preValidation, once the body is parsed and before the route's handler. Routes marked
 * `outsideText: true` in their Fastify config (text written by strangers, e.g. an email client's
 * user agent on a tracking link) are let through: their handlers clean such text instead.
 */
export const installTextGuard = (fastify: FastifyInstance): void => {
  fastify.addHook('preValidation', async (request, reply) => {
    if ((request.routeOptions.config as TextGuardRouteConfig | undefined)?.outsideText) return;
    const where = unstorableRequestText(request);
    if (where === null) return;
    return reply.code(400).send({ status: 'REJECTED', code: 'INVALID_TEXT', message: INVALID_TEXT_MESSAGE, details: { where } });
  });
};
