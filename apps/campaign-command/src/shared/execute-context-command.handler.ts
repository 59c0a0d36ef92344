import type { Command } from '@campaign/domain';
import type { Executed } from '@campaign/eventstore';
import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { COMMAND_METRICS, type CommandMetrics } from './command-metrics';
import type { ContextExecutor } from './command-context';

/** The bus message that carries one command of a context, from HTTP or from Kafka alike. */
export class ExecuteContextCommand {
  constructor(
    readonly context: string,
    readonly command: Command,
  ) {}
}

/** Each context's executor by the context's name. */
export type ContextExecutors = ReadonlyMap<string, ContextExecutor>;

export const CONTEXT_EXECUTORS = Symbol('CONTEXT_EXECUTORS');

/** Hands a command to its context's executor, counting outcomes and timing decide-and-append. */
@CommandHandler(ExecuteContextCommand)
export class ExecuteContextCommandHandler implements ICommandHandler<ExecuteContextCommand, Executed> {
  constructor(
    @Inject(CONTEXT_EXECUTORS) private readonly executors: ContextExecutors,
    @Inject(COMMAND_METRICS) private readonly metrics: CommandMetrics,
  ) {}

  async execute({ context, command }: ExecuteContextCommand): Promise<Executed> {
    const executor = this.executors.get(context);
    if (!executor) throw new Error(`campaign-command decides no ${context} commands`);
    const stop = this.metrics.duration.startTimer({ context, type: command.type });
    try {
      const executed = await executor.execute(command);
      const status = executed.duplicate ? 'DUPLICATE' : executed.outcome.status;
      this.metrics.commands.inc({ context, type: command.type, status });
      return executed;
    } finally {
      stop();
    }
  }
}
