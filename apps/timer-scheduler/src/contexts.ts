import type { TimerContext } from './shared/timer-context';
import { lifecycleContext } from './lifecycle/lifecycle.module';
import { outreachContext } from './outreach/outreach.module';
import { adsContext } from './ads/ads.module';
import { orchestrationContext } from './orchestration/orchestration.module';

/** The contexts whose timers this app plans and fires: one line each (`nx g @campaign/tools:context <name>` adds one). */
export const CONTEXTS: readonly TimerContext[] = [lifecycleContext, outreachContext, adsContext, orchestrationContext];
