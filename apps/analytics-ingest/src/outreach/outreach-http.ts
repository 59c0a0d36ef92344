import { HttpException } from '@nestjs/common';
import { type OutgoingReply, rejected } from '../shared/http';
import { httpStatusOfRejection } from './http-outcome';
import type { IngestOutcome } from './ingest.service';

export const invalidToken = (): HttpException => rejected(404, 'TRACKING_TOKEN_INVALID', 'The tracking token is not valid');

/**
 * The JSON answer to a delivered fact. Rejections and undelivered facts are thrown as
 * HttpExceptions (the shared RejectionFilter writes them); a 503 tells the caller when to retry.
 */
export const answerOf = (outcome: IngestOutcome, reply: OutgoingReply, retryAfterSeconds: number): object => {
  switch (outcome.status) {
    case 'ACCEPTED':
      return { status: 'ACCEPTED' };
    case 'DUPLICATE':
      return { status: 'ACCEPTED', duplicate: true };
    case 'REJECTED':
      throw rejected(httpStatusOfRejection(outcome.code), outcome.code, outcome.message, outcome.details);
    case 'UNAVAILABLE':
      reply.header('Retry-After', String(retryAfterSeconds));
      throw rejected(503, 'INGEST_UNAVAILABLE', 'The fact could not be recorded now; retry later');
  }
};
