import { type DeciderEntry, deciderEntry as entry } from '../shared/decider';
import { CAMPAIGN_COMMAND_TYPES, campaignDecider } from './campaign.decide';
import { CONTENT_COMMAND_TYPES, contentDecider } from './content.decide';
import { ORCHESTRATOR_COMMAND_TYPES, orchestratorDecider } from './orchestrator.decide';
import { STRATEGY_COMMAND_TYPES, strategyDecider } from './strategy.decide';
import { WORKFLOW_COMMAND_TYPES, workflowDecider } from './workflow.decide';

/** Every decider of the orchestration context, one per aggregate (docs/orchestration.md, "Streams"). */
export const ORCHESTRATION_DECIDERS: readonly DeciderEntry[] = [
  entry('strategy', strategyDecider, STRATEGY_COMMAND_TYPES),
  entry('orchestrator', orchestratorDecider, ORCHESTRATOR_COMMAND_TYPES),
  entry('campaign', campaignDecider, CAMPAIGN_COMMAND_TYPES),
  entry('content', contentDecider, CONTENT_COMMAND_TYPES),
  entry('workflow', workflowDecider, WORKFLOW_COMMAND_TYPES),
];
