import { schemaKey } from '../schema-key';
import type { ContextContract } from '../context-contract';
import { outreachCommandSchemas } from './commands';
import { dispatchRequestSchema, dispatchRequestsTopicSpec } from './dispatch-request';
import { outreachEventSchemas } from './events';
import { ownerNotificationSchema, ownerNotificationsTopicSpec } from './owner-notification';
import { outreachPersonalFields } from './personal-data';

export * from './commands';
export * from './dispatch-request';
export * from './events';
export * from './owner-notification';
export * from './personal-data';
export * as tracking from './tracking';

/** seed 004's wire contract, with the sender adapters' dispatch-request and owner-notification topics and records. */
export const contract: ContextContract = {
  context: 'outreach',
  events: outreachEventSchemas,
  commands: outreachCommandSchemas,
  ownTopics: (prefix) => [dispatchRequestsTopicSpec(prefix), ownerNotificationsTopicSpec(prefix)],
  records: {
    [schemaKey('outreach', 'record', 'DispatchRequest', 1)]: dispatchRequestSchema,
    [schemaKey('outreach', 'record', 'OwnerNotification', 1)]: ownerNotificationSchema,
  },
  personalFields: outreachPersonalFields,
};
