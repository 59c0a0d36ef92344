import type { DynamicModule, INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { installAuthentication, TOKEN_VERIFIER, type TokenVerifier } from './auth';
import type { BaseConfig } from './config';
import { installTextGuard } from './text-guard';
import { ConfigError } from './config';
import { JsonLogger } from './logger';
import { RejectionFilter } from './rejection.filter';
import { isUnreachableDependency } from './unreachable';

/**
 * Starts a service: validates its configuration from the environment (every problem listed,
 * exit code 1), creates the Nest application, and makes it stop cleanly — SIGTERM/SIGINT run
 * the shutdown hooks (consumers leave their groups, relays finish their batch, pools close)
 * within SHUTDOWN_TIMEOUT_MS.
 */
export const startService = async <C extends BaseConfig>(
  readConfig: () => C,
  create: (config: C, logger: JsonLogger) => Promise<INestApplication>,
): Promise<INestApplication | undefined> => {
  let logger = new JsonLogger(process.env.SERVICE_NAME ?? 'service');
  try {
    const config = readConfig();
    logger = new JsonLogger(config.SERVICE_NAME, config.LOG_LEVEL);
    const app = await startWaitingForDependencies(config, logger, create);
    const address = app.getHttpServer().address();
    logger.log('service started', { port: typeof address === 'object' && address ? address.port : config.HTTP_PORT, pid: process.pid });
    for (const signal of ['SIGTERM', 'SIGINT'] as const) {
      process.once(signal, () => {
        logger.log('shutting down', { signal });
        setTimeout(() => {
          logger.error('shutdown deadline passed; exiting', { signal });
          process.exit(1);
        }, config.SHUTDOWN_TIMEOUT_MS).unref();
      });
    }
    return app;
  } catch (error) {
    const message = error instanceof ConfigError ? error.message : ((error as Error).stack ?? String(error));
    logger.error('service failed to start', { error: message });
    process.exitCode = 1;
    setTimeout(() => process.exit(1), 100).unref();
    return undefined;
  }
};

/** A start-up attempt that failed half-way is closed within this long before the next one. */
const CLOSE_FAILED_START_MS = 10_000;

/**
 * Creates and starts the application; while a start fails only because PostgreSQL, Kafka or
 * Redis cannot be reached (restarting, not up yet), closes what it started and tries again with
 * back-off, for up to STARTUP_WAIT_MS. Any other error — or the deadline — fails the start.
 */
const startWaitingForDependencies = async <C extends BaseConfig>(
  config: C,
  logger: JsonLogger,
  create: (config: C, logger: JsonLogger) => Promise<INestApplication>,
): Promise<INestApplication> => {
  const deadline = Date.now() + config.STARTUP_WAIT_MS;
  for (let attempt = 1, delay = 500; ; attempt++, delay = Math.min(delay * 2, 5_000)) {
    const app = await create(config, logger);
    try {
      app.enableShutdownHooks(['SIGTERM', 'SIGINT']);
      await app.listen(config.HTTP_PORT, config.HTTP_HOST);
      return app;
    } catch (error) {
      if (!isUnreachableDependency(error) || Date.now() + delay > deadline) throw error;
      logger.warn('a dependency is unreachable at start-up; trying again', { attempt, inMs: delay, error: (error as Error).message });
      await closeWithin(app, CLOSE_FAILED_START_MS);
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
};

const closeWithin = async (app: INestApplication, ms: number): Promise<void> => {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([app.close().catch(() => undefined), new Promise((resolve) => (timer = setTimeout(resolve, ms)))]);
  clearTimeout(timer);
};

/**
 * A Nest application on Fastify (lighter per request than Express), logging through `logger`.
 * Its module imports AuthModule: every route needs a verified token unless marked @Public().
 */
export const createHttpApp = async (module: DynamicModule, logger: JsonLogger): Promise<NestFastifyApplication> => {
  // A URL Fastify cannot even decode (an unpaired surrogate, broken percent-encoding) gets the
  // same typed answer as every other refusal.
  const adapter = new FastifyAdapter({
    bodyLimit: 1_048_576,
    frameworkErrors: (error: Error, _request: FastifyRequest, reply: FastifyReply) => {
      void reply.code(400).send({ status: 'REJECTED', code: 'INVALID_REQUEST', message: error.message });
    },
  });
  const app = await NestFactory.create<NestFastifyApplication>(module, adapter, { logger, abortOnError: false });
  app.useGlobalFilters(new RejectionFilter(logger));
  // Before any route is registered (Nest registers them at init), so every route gets them.
  installAuthentication(app.getHttpAdapter().getInstance(), app.get<TokenVerifier>(TOKEN_VERIFIER));
  installTextGuard(app.getHttpAdapter().getInstance());
  return app;
};
