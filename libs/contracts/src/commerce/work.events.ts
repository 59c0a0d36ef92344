import { instant, ints, jsonField, nullableInstant, nullableJson, nullableStrings, record, strings } from '../avro-fields';
import { NS } from './namespace';

/**
 * Avro schemas of the commerce work events' data (libs/domain/src/commerce/workflow.ts, kpi.ts,
 * report.ts, system-event.ts), written as events.ts writes the rest of the context: instants are
 * timestamp-millis, KPI decimals DECIMAL(15,4) as decimal strings, dates YYYY-MM-DD strings, JSON
 * objects (a definition, a result, a report's content, a payload, an update's `changes`) `json`
 * strings. Task events carry the execution's start (`executionStartedAt`), the partition key the
 * read model's tasks foreign key names.
 */
const EVENTS = `${NS}.events`;
const event = (name: string, fields: readonly object[]) => record(name, EVENTS, fields);

const workflowRef = strings('orgId', 'workflowId');
const executionRef = strings('orgId', 'workflowId', 'executionId');
const taskRef = [...executionRef, instant('executionStartedAt'), ...strings('taskId')];

const workflowEvents = {
  WorkflowDefined: event('WorkflowDefined', [
    ...workflowRef,
    ...strings('name'),
    ...nullableStrings('description', 'goalId'),
    ...strings('ownerAgentId'),
    jsonField('definition'),
    ...strings('status'),
    instant('definedAt'),
  ]),
  WorkflowUpdated: event('WorkflowUpdated', [...workflowRef, jsonField('changes'), instant('updatedAt')]),
  WorkflowStatusChanged: event('WorkflowStatusChanged', [...workflowRef, ...strings('from', 'to'), instant('changedAt')]),
  WorkflowDeleted: event('WorkflowDeleted', [...workflowRef, instant('deletedAt')]),
  WorkflowExecutionStarted: event('WorkflowExecutionStarted', [...executionRef, instant('startedAt')]),
  WorkflowExecutionFinished: event('WorkflowExecutionFinished', [
    ...executionRef,
    instant('startedAt'),
    ...strings('status'),
    nullableJson('result'),
    ...nullableStrings('error'),
    instant('finishedAt'),
  ]),
  WorkflowExecutionDeleted: event('WorkflowExecutionDeleted', [
    ...executionRef,
    instant('startedAt'),
    { name: 'taskIds', type: { type: 'array', items: 'string' } },
    instant('deletedAt'),
  ]),
  TaskAssigned: event('TaskAssigned', [
    ...taskRef,
    ...strings('agentId', 'title'),
    ...nullableStrings('description'),
    ...ints('priority'),
    nullableInstant('dueAt'),
    ...strings('status'),
    instant('assignedAt'),
  ]),
  TaskStatusChanged: event('TaskStatusChanged', [...taskRef, ...strings('from', 'to'), instant('changedAt')]),
};

const kpiRef = strings('orgId', 'kpiId');

const analyticsEvents = {
  KpiDefined: event('KpiDefined', [
    ...kpiRef,
    ...strings('name'),
    ...nullableStrings('description', 'unit', 'targetValue'),
    ...strings('direction'),
    ...nullableStrings('ownerAgentId'),
    instant('definedAt'),
  ]),
  KpiUpdated: event('KpiUpdated', [...kpiRef, jsonField('changes'), instant('updatedAt')]),
  KpiMeasurementRecorded: event('KpiMeasurementRecorded', [...kpiRef, ...strings('measurementId', 'value'), instant('measuredAt'), instant('recordedAt')]),
  KpiDeleted: event('KpiDeleted', [...kpiRef, instant('deletedAt')]),
  ReportCreated: event('ReportCreated', [
    ...strings('orgId', 'reportId'),
    ...nullableStrings('createdByAgentId'),
    ...strings('title', 'reportType'),
    ...nullableStrings('periodStart', 'periodEnd'),
    jsonField('content'),
    instant('createdAt'),
  ]),
  SystemEventRecorded: event('SystemEventRecorded', [
    ...strings('orgId', 'systemEventId'),
    ...nullableStrings('sourceAgentId'),
    ...strings('eventType', 'severity'),
    jsonField('payload'),
    instant('recordedAt'),
  ]),
};

export const commerceWorkEventSchemas = { ...workflowEvents, ...analyticsEvents } as const;
