/** seed 000 `campaign_strategies`: reusable campaign patterns; a deleted one leaves its campaigns without it (fk_campaigns_strategy SET NULL). */
import { projector } from '../shared/projector';
import { type EnvelopeOf, given, patched } from './orchestration.events';

export interface StrategyRow {
  readonly id: string;
  readonly org_id: string;
  readonly name: string;
  readonly strategy_type: string;
  readonly description: string | null;
  readonly settings: Readonly<Record<string, unknown>>;
  readonly created_at: string;
  readonly updated_at: string;
}

type StrategyEnvelope = EnvelopeOf<'StrategyCreated' | 'StrategyUpdated' | 'StrategyDeleted'>;

/** The row after the event; null once deleted (the writer deletes it and PostgreSQL sets its campaigns' strategy_id NULL). */
const projectStrategy = (row: StrategyRow | null, event: StrategyEnvelope): StrategyRow | null => {
  switch (event.type) {
    case 'StrategyCreated': {
      const d = event.data;
      return (
        row ?? {
          id: d.strategyId,
          org_id: d.orgId,
          name: d.name,
          strategy_type: d.strategyType,
          description: d.description,
          settings: d.settings,
          created_at: d.createdAt,
          updated_at: d.createdAt,
        }
      );
    }
    case 'StrategyUpdated': {
      const { name, strategyType, description, settings } = event.data.changes;
      const patch = { name, strategy_type: strategyType, description, settings };
      return row && patched(row, given<StrategyRow>(patch), { updated_at: event.data.updatedAt });
    }
    case 'StrategyDeleted':
      return null;
  }
};

export const campaignStrategiesProjector = projector({
  table: 'campaign_strategies',
  eventTypes: ['StrategyCreated', 'StrategyUpdated', 'StrategyDeleted'],
  project: projectStrategy,
});
