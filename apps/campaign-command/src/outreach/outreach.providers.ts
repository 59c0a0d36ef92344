import { CONTRACT_VERSIONS, validateEventData } from '@campaign/contracts';
import { outreach } from '@campaign/domain';
import { CommandExecutor, type ExecutorOptions, PostgresEventStore } from '@campaign/eventstore';
import { PG_POOL } from '@campaign/runtime';
import type { Provider, Type } from '@nestjs/common';
import type { Pool } from 'pg';
import type { CommandConfig } from '../config';
import { bodyLimitsProvider } from '../infrastructure/body-limits';
import { COMPLETION_REPORTS, ReadModelCompletionReports } from './completion-reports';
import { ExecuteOutreachCommandHandler, OUTREACH_EXECUTORS, type OutreachExecutors } from './execute-outreach-command.handler';
import { OutreachCampaignsController, ADD_CONTACTS_ROUTE } from './outreach-campaigns.controller';
import { OutreachCommandsConsumer } from './outreach-commands.consumer';
import { OutreachContactsController } from './outreach-contacts.controller';
import { OutreachDirectoryController } from './outreach-directory.controller';
import { OutreachDoor } from './outreach-door';
import { RequestAuthenticator } from './request-auth';

const executorOptions: ExecutorOptions = {
  context: 'outreach',
  schemaVersionOf: (type) => CONTRACT_VERSIONS.outreach.events[type],
  validate: (event) => validateEventData('outreach', event.type, event.data),
};

export const outreachExecutors = (store: PostgresEventStore): OutreachExecutors => ({
  directory: new CommandExecutor(store, outreach.directoryDecider, executorOptions),
  lead: new CommandExecutor(store, outreach.leadDecider, executorOptions),
  campaign: new CommandExecutor(store, outreach.campaignDecider, executorOptions),
  contact: new CommandExecutor(store, outreach.contactDecider, executorOptions),
});

/** The default completion-report source (the projection's counters); the dispatcher may provide its own. */
export const readModelCompletionReports = (config: CommandConfig): Provider => ({
  provide: COMPLETION_REPORTS,
  useFactory: (pool: Pool) => new ReadModelCompletionReports(pool, config.OUTREACH_READ_SCHEMA),
  inject: [PG_POOL],
});

export const outreachControllers: Type[] = [OutreachDirectoryController, OutreachCampaignsController, OutreachContactsController];

/** Everything the outreach doors need; `completionReports` replaces the default report source. */
export const outreachProviders = (config: CommandConfig, completionReports: Provider = readModelCompletionReports(config)): Provider[] => [
  { provide: OUTREACH_EXECUTORS, useFactory: outreachExecutors, inject: [PostgresEventStore] },
  completionReports,
  bodyLimitsProvider({ [ADD_CONTACTS_ROUTE]: config.ADD_CONTACTS_BODY_LIMIT_BYTES }),
  RequestAuthenticator,
  OutreachDoor,
  ExecuteOutreachCommandHandler,
  OutreachCommandsConsumer,
];
