import { schemaKey } from '../schema-key';
import type { ContextContract } from '../context-contract';
import { outreachCommandSchemas } from './commands';
import { dispatchRequestSchema, dispatchRequestsTopicSpec } from './dispatch-request';
import { outreachEventSchemas } from './events';

export * from './commands';
export * from './dispatch-request';
export * from './events';
export * as tracking from './tracking';

/** seed 004's wire contract, with the sender adapters' dispatch-request topic and record. */
export const contract: ContextContract = {
  context: 'outreach',
  events: outreachEventSchemas,
  commands: outreachCommandSchemas,
  ownTopics: (prefix) => [dispatchRequestsTopicSpec(prefix)],
  records: { [schemaKey('outreach', 'record', 'DispatchRequest', 1)]: dispatchRequestSchema },
};
