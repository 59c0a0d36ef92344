import { createHash } from 'node:crypto';
import type { Executed } from '@campaign/eventstore';
import { HttpException, Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { httpStatusOf } from '../infrastructure/http-status';
import { ExecuteOutreachCommand, type IncomingOutreachCommand } from './execute-outreach-command.handler';

/**
 * An id for something a command creates, derived from the org, the command id and a label: a
 * retry with the same Idempotency-Key names the same campaign and contacts, so the first
 * answer's ids are the ids given again (UUID version 5 layout over SHA-1).
 */
export const derivedId = (orgId: string, commandId: string, label: string): string => {
  const hash = createHash('sha1').update(`${orgId}\u0000${commandId}\u0000${label}`).digest();
  hash[6] = (hash[6] & 0x0f) | 0x50;
  hash[8] = (hash[8] & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
};

/** Hands an outreach command to the bus and maps its outcome to HTTP (rejections raise). */
@Injectable()
export class OutreachDoor {
  constructor(private readonly commandBus: CommandBus) {}

  async send(command: IncomingOutreachCommand, creates = false, extra: Record<string, unknown> = {}) {
    const { outcome, duplicate }: Executed = await this.commandBus.execute(new ExecuteOutreachCommand(command));
    if (outcome.status === 'REJECTED') throw new HttpException({ ...outcome, duplicate }, httpStatusOf(outcome, creates));
    return { ...extra, ...outcome, duplicate };
  }
}
