import type { Provider } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';

interface RouteOptions {
  url?: string;
  method: string | string[];
  bodyLimit?: number;
}
interface FastifyLike {
  addHook(name: 'onRoute', hook: (route: RouteOptions) => void): unknown;
}

export const BODY_LIMITS = Symbol('BODY_LIMITS');

/**
 * Raises Fastify's body limit (1 MB for the whole app) on the named POST routes only. Fastify
 * lets an `onRoute` hook change a route's options before it is built, and Nest registers the
 * routes after every provider exists — so this provider, instantiated first, sees them all.
 */
export const bodyLimitsProvider = (limits: Readonly<Record<string, number>>): Provider => ({
  provide: BODY_LIMITS,
  useFactory: (host: HttpAdapterHost) => {
    const fastify = host.httpAdapter?.getInstance?.() as FastifyLike | undefined;
    fastify?.addHook('onRoute', (route) => {
      const limit = route.url === undefined ? undefined : limits[route.url];
      if (limit !== undefined && route.method === 'POST') route.bodyLimit = limit;
    });
    return limits;
  },
  inject: [HttpAdapterHost],
});
