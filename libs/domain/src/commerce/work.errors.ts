/**
 * Rejection codes of the commerce context's work (seed 001 "Goals and Workflows", "Analytics",
 * "System"): workflows, their executions and tasks, KPIs, reports and system events. A second
 * enum beside errors.ts, named the same way (subject first); agents and goals keep their codes
 * there (AGENT_NOT_FOUND, AGENT_NOT_ACTIVE, GOAL_NOT_FOUND).
 */
import { type DomainError, rejectionsOf } from '../shared/decider';
import type { AgentsState } from './agents';
import { CommerceErrorCode as Code, reject } from './errors';

export enum CommerceWorkErrorCode {
  // Workflows
  WORKFLOW_INVALID = 'WORKFLOW_INVALID',
  WORKFLOW_ALREADY_EXISTS = 'WORKFLOW_ALREADY_EXISTS',
  WORKFLOW_NOT_FOUND = 'WORKFLOW_NOT_FOUND',
  /** Only an active workflow is started. */
  WORKFLOW_NOT_ACTIVE = 'WORKFLOW_NOT_ACTIVE',
  /** seed 001 workflow_executions.workflow_id ON DELETE RESTRICT: "preserve execution history". */
  WORKFLOW_HAS_EXECUTIONS = 'WORKFLOW_HAS_EXECUTIONS',
  EXECUTION_INVALID = 'EXECUTION_INVALID',
  /** An execution id names one run, of one workflow, once. */
  EXECUTION_ALREADY_EXISTS = 'EXECUTION_ALREADY_EXISTS',
  EXECUTION_NOT_FOUND = 'EXECUTION_NOT_FOUND',
  /** A finished execution is not finished again and takes no new tasks. */
  EXECUTION_NOT_RUNNING = 'EXECUTION_NOT_RUNNING',
  TASK_INVALID = 'TASK_INVALID',
  TASK_ALREADY_EXISTS = 'TASK_ALREADY_EXISTS',
  TASK_NOT_FOUND = 'TASK_NOT_FOUND',
  // Analytics
  KPI_INVALID = 'KPI_INVALID',
  KPI_ALREADY_EXISTS = 'KPI_ALREADY_EXISTS',
  KPI_NOT_FOUND = 'KPI_NOT_FOUND',
  KPI_MEASUREMENT_ALREADY_EXISTS = 'KPI_MEASUREMENT_ALREADY_EXISTS',
  REPORT_INVALID = 'REPORT_INVALID',
  REPORT_ALREADY_EXISTS = 'REPORT_ALREADY_EXISTS',
  // System
  SYSTEM_EVENT_INVALID = 'SYSTEM_EVENT_INVALID',
  SYSTEM_EVENT_ALREADY_EXISTS = 'SYSTEM_EVENT_ALREADY_EXISTS',
}

export const rejectWork = rejectionsOf<CommerceWorkErrorCode>();

/** seed 001: an agent a row names (an owner, a creator, a source) is one the registry holds; or the rejection. */
export const unknownAgent = (agents: AgentsState, agentId: string | null, field: string): DomainError | null =>
  agentId === null || agents.agents.has(agentId) ? null : reject(Code.AGENT_NOT_FOUND, `Agent ${agentId} does not exist`, { agentId, field });

/** Work goes to active agents only: AGENT_NOT_FOUND for an unknown one, AGENT_NOT_ACTIVE for one inactive or archived. */
export const notActiveAgent = (agents: AgentsState, agentId: string, field: string): DomainError | null => {
  const unknown = unknownAgent(agents, agentId, field);
  if (unknown) return unknown;
  const status = agents.agents.get(agentId)?.status;
  return status === 'active' ? null : reject(Code.AGENT_NOT_ACTIVE, `Agent ${agentId} is ${status}, not active`, { agentId, field, status: status ?? null });
};
