import type { Provider, Type } from '@nestjs/common';
import { bodyLimitsProvider } from '../shared/body-limits';
import { dispatchCompletionReports, outreachDispatchProviders } from './dispatch/outreach-dispatch.providers';
import { OutreachCampaignsController, ADD_CONTACTS_ROUTE } from './outreach-campaigns.controller';
import { OutreachContactsController } from './outreach-contacts.controller';
import { OutreachDirectoryController } from './outreach-directory.controller';
import { OutreachDoor } from './outreach-door';
import { addContactsBodyLimit, type OutreachConfig } from './outreach.config';
import { PersonalDataController } from './personal-data/personal-data.controller';
import { RequestAuthenticator } from './request-auth';

export const outreachControllers: Type[] = [OutreachDirectoryController, OutreachCampaignsController, OutreachContactsController, PersonalDataController];

/** Everything the outreach doors need beyond the executor, and the dispatcher (which provides COMPLETION_REPORTS). */
export const outreachProviders = (config: OutreachConfig): Provider[] => [
  bodyLimitsProvider({ [ADD_CONTACTS_ROUTE]: addContactsBodyLimit(config) }),
  RequestAuthenticator,
  OutreachDoor,
  dispatchCompletionReports,
  ...outreachDispatchProviders(config),
];
