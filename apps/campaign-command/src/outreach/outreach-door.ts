import type { Executed } from '@campaign/eventstore';
import { HttpException, Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { httpStatusOf } from '../infrastructure/http-status';

export { derivedId } from '../infrastructure/derived-id';
import { ExecuteOutreachCommand, type IncomingOutreachCommand } from './execute-outreach-command.handler';

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
