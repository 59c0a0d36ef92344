import { jsonField, nullableInts, nullableJson, nullableStrings, record, strings } from '../avro-fields';
import { NS } from './namespace';

/**
 * Avro schemas of the commerce work commands' data (libs/domain/src/commerce/workflow.decide.ts,
 * kpi.ts, report.ts, system-event.ts). Optional fields are nullable with default null, so the
 * decider's defaults apply when a sender leaves them out; in an update, null keeps the field's
 * value. Decimals and instants travel as strings; the deciders check every value and answer
 * with their codes. A workflow's owner and a task's agent are required here as in the seed.
 */
const COMMANDS = `${NS}.commands`;
const command = (name: string, fields: readonly object[]) => record(name, COMMANDS, fields);
const kpiFields = nullableStrings('description', 'unit', 'targetValue', 'direction', 'ownerAgentId');

const workflowCommands = {
  DefineWorkflow: command('DefineWorkflow', [
    ...strings('workflowId', 'name'),
    ...nullableStrings('description', 'goalId'),
    ...strings('ownerAgentId'),
    nullableJson('definition'),
  ]),
  UpdateWorkflow: command('UpdateWorkflow', [
    ...strings('workflowId'),
    ...nullableStrings('name', 'description', 'goalId', 'ownerAgentId'),
    nullableJson('definition'),
  ]),
  ChangeWorkflowStatus: command('ChangeWorkflowStatus', strings('workflowId', 'status')),
  DeleteWorkflow: command('DeleteWorkflow', strings('workflowId')),
  StartWorkflowExecution: command('StartWorkflowExecution', strings('workflowId', 'executionId')),
  FinishWorkflowExecution: command('FinishWorkflowExecution', [
    ...strings('workflowId', 'executionId', 'status'),
    nullableJson('result'),
    ...nullableStrings('error'),
  ]),
  DeleteWorkflowExecution: command('DeleteWorkflowExecution', strings('workflowId', 'executionId')),
  AssignTask: command('AssignTask', [
    ...strings('workflowId', 'executionId', 'taskId', 'agentId', 'title'),
    ...nullableStrings('description'),
    ...nullableInts('priority'),
    ...nullableStrings('dueAt'),
  ]),
  ChangeTaskStatus: command('ChangeTaskStatus', strings('workflowId', 'taskId', 'status')),
};

const analyticsCommands = {
  DefineKpi: command('DefineKpi', [...strings('kpiId', 'name'), ...kpiFields]),
  UpdateKpi: command('UpdateKpi', [...strings('kpiId'), ...nullableStrings('name'), ...kpiFields]),
  RecordKpiMeasurement: command('RecordKpiMeasurement', [...strings('kpiId', 'measurementId', 'value'), ...nullableStrings('measuredAt')]),
  DeleteKpi: command('DeleteKpi', strings('kpiId')),
  CreateReport: command('CreateReport', [
    ...strings('reportId'),
    ...nullableStrings('createdByAgentId'),
    ...strings('title', 'reportType'),
    ...nullableStrings('periodStart', 'periodEnd'),
    jsonField('content'),
  ]),
  RecordSystemEvent: command('RecordSystemEvent', [
    ...strings('systemEventId'),
    ...nullableStrings('sourceAgentId'),
    ...strings('eventType', 'severity'),
    jsonField('payload'),
  ]),
};

export const commerceWorkCommandSchemas = { ...workflowCommands, ...analyticsCommands } as const;
