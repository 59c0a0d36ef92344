import { contextScope } from '@campaign/runtime';

/**
 * The orchestration context's scopes (docs/orchestration.md "Scopes"): `orchestration:service`
 * (the timers, the reactor, the ingest: every command, ids as they name them),
 * `orchestration:write` (other services' doors) and `orchestration:agent` (agents: step
 * reports only).
 */
export const SERVICE_SCOPE = contextScope('orchestration', 'service');
export const WRITE_SCOPE = contextScope('orchestration', 'write');
export const AGENT_SCOPE = contextScope('orchestration', 'agent');

/** What an agent may send: its reports about the attempts it was dispatched. */
export const STEP_REPORTS: ReadonlySet<string> = new Set(['ReportStepStarted', 'CompleteStep', 'FailStep']);

/** What only the platform's own services send: the timers' and the reactor's commands. */
export const SERVICE_ONLY: ReadonlySet<string> = new Set(['TimeOutStep', 'RetryStep', 'ReleaseWorkflow']);

/**
 * Null when a sender of these scopes may send a command of this type over Kafka; else why not.
 * A person (no service scope) may send any: the deciders judge its role.
 */
export const kafkaRefusal = (type: string, scopes: ReadonlySet<string>): string | null => {
  if (scopes.has(SERVICE_SCOPE)) return null;
  if (scopes.has(WRITE_SCOPE)) return SERVICE_ONLY.has(type) ? `${type} is sent by the platform's own services (${SERVICE_SCOPE})` : null;
  if (scopes.has(AGENT_SCOPE)) return STEP_REPORTS.has(type) ? null : `agents (${AGENT_SCOPE}) send step reports only, not ${type}`;
  return null;
};

/** The command types that create something, the field naming it and the label its derived id is made with. */
export const NEW_IDS: Readonly<Record<string, { readonly field: string; readonly label: string }>> = {
  CreateStrategy: { field: 'strategyId', label: 'strategy' },
  CreateOrchestrator: { field: 'orchestratorId', label: 'orchestrator' },
  CreateCampaign: { field: 'campaignId', label: 'campaign' },
  StartWorkflow: { field: 'workflowId', label: 'workflow' },
  CreateContent: { field: 'contentId', label: 'content' },
};
