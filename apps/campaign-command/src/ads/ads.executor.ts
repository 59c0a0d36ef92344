import { ads } from '@campaign/domain';
import type { Command } from '@campaign/domain';
import { CommandExecutor, type Executed, type PostgresEventStore } from '@campaign/eventstore';
import type { ContextExecutor } from '../shared/command-context';
import { executorOptionsFor } from '../shared/executor-options';

/** The ads context's executor: one CommandExecutor per decider, chosen by the command's type. */
export class AdsExecutor implements ContextExecutor {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  private readonly byType = new Map<string, CommandExecutor<Command, any, unknown>>();

  constructor(store: PostgresEventStore) {
    const options = executorOptionsFor('ads');
    for (const entry of ads.ADS_DECIDERS) {
      const executor = new CommandExecutor(store, entry.decider, options);
      for (const type of entry.commandTypes) {
        if (this.byType.has(type)) throw new Error(`ads command ${type} is taken by two deciders`);
        this.byType.set(type, executor);
      }
    }
  }

  execute(command: Command): Promise<Executed> {
    const executor = this.byType.get(command.type);
    if (!executor) throw new Error(`no ads decider takes ${command.type}`);
    return executor.execute(command);
  }
}
