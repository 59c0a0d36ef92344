import { adsCoreEventSchemas } from './core.events';
import { adsInsightEventSchemas } from './insight.events';

/** Avro schemas of the ads events' data, one per type and version (libs/domain/src/ads). */
export const adsEventSchemas = { ...adsCoreEventSchemas, ...adsInsightEventSchemas } as const;
