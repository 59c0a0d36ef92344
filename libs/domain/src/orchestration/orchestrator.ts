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
  /** Every workflow id ever started here (an id names one execution only). */
  readonly started: ReadonlySet<string>;
  /** The workflows started and not yet released: the RESTRICT count. */
  readonly bound: ReadonlySet<string>;
}

export type OrchestratorState = { readonly status: 'none' } | OrchestratorView;

export const initialOrchestratorState = (): OrchestratorState => ({ status: 'none' });

const without = (set: ReadonlySet<string>, value: string): ReadonlySet<string> => new Set([...set].filter((each) => each !== value));

export const evolveOrchestrator = (state: OrchestratorState, event: OrchestratorEvent): OrchestratorState => {
  if (event.type === 'OrchestratorCreated') {
    const { orchestratorId, name, description, template } = event.data;
    return { status: 'live', orchestratorId, name, description, template, started: new Set(), bound: new Set() };
  }
  if (state.status === 'none') return state;
  switch (event.type) {
    case 'OrchestratorTemplateRevised':
      return { ...state, template: event.data.template };
    case 'OrchestratorDeleted':
      return { ...state, status: 'deleted' };
    case 'WorkflowBound':
      return { ...state, started: new Set(state.started).add(event.data.workflowId), bound: new Set(state.bound).add(event.data.workflowId) };
    case 'WorkflowReleased':
      return { ...state, bound: without(state.bound, event.data.workflowId) };
  }
};
