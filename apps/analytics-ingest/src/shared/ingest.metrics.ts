import { Counter, type Registry } from 'prom-client';

export const INGEST_METRICS = Symbol('INGEST_METRICS');

/** Outside facts by kind: received, seen before, declined by the command side, not delivered, ignored; tracking requests over a limit. */
export const ingestMetrics = (registry: Registry) => ({
  received: new Counter({ name: 'ingest_facts_received_total', help: 'Outside facts received, by kind', labelNames: ['kind'], registers: [registry] }),
  duplicate: new Counter({ name: 'ingest_facts_duplicate_total', help: 'Facts acknowledged as already seen', labelNames: ['kind'], registers: [registry] }),
  accepted: new Counter({ name: 'ingest_facts_accepted_total', help: 'Facts the command side accepted', labelNames: ['kind'], registers: [registry] }),
  rejected: new Counter({
    name: 'ingest_facts_rejected_total',
    help: 'Facts the command side rejected, by code',
    labelNames: ['kind', 'code'],
    registers: [registry],
  }),
  failed: new Counter({ name: 'ingest_facts_failed_total', help: 'Facts not delivered (timeout, broker down)', labelNames: ['kind'], registers: [registry] }),
  ignored: new Counter({
    name: 'ingest_facts_ignored_total',
    help: 'Facts acknowledged and dropped (automated replies)',
    labelNames: ['kind', 'reason'],
    registers: [registry],
  }),
  rateLimited: new Counter({
    name: 'ingest_track_rate_limited_total',
    help: 'Tracking requests over a rate limit, by link and scope (ip, token)',
    labelNames: ['route', 'scope'],
    registers: [registry],
  }),
  rateLimitUnavailable: new Counter({
    name: 'ingest_track_rate_limit_unavailable_total',
    help: 'Tracking requests let through because Redis did not answer',
    labelNames: ['route'],
    registers: [registry],
  }),
});

export type IngestMetrics = ReturnType<typeof ingestMetrics>;
