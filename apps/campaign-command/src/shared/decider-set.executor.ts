import type { Command, DeciderEntry } from '@campaign/domain';
import { CommandExecutor, type Executed, type PostgresEventStore } from '@campaign/eventstore';
import type { ContextExecutor } from './command-context';
import { executorOptionsFor } from './executor-options';

/**
 * The executor of a context with several aggregates (ads, orchestration): one CommandExecutor
 * per decider, each addressing its own kind of stream, chosen by the command's type.
 */
export class DeciderSetExecutor implements ContextExecutor {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  private readonly byType = new Map<string, CommandExecutor<Command, any, unknown>>();

  constructor(
    store: PostgresEventStore,
    private readonly context: string,
    entries: readonly DeciderEntry[],
  ) {
    const options = executorOptionsFor(context);
    for (const entry of entries) {
      const executor = new CommandExecutor(store, entry.decider, options);
      for (const type of entry.commandTypes) {
        if (this.byType.has(type)) throw new Error(`${context} command ${type} is taken by two deciders`);
        this.byType.set(type, executor);
      }
    }
  }

  execute(command: Command): Promise<Executed> {
    const executor = this.byType.get(command.type);
    if (!executor) throw new Error(`no ${this.context} decider takes ${command.type}`);
    return executor.execute(command);
  }
}
