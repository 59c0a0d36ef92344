import { lifecycle } from '@campaign/domain';
import { CommandExecutor, PostgresEventStore } from '@campaign/eventstore';
import { z } from '@campaign/runtime';
import { commandContext } from '../shared/command-context';
import { executorOptionsFor } from '../shared/executor-options';
import { lifecycleKafkaDoor } from './lifecycle-kafka-door';
import { LifecycleController } from './lifecycle.controller';
import { lifecycleOpenApi } from './lifecycle.openapi';

/** seed 002: reward campaigns and their state machine, decided by one decider. */
export const lifecycleContext = commandContext({
  name: 'lifecycle',
  executor: {
    inject: [PostgresEventStore],
    useFactory: (store: PostgresEventStore) => new CommandExecutor(store, lifecycle.campaignDecider, executorOptionsFor('lifecycle')),
  },
  door: lifecycleKafkaDoor,
  controllers: [LifecycleController],
  configSchema: z.object({}),
  providers: () => [],
  openApi: lifecycleOpenApi,
});
