import { ads } from '@campaign/domain';
import { PostgresEventStore } from '@campaign/eventstore';
import { z } from '@campaign/runtime';
import { commandContext } from '../shared/command-context';
import { DeciderSetExecutor } from '../shared/decider-set.executor';
import { adsCoreHttp } from './core/ads-core.http';
import { adsInsightHttp } from './insight/ads-insight.http';
import { adsKafkaDoor } from './ads-kafka-door';

/** seed 003: ad-platform accounts and campaigns, budgets; alerts, recommendations and guarded actions. */
export const adsContext = commandContext({
  name: 'ads',
  executor: {
    inject: [PostgresEventStore],
    useFactory: (store: PostgresEventStore) => new DeciderSetExecutor(store, 'ads', ads.ADS_DECIDERS),
  },
  door: adsKafkaDoor,
  controllers: [...adsCoreHttp.controllers, ...adsInsightHttp.controllers],
  configSchema: z.object({}),
  providers: () => [],
  openApi: { title: 'ads (seed 003)', paths: { ...adsCoreHttp.openApiPaths, ...adsInsightHttp.openApiPaths } },
});
