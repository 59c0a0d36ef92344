import type { commerce } from '@campaign/domain';
import { decodeData, encodeData } from '../registry';
import { commerceWorkCommandSchemas } from './work.commands';
import { commerceWorkEventSchemas } from './work.events';

/** Samples typed by the domain's data, so a field the domain lacks (or the schema misses) does not compile. */
type Samples<M extends { type: string; data: unknown }> = { readonly [K in M['type']]: Extract<M, { type: K }>['data'] };
type Event = commerce.WorkflowEvent | commerce.KpiEvent | commerce.ReportEvent | commerce.SystemEventEvent;
type Command = commerce.WorkflowCommand | commerce.KpiCommand | commerce.ReportCommand | commerce.SystemEventCommand;

const orgId = '0c1d2e3f-4a5b-4c6d-8e7f-8091a2b3c4d5';
const [agentId, goalId, workflowId, executionId, taskId, kpiId, measurementId, reportId, systemEventId] = [
  '5a0c7e2b-8d1f-4b3a-9e6c-2f4d6b8a0c1e',
  '7c2e9a4d-af31-4d5c-9a8e-4b6f8dac2e3a',
  'f1a2b3c4-d5e6-4f70-8a9b-0c1d2e3f4a5b',
  'f2b3c4d5-e6f7-4a81-9bac-1d2e3f4a5b6c',
  'f3c4d5e6-f7a8-4b92-8cbd-2e3f4a5b6c7d',
  'f4d5e6f7-a8b9-4ca3-9dce-3f4a5b6c7d8e',
  'f5e6f7a8-b9ca-4db4-8edf-4a5b6c7d8e9f',
  'f6f7a8b9-cadb-4ec5-9fe0-5b6c7d8e9fa0',
  'f7a8b9ca-dbec-4fd6-8af1-6c7d8e9fa0b1',
];
const at = '2026-04-01T09:00:00.000Z';
const later = '2026-04-01T10:30:00.000Z';
const workflow = { orgId, workflowId };
const execution = { ...workflow, executionId };
const task = { ...execution, executionStartedAt: at, taskId };

const events: Samples<Event> = {
  WorkflowDefined: {
    ...workflow,
    name: 'Restock bestsellers',
    description: null,
    goalId,
    ownerAgentId: agentId,
    definition: { steps: ['count', 'order'] },
    status: 'active',
    definedAt: at,
  },
  WorkflowUpdated: { ...workflow, changes: { name: 'Restock', definition: { steps: [] } }, updatedAt: at },
  WorkflowStatusChanged: { ...workflow, from: 'active', to: 'archived', changedAt: at },
  WorkflowDeleted: { ...workflow, deletedAt: at },
  WorkflowExecutionStarted: { ...execution, startedAt: at },
  WorkflowExecutionFinished: { ...execution, startedAt: at, status: 'failed', result: { ordered: 0 }, error: 'supplier down', finishedAt: later },
  WorkflowExecutionDeleted: { ...execution, startedAt: at, taskIds: [taskId], deletedAt: later },
  TaskAssigned: {
    ...task,
    agentId,
    title: 'Count stock',
    description: null,
    priority: -3,
    dueAt: later,
    status: 'pending',
    assignedAt: at,
  },
  TaskStatusChanged: { ...task, from: 'pending', to: 'in_progress', changedAt: later },
  KpiDefined: {
    orgId,
    kpiId,
    name: 'Conversion rate',
    description: null,
    unit: '%',
    targetValue: '3.2000',
    direction: 'increase',
    ownerAgentId: null,
    definedAt: at,
  },
  KpiUpdated: { orgId, kpiId, changes: { direction: 'decrease', targetValue: '-1.0000' }, updatedAt: at },
  KpiMeasurementRecorded: { orgId, kpiId, measurementId, value: '-12.5000', measuredAt: at, recordedAt: later },
  KpiDeleted: { orgId, kpiId, deletedAt: at },
  ReportCreated: {
    orgId,
    reportId,
    createdByAgentId: agentId,
    title: 'April sales',
    reportType: 'sales',
    periodStart: '2026-04-01',
    periodEnd: '2026-04-30',
    content: { revenue: '1200.00', top: [{ sku: 'PRINT-A3' }] },
    createdAt: at,
  },
  SystemEventRecorded: {
    orgId,
    systemEventId,
    sourceAgentId: null,
    eventType: 'stock.sync_failed',
    severity: 'critical',
    payload: { location: 'main', attempts: 3 },
    recordedAt: at,
  },
};

const commands: Samples<Command> = {
  DefineWorkflow: { workflowId, name: 'Restock bestsellers', ownerAgentId: agentId, goalId, definition: { steps: ['count'] } },
  UpdateWorkflow: { workflowId, description: 'Weekly' },
  ChangeWorkflowStatus: { workflowId, status: 'inactive' },
  DeleteWorkflow: { workflowId },
  StartWorkflowExecution: { workflowId, executionId },
  FinishWorkflowExecution: { workflowId, executionId, status: 'completed', result: { ordered: 12 } },
  DeleteWorkflowExecution: { workflowId, executionId },
  AssignTask: { workflowId, executionId, taskId, agentId, title: 'Count stock', priority: 2, dueAt: later },
  ChangeTaskStatus: { workflowId, taskId, status: 'completed' },
  DefineKpi: { kpiId, name: 'Conversion rate', targetValue: '3.2', direction: 'increase', ownerAgentId: agentId },
  UpdateKpi: { kpiId, unit: '%' },
  RecordKpiMeasurement: { kpiId, measurementId, value: '2.5', measuredAt: at },
  DeleteKpi: { kpiId },
  CreateReport: { reportId, title: 'April sales', reportType: 'sales', periodStart: '2026-04-01', content: { revenue: '1200.00' } },
  RecordSystemEvent: { systemEventId, sourceAgentId: agentId, eventType: 'stock.sync_failed', severity: 'error', payload: {} },
};

/** Through the registry, as producers and consumers encode: the commerce contract includes these schemas. */
const roundTrip = (kind: 'events' | 'commands', type: string, data: unknown): unknown => {
  const { version, bytes } = encodeData('commerce', kind, type, data);
  return decodeData('commerce', kind, type, version, bytes);
};

/** What the wire gives back for a command: a field the sender left out arrives as null (the door drops nulls). */
const withNulls = (type: string, data: object) => {
  const { fields } = commerceWorkCommandSchemas[type as keyof typeof commands].schema;
  return Object.fromEntries((fields as readonly { name: string }[]).map((f) => [f.name, (data as Record<string, unknown>)[f.name] ?? null]));
};

describe("the commerce work contract carries the domain's messages unchanged", () => {
  it('names exactly the types the domain has', () => {
    expect(Object.keys(commerceWorkEventSchemas).sort()).toEqual(Object.keys(events).sort());
    expect(Object.keys(commerceWorkCommandSchemas).sort()).toEqual(Object.keys(commands).sort());
  });

  it.each(Object.entries(events))('event %s', (type, data) => {
    expect(roundTrip('events', type, data)).toEqual(data);
  });

  it.each(Object.entries(commands))('command %s', (type, data) => {
    expect(roundTrip('commands', type, data)).toEqual(withNulls(type, data));
  });
});
