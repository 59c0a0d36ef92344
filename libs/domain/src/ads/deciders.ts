import type { Command, Decider, Event } from '../shared/decider';
import { CORE_DECIDERS } from './core.deciders';
import { INSIGHT_DECIDERS } from './insight.deciders';

/** One of the context's deciders and the command types it takes (each type in exactly one). */
export interface AdsDeciderEntry {
  readonly name: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly decider: Decider<any, Event, any>;
  readonly commandTypes: readonly string[];
}

/** Every decider of the ads context: accounts, campaigns and budgets; alerts, recommendations and automation. */
export const ADS_DECIDERS: readonly AdsDeciderEntry[] = [...CORE_DECIDERS, ...INSIGHT_DECIDERS];

export type { Command };
