import { PersonalDataKeys, PostgresEventStore } from '@campaign/eventstore';
import { commandContext } from '../shared/command-context';
import { COMPLETION_REPORTS, type CompletionReports } from './completion-reports';
import { outreachKafkaDoor } from './outreach-kafka-door';
import { OutreachExecutor, outreachExecutors } from './outreach.executor';
import { outreachConfigSchema } from './outreach.config';
import { outreachOpenApiPaths } from './outreach.openapi';
import { outreachControllers, outreachProviders } from './outreach.providers';
import { PersonalDataEraser } from './personal-data/personal-data-eraser';

/** seed 004: multi-tenant outreach — directory, leads, campaigns and contacts, and the dispatcher. */
export const outreachContext = commandContext({
  name: 'outreach',
  executor: {
    inject: [PostgresEventStore, COMPLETION_REPORTS, PersonalDataKeys],
    useFactory: (store: PostgresEventStore, reports: CompletionReports, keys: PersonalDataKeys) =>
      new OutreachExecutor(outreachExecutors(store), reports, new PersonalDataEraser(store, keys)),
  },
  door: outreachKafkaDoor,
  controllers: outreachControllers,
  configSchema: outreachConfigSchema,
  providers: outreachProviders,
  openApi: { title: 'outreach (seed 004)', paths: outreachOpenApiPaths },
});
