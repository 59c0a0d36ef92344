import { orchestration } from '@campaign/domain';
import { PostgresEventStore } from '@campaign/eventstore';
import { z } from '@campaign/runtime';
import { commandContext } from '../shared/command-context';
import { DeciderSetExecutor } from '../shared/decider-set.executor';
import { OrchestrationCampaignsController } from './orchestration-campaigns.controller';
import { OrchestrationContentController } from './orchestration-content.controller';
import { orchestrationKafkaDoor } from './orchestration-kafka-door';
import { OrchestrationOrchestratorsController } from './orchestration-orchestrators.controller';
import { OrchestrationStrategiesController } from './orchestration-strategies.controller';
import { OrchestrationWorkflowsController } from './orchestration-workflows.controller';
import { orchestrationOpenApi } from './orchestration.openapi';

/**
 * seed 000: strategies, orchestrators and their versioned templates, campaigns, workflow
 * executions and the agents' step reports, derived content — decided by the context's deciders,
 * through its Kafka and HTTP doors.
 */
export const orchestrationContext = commandContext({
  name: 'orchestration',
  executor: {
    inject: [PostgresEventStore],
    useFactory: (store: PostgresEventStore) => new DeciderSetExecutor(store, 'orchestration', orchestration.ORCHESTRATION_DECIDERS),
  },
  door: orchestrationKafkaDoor,
  controllers: [
    OrchestrationStrategiesController,
    OrchestrationOrchestratorsController,
    OrchestrationCampaignsController,
    OrchestrationContentController,
    OrchestrationWorkflowsController,
  ],
  configSchema: z.object({}),
  providers: () => [],
  openApi: orchestrationOpenApi,
});
