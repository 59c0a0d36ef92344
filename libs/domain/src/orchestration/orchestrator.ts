/**
 * A campaign orchestrator (seed 000: "CampaignOrchestrator (1) → Campaign (*)", "defines the
 * workflow template for execution"): its versioned template and the workflows bound to it. A
 * workflow is bound from its start until the reactor releases it after it finished; while any
 * is bound the orchestrator cannot be deleted (seed 000 RESTRICT). StartWorkflow and
 * DeleteOrchestrator both append here with an expected version, so of two racing, one wins.
 */
import type { Event } from '../shared/decider';
import type { WorkflowTemplate } from './template';

export const orchestratorStreamId = (orgId: string, orchestratorId: string): string => `orchestration-orchestrator-${orgId}-${orchestratorId}`;

export type OrchestratorCreated = Event<
  'OrchestratorCreated',
  {
    readonly orgId: string;
    readonly orchestratorId: string;
    readonly name: string;
    readonly description: string | null;
    readonly template: WorkflowTemplate;
    readonly createdAt: string;
  }
>;

/** A new template version; running workflows keep the version they started with. */
export type OrchestratorTemplateRevised = Event<
  'OrchestratorTemplateRevised',
  { readonly orgId: string; readonly orchestratorId: string; readonly template: WorkflowTemplate; readonly revisedAt: string }
>;

export type OrchestratorDeleted = Event<'OrchestratorDeleted', { readonly orgId: string; readonly orchestratorId: string; readonly deletedAt: string }>;

/** A workflow started from the orchestrator: it holds the orchestrator until released. */
export type WorkflowBound = Event<
  'WorkflowBound',
  { readonly orgId: string; readonly orchestratorId: string; readonly workflowId: string; readonly campaignId: string; readonly boundAt: string }
>;

/** A finished workflow no longer holds the orchestrator. */
export type WorkflowReleased = Event<
  'WorkflowReleased',
  { readonly orgId: string; readonly orchestratorId: string; readonly workflowId: string; readonly releasedAt: string }
>;

export type OrchestratorEvent = OrchestratorCreated | OrchestratorTemplateRevised | OrchestratorDeleted | WorkflowBound | WorkflowReleased;

export const ORCHESTRATOR_EVENT_TYPES: readonly OrchestratorEvent['type'][] = [
  'OrchestratorCreated',
  'OrchestratorTemplateRevised',
  'OrchestratorDeleted',
  'WorkflowBound',
  'WorkflowReleased',
];

export interface OrchestratorView {
  readonly status: 'live' | 'deleted';
  readonly orchestratorId: string;
  readonly name: string;
  readonly description: string | null;
  /** The latest version: what a new workflow instantiates. */
  readonly template: WorkflowTemplate;
  /** Every workflow id ever started here, newest first (an id names one execution only). */
  readonly started: IdList;
  /** The workflows released once finished; started and not released: the RESTRICT count. */
  readonly released: IdList;
}

/**
 * An immutable list of ids, newest first: evolve extends it in O(1), sharing the rest. A Set
 * copied per event made folding an orchestrator's stream quadratic in its workflows (two events
 * each, for ever); the decision reads the lists once (startedWorkflows, boundWorkflows).
 */
export type IdList = { readonly id: string; readonly rest: IdList } | null;

const idsOf = (list: IdList): string[] => {
  const ids: string[] = [];
  for (let node = list; node !== null; node = node.rest) ids.push(node.id);
  return ids;
};

/** Every workflow id ever started on the orchestrator. */
export const startedWorkflows = (view: OrchestratorView): ReadonlySet<string> => new Set(idsOf(view.started));

/** The workflows started and not yet released (seed 000 RESTRICT). */
export const boundWorkflows = (view: OrchestratorView): ReadonlySet<string> => {
  const released = new Set(idsOf(view.released));
  return new Set(idsOf(view.started).filter((id) => !released.has(id)));
};

export type OrchestratorState = { readonly status: 'none' } | OrchestratorView;

export const initialOrchestratorState = (): OrchestratorState => ({ status: 'none' });

export const evolveOrchestrator = (state: OrchestratorState, event: OrchestratorEvent): OrchestratorState => {
  if (event.type === 'OrchestratorCreated') {
    const { orchestratorId, name, description, template } = event.data;
    return { status: 'live', orchestratorId, name, description, template, started: null, released: null };
  }
  if (state.status === 'none') return state;
  switch (event.type) {
    case 'OrchestratorTemplateRevised':
      return { ...state, template: event.data.template };
    case 'OrchestratorDeleted':
      return { ...state, status: 'deleted' };
    case 'WorkflowBound':
      return { ...state, started: { id: event.data.workflowId, rest: state.started } };
    case 'WorkflowReleased':
      return { ...state, released: { id: event.data.workflowId, rest: state.released } };
  }
};
