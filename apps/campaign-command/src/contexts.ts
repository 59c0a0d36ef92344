import { lifecycleContext } from './lifecycle/lifecycle.module';
import { outreachContext } from './outreach/outreach.module';
import { adsContext } from './ads/ads.module';
import { orchestrationContext } from './orchestration/orchestration.module';
import { commerceContext } from './commerce/commerce.module';
import type { CommandContext } from './shared/command-context';

/** The contexts whose commands this app decides: one line each (`nx g @campaign/tools:context <name>` adds one). */
export const CONTEXTS: readonly CommandContext[] = [lifecycleContext, outreachContext, adsContext, orchestrationContext, commerceContext];
