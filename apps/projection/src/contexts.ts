import type { ProjectionContext } from './shared/projection-context';
import { lifecycleContext } from './lifecycle/lifecycle.module';
import { outreachContext } from './outreach/outreach.module';
import { adsContext } from './ads/ads.module';
import { orchestrationContext } from './orchestration/orchestration.module';
import { commerceContext } from './commerce/commerce.module';

/** The contexts this app projects: one line each (`nx g @campaign/tools:context <name>` adds one). */
export const CONTEXTS: readonly ProjectionContext[] = [lifecycleContext, outreachContext, adsContext, orchestrationContext, commerceContext];
