import { commerce } from '@campaign/domain';
import { PostgresEventStore } from '@campaign/eventstore';
import { z } from '@campaign/runtime';
import { commandContext } from '../shared/command-context';
import { DeciderSetExecutor } from '../shared/decider-set.executor';
import { CommerceAgentsController } from './commerce-agents.controller';
import { CommerceCatalogController } from './commerce-catalog.controller';
import { CommerceCustomersController } from './commerce-customers.controller';
import { CommerceFinanceController } from './commerce-finance.controller';
import { CommerceGoalsController } from './commerce-goals.controller';
import { CommerceInventoryController } from './commerce-inventory.controller';
import { commerceKafkaDoor } from './commerce-kafka-door';
import { CommerceMarketingController } from './commerce-marketing.controller';
import { CommerceOrdersController } from './commerce-orders.controller';
import { CommerceWorkController } from './commerce-work.controller';
import { commerceOpenApi } from './commerce.openapi';

/**
 * seed 001: the agent-run shop — agents and goals, workflows and tasks, catalog and stock,
 * customers and orders, segments and marketing, KPIs and reports, budgets, expenses, system
 * events and configuration — decided by the context's deciders, one per aggregate, through its
 * Kafka and HTTP doors.
 */
export const commerceContext = commandContext({
  name: 'commerce',
  executor: {
    inject: [PostgresEventStore],
    useFactory: (store: PostgresEventStore) => new DeciderSetExecutor(store, 'commerce', commerce.COMMERCE_DECIDERS),
  },
  door: commerceKafkaDoor,
  controllers: [
    CommerceAgentsController,
    CommerceGoalsController,
    CommerceCatalogController,
    CommerceInventoryController,
    CommerceCustomersController,
    CommerceOrdersController,
    CommerceFinanceController,
    CommerceMarketingController,
    CommerceWorkController,
  ],
  configSchema: z.object({}),
  providers: () => [],
  openApi: commerceOpenApi,
});
