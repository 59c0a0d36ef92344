import type { ContextContract } from '../context-contract';
import { commerceCommandSchemas } from './commands';
import { commerceEventSchemas } from './events';
import { commercePersonalFields } from './personal-data';

export * from './commands';
export * from './events';
export * from './personal-data';

/** The commerce context's wire contract. */
export const contract: ContextContract = {
  context: 'commerce',
  events: commerceEventSchemas,
  commands: commerceCommandSchemas,
  personalFields: commercePersonalFields,
};
