/** The orchestration context's messages as unions: every event it records, every command it takes. */
import { CAMPAIGN_EVENT_TYPES, type CampaignEvent } from './campaign';
import type { CampaignCommand } from './campaign.decide';
import { CONTENT_EVENT_TYPES, type ContentEvent } from './content';
import type { ContentCommand } from './content.decide';
import { ORCHESTRATOR_EVENT_TYPES, type OrchestratorEvent } from './orchestrator';
import type { OrchestratorCommand } from './orchestrator.decide';
import { STRATEGY_EVENT_TYPES, type StrategyEvent } from './strategy';
import type { StrategyCommand } from './strategy.decide';
import { WORKFLOW_EVENT_TYPES, type WorkflowEvent } from './workflow';
import type { WorkflowCommand } from './workflow.decide';

export type OrchestrationEvent = StrategyEvent | OrchestratorEvent | CampaignEvent | ContentEvent | WorkflowEvent;
export type OrchestrationEventType = OrchestrationEvent['type'];

export type OrchestrationCommand = StrategyCommand | OrchestratorCommand | CampaignCommand | ContentCommand | WorkflowCommand;
export type OrchestrationCommandType = OrchestrationCommand['type'];

export const ORCHESTRATION_EVENT_TYPES: readonly OrchestrationEventType[] = [
  ...STRATEGY_EVENT_TYPES,
  ...ORCHESTRATOR_EVENT_TYPES,
  ...CAMPAIGN_EVENT_TYPES,
  ...CONTENT_EVENT_TYPES,
  ...WORKFLOW_EVENT_TYPES,
];
