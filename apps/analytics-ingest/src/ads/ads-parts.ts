import type { IngestContext } from '../shared/ingest-context';

/** What one part of the ads ingest (syncs, push doors, alerting) adds to the context's descriptor. */
export type IngestParts = Pick<IngestContext, 'controllers' | 'providers' | 'redisStores' | 'deliveries'>;
