/**
 * Orchestrator commands: create, revise the template, delete (seed 000 RESTRICT), and the
 * lifecycle of the workflows it binds — StartWorkflow opens the workflow's stream with
 * WorkflowStarted and the dispatch of every step without dependencies, in the transaction that
 * binds it here; ReleaseWorkflow (the reactor, after the workflow finished) unbinds it.
 */
import { assertNever, type Command, type Decider, type Decision, DomainError } from '../shared/decider';
import { isUuid, toIso } from '../shared/validation';
import { ADMINS, nowIsoOf, nowOf, roleRequired, serviceRequired, tenantOf, WRITERS } from './access';
import { type CampaignEvent, campaignStreamId, liveCampaignOf } from './campaign';
import { OrchestrationErrorCode as Code, reject } from './errors';
import { optionalTextError, requiredTextError, uuidError } from './fields';
import { evolveOrchestratorFlow, initialOrchestratorFlowState, type OrchestratorFlowState } from './orchestrator.flow';
import { boundWorkflows, type OrchestratorEvent, type OrchestratorView, orchestratorStreamId, startedWorkflows } from './orchestrator';
import { type StepTemplate, stepOrders, validateTemplate, type WorkflowTemplate } from './template';
import { DEFAULT_VARIANT, ORCHESTRATION_LIMITS as LIMITS } from './values';
import { type WorkflowEvent, WORKFLOW_EVENT_TYPES, type WorkflowStep, workflowStreamId } from './workflow';
import { dispatchAll } from './workflow.dispatch';
import { readySteps, startWorkflow as startPlan } from './workflow-plan';

export type CreateOrchestrator = Command<
  'CreateOrchestrator',
  { readonly orchestratorId: string; readonly name: string; readonly description?: string | null; readonly steps: readonly StepTemplate[] }
>;
export type ReviseOrchestratorTemplate = Command<'ReviseOrchestratorTemplate', { readonly orchestratorId: string; readonly steps: readonly StepTemplate[] }>;
export type DeleteOrchestrator = Command<'DeleteOrchestrator', { readonly orchestratorId: string }>;
export type StartWorkflow = Command<
  'StartWorkflow',
  { readonly orchestratorId: string; readonly workflowId: string; readonly campaignId: string; readonly variant?: string | null }
>;
export type ReleaseWorkflow = Command<'ReleaseWorkflow', { readonly orchestratorId: string; readonly workflowId: string }>;

export type OrchestratorCommand = CreateOrchestrator | ReviseOrchestratorTemplate | DeleteOrchestrator | StartWorkflow | ReleaseWorkflow;

export const ORCHESTRATOR_COMMAND_TYPES: readonly OrchestratorCommand['type'][] = [
  'CreateOrchestrator',
  'ReviseOrchestratorTemplate',
  'DeleteOrchestrator',
  'StartWorkflow',
  'ReleaseWorkflow',
];

/** What the orchestrator's decisions append: its own events and, for StartWorkflow, the new workflow stream's. */
export type OrchestratorDecision = OrchestratorEvent | WorkflowEvent;

const invalid = (field: string, message: string) => reject(Code.ORCHESTRATOR_INVALID, message, { field });

const notFound = (orchestratorId: string) => reject(Code.ORCHESTRATOR_NOT_FOUND, `Orchestrator ${orchestratorId} does not exist`, { orchestratorId });

const liveOrchestrator = (state: OrchestratorFlowState, orchestratorId: string): OrchestratorView | DomainError =>
  state.orchestrator.status === 'live' ? state.orchestrator : notFound(orchestratorId);

const create = (command: CreateOrchestrator, state: OrchestratorFlowState): Decision<OrchestratorDecision> => {
  const { orchestratorId, name, description = null, steps } = command.data;
  const template: WorkflowTemplate = { version: 1, steps };
  const wrong =
    roleRequired(command, ADMINS) ??
    uuidError(invalid, 'orchestratorId', orchestratorId) ??
    requiredTextError(invalid, 'name', name, LIMITS.orchestratorName) ??
    optionalTextError(invalid, 'description', description, LIMITS.description) ??
    validateTemplate(template);
  if (wrong) return wrong;
  if (state.orchestrator.status !== 'none')
    return reject(Code.ORCHESTRATOR_ALREADY_EXISTS, `Orchestrator ${orchestratorId} already exists`, { orchestratorId });
  return [{ type: 'OrchestratorCreated', data: { orgId: tenantOf(command), orchestratorId, name, description, template, createdAt: nowIsoOf(command) } }];
};

const revise = (command: ReviseOrchestratorTemplate, state: OrchestratorFlowState): Decision<OrchestratorDecision> => {
  const denied = roleRequired(command, ADMINS);
  if (denied) return denied;
  const orchestrator = liveOrchestrator(state, command.data.orchestratorId);
  if (orchestrator instanceof DomainError) return orchestrator;
  const template: WorkflowTemplate = { version: orchestrator.template.version + 1, steps: command.data.steps };
  const wrong = validateTemplate(template);
  if (wrong) return wrong;
  // The same steps again are no new version: nothing to record.
  if (JSON.stringify(template.steps) === JSON.stringify(orchestrator.template.steps)) return [];
  return [
    {
      type: 'OrchestratorTemplateRevised',
      data: { orgId: tenantOf(command), orchestratorId: orchestrator.orchestratorId, template, revisedAt: nowIsoOf(command) },
    },
  ];
};

