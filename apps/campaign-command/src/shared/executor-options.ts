import { CONTRACT_VERSIONS, validateEventData } from '@campaign/contracts';
import type { ExecutorOptions } from '@campaign/eventstore';

/** A context's events are appended with its contract's schema versions, after its contract's validation. */
export const executorOptionsFor = (context: string): ExecutorOptions => ({
  context,
  schemaVersionOf: (type) => CONTRACT_VERSIONS[context].events[type],
  validate: (event) => validateEventData(context, event.type, event.data),
});
