import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException } from '@nestjs/common';
import type { JsonLogger } from './logger';
import { isUnreachableDependency } from './unreachable';

interface Reply {
  status(code: number): Reply;
  header(name: string, value: string): Reply;
  send(body: unknown): void;
}

const CODES: Record<number, string> = {
  400: 'INVALID_REQUEST',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
};

/**
 * Every error leaves the HTTP API in one shape, `{ status: 'REJECTED', code, message }`:
 * domain rejections as the handlers built them, framework errors (malformed JSON, unknown
 * route) with a code of their own, a dependency out of reach (PostgreSQL restarting, brokers
 * away) as 503 UNAVAILABLE with Retry-After — nothing was decided, the same request may be sent
 * again — and unexpected failures as INTERNAL_ERROR — logged, with no internals in the answer.
 */
@Catch()
export class RejectionFilter implements ExceptionFilter {
  constructor(private readonly logger: JsonLogger) {}

  catch(error: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<Reply>();
    if (!(error instanceof HttpException) && isUnreachableDependency(error)) {
      this.logger.warn('request refused: a dependency is unreachable', { error: (error as Error).message });
      reply.status(503).header('Retry-After', '1').send({
        status: 'REJECTED',
        code: 'UNAVAILABLE',
        message: 'The service cannot reach its database or brokers right now; retry with the same Idempotency-Key',
      });
      return;
    }
    if (!(error instanceof HttpException)) {
      this.logger.error('request failed unexpectedly', { error: (error as Error).stack ?? String(error) });
      reply
        .status(500)
        .send({ status: 'REJECTED', code: 'INTERNAL_ERROR', message: 'The request could not be processed; retry with the same Idempotency-Key' });
      return;
    }
    const status = error.getStatus();
    const body = error.getResponse();
    if (typeof body === 'object' && body !== null && 'code' in body) {
      reply.status(status).send({ status: 'REJECTED', ...body });
      return;
    }
    const message = typeof body === 'string' ? body : String((body as { message?: unknown }).message ?? error.message);
    reply.status(status).send({ status: 'REJECTED', code: CODES[status] ?? `HTTP_${status}`, message });
  }
}
