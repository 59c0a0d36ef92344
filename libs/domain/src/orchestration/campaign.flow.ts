/**
 * The state the campaign's decider folds: the campaign's stream and, read before it
 * (alsoReads), the streams of the strategy and orchestrator a command names — a name is
 * checked when given, never afterwards: a strategy or orchestrator deleted later leaves the
 * campaign as it is (seed 000: ON DELETE SET NULL, done by the read model).
 */
import { type CampaignEvent, CAMPAIGN_EVENT_TYPES, type CampaignState, evolveCampaign, initialCampaignState } from './campaign';
import { ORCHESTRATOR_EVENT_TYPES, type OrchestratorEvent } from './orchestrator';
import { STRATEGY_EVENT_TYPES, type StrategyEvent } from './strategy';

type Liveness = 'live' | 'deleted';

export interface CampaignFlowState {
  readonly campaign: CampaignState;
  readonly strategies: ReadonlyMap<string, Liveness>;
  readonly orchestrators: ReadonlyMap<string, Liveness>;
}

export const initialCampaignFlowState = (): CampaignFlowState => ({ campaign: initialCampaignState(), strategies: new Map(), orchestrators: new Map() });

const STRATEGY_TYPES: ReadonlySet<string> = new Set(STRATEGY_EVENT_TYPES);
const ORCHESTRATOR_TYPES: ReadonlySet<string> = new Set(ORCHESTRATOR_EVENT_TYPES);
const CAMPAIGN_TYPES: ReadonlySet<string> = new Set(CAMPAIGN_EVENT_TYPES);

export type CampaignFlowEvent = CampaignEvent | StrategyEvent | OrchestratorEvent;

export const evolveCampaignFlow = (state: CampaignFlowState, event: CampaignFlowEvent): CampaignFlowState => {
  if (CAMPAIGN_TYPES.has(event.type)) return { ...state, campaign: evolveCampaign(state.campaign, event as CampaignEvent) };
  if (STRATEGY_TYPES.has(event.type)) {
    const { type, data } = event as StrategyEvent;
    if (type === 'StrategyCreated') return { ...state, strategies: new Map(state.strategies).set(data.strategyId, 'live') };
    if (type === 'StrategyDeleted') return { ...state, strategies: new Map(state.strategies).set(data.strategyId, 'deleted') };
    return state;
  }
  if (ORCHESTRATOR_TYPES.has(event.type)) {
    const { type, data } = event as OrchestratorEvent;
    if (type === 'OrchestratorCreated') return { ...state, orchestrators: new Map(state.orchestrators).set(data.orchestratorId, 'live') };
    if (type === 'OrchestratorDeleted') return { ...state, orchestrators: new Map(state.orchestrators).set(data.orchestratorId, 'deleted') };
  }
  return state;
};
