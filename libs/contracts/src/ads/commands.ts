import { adsCoreCommandSchemas } from './core.commands';
import { adsInsightCommandSchemas } from './insight.commands';

/** Avro schemas of the ads commands' data. Optional fields are nullable with default null. */
export const adsCommandSchemas = { ...adsCoreCommandSchemas, ...adsInsightCommandSchemas } as const;
