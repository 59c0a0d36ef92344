import { outreachContext } from './outreach/outreach.module';
import { adsContext } from './ads/ads.module';
import { orchestrationContext } from './orchestration/orchestration.module';
import type { IngestContext } from './shared/ingest-context';

/** The contexts whose outside facts this app takes in: one line each (`nx g @campaign/tools:context <name>` adds one). */
export const CONTEXTS: readonly IngestContext[] = [outreachContext, adsContext, orchestrationContext];
