import type { ContextContract } from '../context-contract';
import { lifecycleCommandSchemas } from './commands';
import { lifecycleEventSchemas } from './events';

export * from './commands';
export * from './events';

/** seed 002's wire contract. */
export const contract: ContextContract = { context: 'lifecycle', events: lifecycleEventSchemas, commands: lifecycleCommandSchemas };
