import {
  applyDecorators,
  type CanActivate,
  createParamDecorator,
  type DynamicModule,
  type ExecutionContext,
  ForbiddenException,
  Injectable,
  Module,
  SetMetadata,
  UnauthorizedException,
} from '@nestjs/common';
import { APP_GUARD, Reflector } from '@nestjs/core';
import { RouteConfig } from '@nestjs/platform-fastify';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AuthConfig } from './auth.config';
import type { Principal } from './principal';
import { createTokenVerifier, TokenError, type TokenVerifier } from './token-verifier';

export const TOKEN_VERIFIER = Symbol('TOKEN_VERIFIER');

const IS_PUBLIC = 'auth:public';
const REQUIRED_SCOPES = 'auth:scopes';
const REQUIRES_TENANT = 'auth:tenant';

type AuthenticatedRequest = FastifyRequest & { principal?: Principal };

const NO_TOKEN = 'An Authorization: Bearer <JWT> header is required';
const unauthenticated = () => new UnauthorizedException({ code: 'UNAUTHORIZED', message: NO_TOKEN });

/**
 * A route anyone may call: health, metrics, and links that carry a signed token of their own.
 * Method-level only, because the route's Fastify config is what lets authentication run
 * before the body is read. `config` adds to that Fastify config (one RouteConfig per route:
 * a second would replace the first), e.g. `{ outsideText: true }` for text written by strangers.
 */
export const Public = (config: Readonly<Record<string, unknown>> = {}): MethodDecorator =>
  applyDecorators(SetMetadata(IS_PUBLIC, true), RouteConfig({ ...config, public: true }));

/** The caller's token must grant every one of these scopes (service, analyst or operator). */
export const RequireScopes = (...scopes: string[]) => SetMetadata(REQUIRED_SCOPES, scopes);

/** The caller must be bound to an org (a user token with `org_id`): the route acts inside it. */
export const RequireTenant = () => SetMetadata(REQUIRES_TENANT, true);

/** The verified principal of the request (routes behind the guard always have one). */
export const Caller = createParamDecorator((_: unknown, context: ExecutionContext): Principal => {
  const principal = context.switchToHttp().getRequest<AuthenticatedRequest>().principal;
  if (!principal) throw unauthenticated();
  return principal;
});

export const bearerToken = (header: string | string[] | undefined): string | null => {
  const value = Array.isArray(header) ? header[0] : header;
  const match = value ? /^Bearer\s+(\S+)$/i.exec(value) : null;
  return match ? match[1] : null;
};

const refuse = (reply: FastifyReply, message: string) =>
  reply.code(401).header('WWW-Authenticate', 'Bearer').send({ status: 'REJECTED', code: 'UNAUTHORIZED', message });

/**
 * Authentication as the first thing a request meets (Fastify onRequest), before its body is
 * read or parsed: a protected route without a valid token costs the caller nothing but a 401.
 */
export const installAuthentication = (fastify: FastifyInstance, verifier: TokenVerifier): void => {
  fastify.addHook('onRequest', async (request: AuthenticatedRequest, reply) => {
    if ((request.routeOptions.config as { public?: boolean } | undefined)?.public) return;
    const token = bearerToken(request.headers.authorization);
    if (token === null) return refuse(reply, NO_TOKEN);
    try {
      request.principal = await verifier.verify(token);
    } catch (error) {
      if (error instanceof TokenError) return refuse(reply, `The token is not accepted: ${error.message}`);
      throw error;
    }
  });
};

/** Authorization, after authentication: the scopes and tenancy a route declares. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const principal = context.switchToHttp().getRequest<AuthenticatedRequest>().principal;
    if (!principal) throw unauthenticated();
    const scopes = this.reflector.getAllAndOverride<string[] | undefined>(REQUIRED_SCOPES, targets) ?? [];
    const missing = scopes.filter((scope) => !principal.scopes.has(scope));
    if (missing.length > 0) throw new ForbiddenException({ code: 'FORBIDDEN', message: `The token does not grant ${missing.join(', ')}` });
    if (this.reflector.getAllAndOverride<boolean>(REQUIRES_TENANT, targets) && !principal.orgId) {
      throw new ForbiddenException({ code: 'TENANT_REQUIRED', message: 'This route acts inside an organization: the token needs an org_id' });
    }
    return true;
  }
}

/** The verifier and the guard every route passes; `createHttpApp` installs the authentication hook. */
@Module({})
export class AuthModule {
  static forRoot(config: AuthConfig): DynamicModule {
    return {
      module: AuthModule,
      global: true,
      providers: [
        { provide: TOKEN_VERIFIER, useFactory: () => createTokenVerifier(config) },
        { provide: APP_GUARD, useClass: AuthGuard },
      ],
      exports: [TOKEN_VERIFIER],
    };
  }
}
