import { type CommandEnvelope, CONTRACT_VERSIONS, partitionKeyOf } from '@campaign/contracts';
import { contextScope } from '@campaign/runtime';
import type { StepDispatch } from './step-dispatch';
import type { StepReport } from './step-work';

/** The scope the orchestration Kafka door requires of an agent: step reports only (docs/orchestration.md, "Scopes"). */
export const AGENT_SCOPE = contextScope('orchestration', 'agent');

/**
 * One command id per attempt of a step: a redelivered StepDispatched sends its report again
 * under the same id, and the command side answers it from the first outcome, writing nothing.
 */
export const reportCommandId = ({ workflowId, stepKey, attempt }: Pick<StepDispatch, 'workflowId' | 'stepKey' | 'attempt'>): string =>
  `agent-${workflowId}-${stepKey}-${attempt}`;

/**
 * The report as a command on `<prefix>orchestration.commands`, for the dispatch's org, keyed by
 * the workflow's stream. It is caused by the dispatch and carries its correlation id, so a
 * workflow's history can be followed from the start through every agent.
 */
export const reportEnvelope = (dispatch: StepDispatch, report: StepReport, actor: string, issuedAt: string): { envelope: CommandEnvelope; key: string } => ({
  key: partitionKeyOf(dispatch.streamId),
  envelope: {
    commandId: reportCommandId(dispatch),
    type: report.type,
    // encodeCommand writes the current version whatever this says; it is here for readers.
    schemaVersion: CONTRACT_VERSIONS.orchestration?.commands[report.type] ?? 1,
    context: 'orchestration',
    issuedAt,
    actor,
    correlationId: dispatch.correlationId,
    causationId: dispatch.eventId,
    tenant: dispatch.orgId,
    data: report.data,
  },
});
