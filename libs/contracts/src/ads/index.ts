import type { ContextContract } from '../context-contract';
import { adsCommandSchemas } from './commands';
import { adsEventSchemas } from './events';
import { metricFactsTopicSpec, metricImportResultsTopic, metricImportsTopic } from './metric-facts';

export * from './commands';
export * from './events';
export * from './ids';
export * from './metric-facts';

/** The ads context's wire contract (seed 003). */
export const contract: ContextContract = {
  context: 'ads',
  events: adsEventSchemas,
  commands: adsCommandSchemas,
  ownTopics: (prefix) => [
    metricFactsTopicSpec(prefix),
    // The bulk-load door on Kafka (analytics-ingest): imports in, one result per import out, keyed by importId.
    { topic: metricImportsTopic(prefix), numPartitions: 6, configEntries: [] },
    { topic: metricImportResultsTopic(prefix), numPartitions: 6, configEntries: [] },
  ],
};
