/**
 * A campaign strategy (seed 000: "CampaignStrategy (1) → Campaign (*)", reusable campaign
 * patterns): its events and the state its decider folds. A deleted strategy stays deleted; its
 * campaigns keep running without it (seed 000: ON DELETE SET NULL).
 */
import type { Event } from '../shared/decider';
import type { JsonObject } from './values';

export const strategyStreamId = (orgId: string, strategyId: string): string => `orchestration-strategy-${orgId}-${strategyId}`;

export interface StrategyFields {
  readonly name: string;
  readonly strategyType: string;
  readonly description: string | null;
  readonly settings: JsonObject;
}

export type StrategyCreated = Event<
  'StrategyCreated',
  { readonly orgId: string; readonly strategyId: string } & StrategyFields & { readonly createdAt: string }
>;

/** Only the fields that changed, with their new values. */
export type StrategyChanges = Partial<StrategyFields>;

export type StrategyUpdated = Event<
  'StrategyUpdated',
  { readonly orgId: string; readonly strategyId: string; readonly changes: StrategyChanges; readonly updatedAt: string }
>;

export type StrategyDeleted = Event<'StrategyDeleted', { readonly orgId: string; readonly strategyId: string; readonly deletedAt: string }>;

export type StrategyEvent = StrategyCreated | StrategyUpdated | StrategyDeleted;

export const STRATEGY_EVENT_TYPES: readonly StrategyEvent['type'][] = ['StrategyCreated', 'StrategyUpdated', 'StrategyDeleted'];

export type StrategyState = { readonly status: 'none' } | ({ readonly status: 'live' | 'deleted'; readonly strategyId: string } & StrategyFields);

export const initialStrategyState = (): StrategyState => ({ status: 'none' });

export const evolveStrategy = (state: StrategyState, event: StrategyEvent): StrategyState => {
  switch (event.type) {
    case 'StrategyCreated': {
      const { strategyId, name, strategyType, description, settings } = event.data;
      return { status: 'live', strategyId, name, strategyType, description, settings };
    }
    case 'StrategyUpdated':
      return state.status === 'none' ? state : { ...state, ...event.data.changes };
    case 'StrategyDeleted':
      return state.status === 'none' ? state : { ...state, status: 'deleted' };
  }
};

/** A strategy a campaign may name: created and not deleted. */
export const isLiveStrategy = (state: StrategyState): boolean => state.status === 'live';
