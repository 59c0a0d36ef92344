import type { Executed } from '@campaign/eventstore';
import { HttpException, Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ExecuteContextCommand } from '../shared/execute-context-command.handler';
import { httpStatusOf } from '../shared/http-status';
import type { IncomingOutreachCommand } from './outreach.executor';

export { derivedId } from '../shared/derived-id';

/** The bus message for an outreach command, from any of its doors. */
export const outreachBusCommand = (command: IncomingOutreachCommand): ExecuteContextCommand => new ExecuteContextCommand('outreach', command);

/** Hands an outreach command to the bus and maps its outcome to HTTP (rejections raise). */
@Injectable()
export class OutreachDoor {
  constructor(private readonly commandBus: CommandBus) {}

  async send(command: IncomingOutreachCommand, creates = false, extra: Record<string, unknown> = {}) {
    const { outcome, duplicate }: Executed = await this.commandBus.execute(outreachBusCommand(command));
    if (outcome.status === 'REJECTED') throw new HttpException({ ...outcome, duplicate }, httpStatusOf(outcome, creates));
    return { ...extra, ...outcome, duplicate };
  }
}
