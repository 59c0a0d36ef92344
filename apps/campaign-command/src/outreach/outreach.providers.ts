import { CONTRACT_VERSIONS, validateEventData } from '@campaign/contracts';
import { outreach } from '@campaign/domain';
import { CommandExecutor, type ExecutorOptions, PostgresEventStore } from '@campaign/eventstore';
import type { Provider, Type } from '@nestjs/common';
import type { CommandConfig } from '../config';
import { bodyLimitsProvider } from '../infrastructure/body-limits';
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

export const outreachControllers: Type[] = [OutreachDirectoryController, OutreachCampaignsController, OutreachContactsController];

/** Everything the outreach doors need; `completionReports` provides COMPLETION_REPORTS. */
export const outreachProviders = (config: CommandConfig, completionReports: Provider): Provider[] => [
  { provide: OUTREACH_EXECUTORS, useFactory: outreachExecutors, inject: [PostgresEventStore] },
  completionReports,
  bodyLimitsProvider({ [ADD_CONTACTS_ROUTE]: config.ADD_CONTACTS_BODY_LIMIT_BYTES }),
  RequestAuthenticator,
  OutreachDoor,
  ExecuteOutreachCommandHandler,
  OutreachCommandsConsumer,
];
