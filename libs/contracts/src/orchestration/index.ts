import type { ContextContract } from '../context-contract';
import { orchestrationCommandSchemas } from './commands';
import { orchestrationEventSchemas } from './events';

export * from './commands';
export * from './events';
export * from './ids';

/** The orchestration context's wire contract. */
export const contract: ContextContract = { context: 'orchestration', events: orchestrationEventSchemas, commands: orchestrationCommandSchemas };
