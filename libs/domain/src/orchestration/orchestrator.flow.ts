/**
 * The state the orchestrator's decider folds: the orchestrator's own stream and, for
 * StartWorkflow, the campaign's stream read before it (alsoReads). Workflow events it writes
 * go to the workflow's new stream and never come back here.
 */
import { type CampaignEvent, CAMPAIGN_EVENT_TYPES, type CampaignState, evolveCampaign, initialCampaignState } from './campaign';
import { evolveOrchestrator, initialOrchestratorState, ORCHESTRATOR_EVENT_TYPES, type OrchestratorEvent, type OrchestratorState } from './orchestrator';
import type { WorkflowEvent } from './workflow';

export interface OrchestratorFlowState {
  readonly orchestrator: OrchestratorState;
  readonly campaign: CampaignState;
}

export const initialOrchestratorFlowState = (): OrchestratorFlowState => ({ orchestrator: initialOrchestratorState(), campaign: initialCampaignState() });

const ORCHESTRATOR_TYPES: ReadonlySet<string> = new Set(ORCHESTRATOR_EVENT_TYPES);
const CAMPAIGN_TYPES: ReadonlySet<string> = new Set(CAMPAIGN_EVENT_TYPES);

export const evolveOrchestratorFlow = (state: OrchestratorFlowState, event: OrchestratorEvent | CampaignEvent | WorkflowEvent): OrchestratorFlowState => {
  if (ORCHESTRATOR_TYPES.has(event.type)) return { ...state, orchestrator: evolveOrchestrator(state.orchestrator, event as OrchestratorEvent) };
  if (CAMPAIGN_TYPES.has(event.type)) return { ...state, campaign: evolveCampaign(state.campaign, event as CampaignEvent) };
  return state;
};