const remove = (command: DeleteOrchestrator, state: OrchestratorFlowState): Decision<OrchestratorDecision> => {
  const denied = roleRequired(command, ADMINS);
  if (denied) return denied;
  const orchestrator = liveOrchestrator(state, command.data.orchestratorId);
  if (orchestrator instanceof DomainError) return orchestrator;
  // seed 000 RESTRICT: "CampaignOrchestrator cannot be deleted if it has active workflows".
  const bound = boundWorkflows(orchestrator);
  if (bound.size > 0)
    return reject(Code.ORCHESTRATOR_HAS_ACTIVE_WORKFLOWS, `Orchestrator ${orchestrator.orchestratorId} has ${bound.size} active workflows`, {
      orchestratorId: orchestrator.orchestratorId,
      workflows: bound.size,
    });
  return [{ type: 'OrchestratorDeleted', data: { orgId: tenantOf(command), orchestratorId: orchestrator.orchestratorId, deletedAt: nowIsoOf(command) } }];
};

const workflowStepsOf = (template: WorkflowTemplate): WorkflowStep[] => {
  const orders = stepOrders(template);
  return template.steps.map((step) => ({ ...step, stepOrder: orders.get(step.key) as number }));
};

const start = (command: StartWorkflow, state: OrchestratorFlowState): Decision<OrchestratorDecision> => {
  const { orchestratorId, workflowId, campaignId, variant = null } = command.data;
  const label = variant ?? DEFAULT_VARIANT;
  const wrong =
    roleRequired(command, WRITERS) ??
    uuidError((field, message) => reject(Code.WORKFLOW_INVALID, message, { field }), 'workflowId', workflowId) ??
    requiredTextError((field, message) => reject(Code.WORKFLOW_INVALID, message, { field }), 'variant', label, LIMITS.variant);
  if (wrong) return wrong;
  const orchestrator = liveOrchestrator(state, orchestratorId);
  if (orchestrator instanceof DomainError) return orchestrator;
  if (!isUuid(campaignId) || liveCampaignOf(state.campaign) === null)
    return reject(Code.CAMPAIGN_NOT_FOUND, `Campaign ${campaignId} does not exist`, { campaignId });
  if (startedWorkflows(orchestrator).has(workflowId)) return reject(Code.WORKFLOW_ALREADY_EXISTS, `Workflow ${workflowId} was already started`, { workflowId });
  const now = nowOf(command);
  const plan = startPlan(orchestrator.template, now);
  if (plan instanceof DomainError) return plan;
  const orgId = tenantOf(command);
  const steps = workflowStepsOf(orchestrator.template);
  const dispatched = dispatchAll({ orgId, workflowId, campaignId, steps }, plan, readySteps(plan), now);
  if (dispatched instanceof DomainError) return dispatched;
  const at = toIso(now);
  return [
    { type: 'WorkflowBound', data: { orgId, orchestratorId, workflowId, campaignId, boundAt: at } },
    {
      type: 'WorkflowStarted',
      data: { orgId, workflowId, campaignId, orchestratorId, templateVersion: orchestrator.template.version, variant: label, steps, startedAt: at },
    },
    ...dispatched.events,
  ];
};

/** The reactor's, once the workflow finished; a repeat (or a workflow never bound) changes nothing. */
const release = (command: ReleaseWorkflow, state: OrchestratorFlowState): Decision<OrchestratorDecision> => {
  const denied = serviceRequired(command);
  if (denied) return denied;
  const { orchestratorId, workflowId } = command.data;
  if (state.orchestrator.status === 'none') return notFound(orchestratorId);
  if (!boundWorkflows(state.orchestrator).has(workflowId)) return [];
  return [{ type: 'WorkflowReleased', data: { orgId: tenantOf(command), orchestratorId, workflowId, releasedAt: nowIsoOf(command) } }];
};

export const decideOrchestrator = (command: OrchestratorCommand, state: OrchestratorFlowState): Decision<OrchestratorDecision> => {
  switch (command.type) {
    case 'CreateOrchestrator':
      return create(command, state);
    case 'ReviseOrchestratorTemplate':
      return revise(command, state);
    case 'DeleteOrchestrator':
      return remove(command, state);
    case 'StartWorkflow':
      return start(command, state);
    case 'ReleaseWorkflow':
      return release(command, state);
    default:
      return assertNever(command);
  }
};

const WORKFLOW_TYPES: ReadonlySet<string> = new Set(WORKFLOW_EVENT_TYPES);

export const orchestratorDecider: Decider<OrchestratorCommand, OrchestratorDecision | CampaignEvent, OrchestratorFlowState> = {
  initialState: initialOrchestratorFlowState,
  decide: decideOrchestrator,
  evolve: evolveOrchestratorFlow,
  streamIdOf: (command) => orchestratorStreamId(tenantOf(command), command.data.orchestratorId),
  // StartWorkflow needs the campaign: it must exist and not be deleted.
  alsoReads: (command) =>
    command.type === 'StartWorkflow' && isUuid(command.data.campaignId) ? [campaignStreamId(tenantOf(command), command.data.campaignId)] : [],
  streamOfNew: (event, command) => (WORKFLOW_TYPES.has(event.type) ? workflowStreamId(tenantOf(command), (event as WorkflowEvent).data.workflowId) : null),
};
