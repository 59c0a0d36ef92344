import type { Command } from '@campaign/domain';
import type { Executed } from '@campaign/eventstore';
import { HttpException } from '@nestjs/common';
import type { CommandBus } from '@nestjs/cqrs';
import { ExecuteContextCommand } from './execute-context-command.handler';
import { httpStatusOf } from './http-status';

/**
 * Hands a context's command to the bus and answers HTTP with its outcome: accepted (with
 * `extra`, e.g. the ids the request created) or a rejection raised with its status.
 */
export const sendContextCommand = async (bus: CommandBus, context: string, command: Command, creates = false, extra: Record<string, unknown> = {}) => {
  const { outcome, duplicate }: Executed = await bus.execute(new ExecuteContextCommand(context, command));
  if (outcome.status === 'REJECTED') throw new HttpException({ ...outcome, duplicate }, httpStatusOf(outcome, creates));
  return { ...extra, ...outcome, duplicate };
};
