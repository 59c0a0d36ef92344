import type { Command, DeciderEntry } from '../shared/decider';
import { CORE_DECIDERS } from './core.deciders';
import { INSIGHT_DECIDERS } from './insight.deciders';

/** Every decider of the ads context: accounts, campaigns and budgets; alerts, recommendations and automation. */
export const ADS_DECIDERS: readonly DeciderEntry[] = [...CORE_DECIDERS, ...INSIGHT_DECIDERS];

export type { Command };
