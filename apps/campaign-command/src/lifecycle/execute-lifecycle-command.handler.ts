import { lifecycle } from '@campaign/domain';
import type { CommandExecutor, Executed } from '@campaign/eventstore';
import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { COMMAND_METRICS, type CommandMetrics } from '../infrastructure/command-metrics';

/** The bus message that carries one lifecycle command, from HTTP or from Kafka alike. */
export class ExecuteLifecycleCommand {
  constructor(readonly command: lifecycle.CampaignCommand) {}
}

export const LIFECYCLE_EXECUTOR = Symbol('LIFECYCLE_EXECUTOR');
export type LifecycleExecutor = CommandExecutor<lifecycle.CampaignCommand, lifecycle.CampaignEvent, lifecycle.CampaignState>;

@CommandHandler(ExecuteLifecycleCommand)
export class ExecuteLifecycleCommandHandler implements ICommandHandler<ExecuteLifecycleCommand, Executed> {
  constructor(
    @Inject(LIFECYCLE_EXECUTOR) private readonly executor: LifecycleExecutor,
    @Inject(COMMAND_METRICS) private readonly metrics: CommandMetrics,
  ) {}

  async execute({ command }: ExecuteLifecycleCommand): Promise<Executed> {
    const stop = this.metrics.duration.startTimer({ context: 'lifecycle', type: command.type });
    try {
      const executed = await this.executor.execute(command);
      const status = executed.duplicate ? 'DUPLICATE' : executed.outcome.status;
      this.metrics.commands.inc({ context: 'lifecycle', type: command.type, status });
      return executed;
    } finally {
      stop();
    }
  }
}
