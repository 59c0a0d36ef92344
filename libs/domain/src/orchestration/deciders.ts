import type { Command, Decider, Event } from '../shared/decider';
import { CAMPAIGN_COMMAND_TYPES, campaignDecider } from './campaign.decide';
import { CONTENT_COMMAND_TYPES, contentDecider } from './content.decide';
import { ORCHESTRATOR_COMMAND_TYPES, orchestratorDecider } from './orchestrator.decide';
import { STRATEGY_COMMAND_TYPES, strategyDecider } from './strategy.decide';
import { WORKFLOW_COMMAND_TYPES, workflowDecider } from './workflow.decide';

/** One of the context's deciders and the command types it takes (each type in exactly one). */
export interface OrchestrationDeciderEntry {
  readonly name: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly decider: Decider<any, Event, any>;
  readonly commandTypes: readonly string[];
}

/** A decider as the executor holds it: it is only ever handed its own commands and its streams' events. */
const entry = <C extends Command, E extends Event, S>(
  name: string,
  decider: Decider<C, E, S>,
  commandTypes: readonly C['type'][],
): OrchestrationDeciderEntry => ({
  name,
  decider: decider as unknown as OrchestrationDeciderEntry['decider'],
  commandTypes,
});

/** Every decider of the orchestration context, one per aggregate (docs/orchestration.md, "Streams"). */
export const ORCHESTRATION_DECIDERS: readonly OrchestrationDeciderEntry[] = [
  entry('strategy', strategyDecider, STRATEGY_COMMAND_TYPES),
  entry('orchestrator', orchestratorDecider, ORCHESTRATOR_COMMAND_TYPES),
  entry('campaign', campaignDecider, CAMPAIGN_COMMAND_TYPES),
  entry('content', contentDecider, CONTENT_COMMAND_TYPES),
  entry('workflow', workflowDecider, WORKFLOW_COMMAND_TYPES),
];
