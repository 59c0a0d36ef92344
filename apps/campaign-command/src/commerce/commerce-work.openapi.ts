/** The OpenAPI paths of the work doors: workflows, executions, tasks, KPIs, reports, system events (seed 001). */
import { body, jsonObject, operation, pathId, responses, status, text, uuid } from './commerce.openapi-parts';

const ok = (ids: Record<string, unknown>, conflicts = '—', invalid = '—') => responses('200', ids, conflicts, invalid);
const optionalUuid = { type: ['string', 'null'], format: 'uuid' };
const decimal = { type: ['string', 'number'], description: 'DECIMAL(15,4): at most 4 decimals, negative allowed (a string keeps it exact)' };
const workflow = { name: { type: 'string', maxLength: 200 }, description: text(10_000), goal_id: optionalUuid, definition: jsonObject };
const owner = { ...uuid, description: 'An active agent (seed 001: "Workflows must have an owner")' };
const OWNER = 'WORKFLOW_INVALID (details.field); AGENT_NOT_FOUND, GOAL_NOT_FOUND are 404';
const execution = [pathId('workflowId'), pathId('executionId')];
const kpi = {
  name: { type: 'string', maxLength: 200 },
  description: text(10_000),
  unit: text(50),
  target_value: { ...decimal, type: ['string', 'number', 'null'] },
  direction: { enum: ['increase', 'decrease'], default: 'increase' },
  owner_agent_id: optionalUuid,
};

const workflowPaths = {
  '/v1/commerce/workflows': {
    post: operation(
      'Define an active workflow (seed 001 workflows)',
      [],
      body({ ...workflow, owner_agent_id: owner }, ['name', 'owner_agent_id']),
      responses('201', { workflowId: uuid }, 'AGENT_NOT_ACTIVE', OWNER),
    ),
  },
  '/v1/commerce/workflows/{workflowId}': {
    patch: operation(
      'Change a workflow’s fields',
      [pathId('workflowId')],
      body({ ...workflow, owner_agent_id: { ...owner, type: ['string', 'null'] } }),
      ok({ workflowId: uuid }, 'AGENT_NOT_ACTIVE', OWNER),
    ),
    delete: operation(
      'Delete a workflow with no executions',
      [pathId('workflowId')],
      null,
      ok({ workflowId: uuid }, 'WORKFLOW_HAS_EXECUTIONS (seed 001 workflow_executions ON DELETE RESTRICT: delete them first)'),
    ),
  },
  '/v1/commerce/workflows/{workflowId}/status': {
    put: operation(
      'Change a workflow’s status',
      [pathId('workflowId')],
      body(status(['active', 'inactive', 'archived']), ['status']),
      ok({ workflowId: uuid }, '—', 'WORKFLOW_INVALID'),
    ),
  },
  '/v1/commerce/workflows/{workflowId}/executions': {
    post: operation(
      'Start an execution of an active workflow',
      [pathId('workflowId')],
      null,
      responses('201', { workflowId: uuid, executionId: uuid }, 'WORKFLOW_NOT_ACTIVE', '—'),
    ),
  },
  '/v1/commerce/workflows/{workflowId}/executions/{executionId}': {
    delete: operation('Delete an execution and its tasks (seed 001 tasks ON DELETE CASCADE)', execution, null, ok({ workflowId: uuid, executionId: uuid })),
  },
  '/v1/commerce/workflows/{workflowId}/executions/{executionId}/finish': {
    post: operation(
      'Finish a running execution',
      execution,
      body({ status: { enum: ['completed', 'failed', 'cancelled'] }, result: jsonObject, error: text(10_000) }, ['status']),
      ok({ workflowId: uuid, executionId: uuid }, 'EXECUTION_NOT_RUNNING', 'EXECUTION_INVALID'),
    ),
  },
  '/v1/commerce/workflows/{workflowId}/executions/{executionId}/tasks': {
    post: operation(
      'Assign a task of a running execution to an active agent (seed 001: "Must be assigned to an agent")',
      execution,
      body(
        {
          agent_id: uuid,
          title: { type: 'string', maxLength: 200 },
          description: text(10_000),
          priority: { type: ['integer', 'null'], default: 0 },
          due_at: { type: ['string', 'null'], format: 'date-time' },
        },
        ['agent_id', 'title'],
      ),
      responses('201', { workflowId: uuid, executionId: uuid, taskId: uuid }, 'AGENT_NOT_ACTIVE; EXECUTION_NOT_RUNNING', 'TASK_INVALID (details.field)'),
    ),
  },
  '/v1/commerce/workflows/{workflowId}/tasks/{taskId}/status': {
    put: operation(
      'Change a task’s status',
      [pathId('workflowId'), pathId('taskId')],
      body(status(['pending', 'in_progress', 'completed', 'failed', 'cancelled']), ['status']),
      ok({ workflowId: uuid, taskId: uuid }, '—', 'TASK_INVALID'),
    ),
  },
};

const analyticsPaths = {
  '/v1/commerce/kpis': {
    post: operation(
      'Define a KPI (seed 001 kpis; owners optional)',
      [],
      body(kpi, ['name']),
      responses('201', { kpiId: uuid }, '—', 'KPI_INVALID (details.field)'),
    ),
  },
  '/v1/commerce/kpis/{kpiId}': {
    patch: operation(
      'Change a KPI’s fields',
      [pathId('kpiId')],
      body({ ...kpi, direction: { enum: ['increase', 'decrease', null] } }),
      ok({ kpiId: uuid }, '—', 'KPI_INVALID'),
    ),
    delete: operation('Delete a KPI and its measurements (seed 001 CASCADE)', [pathId('kpiId')], null, ok({ kpiId: uuid })),
  },
  '/v1/commerce/kpis/{kpiId}/measurements': {
    post: operation(
      'Record a measurement (seed 001 kpi_measurements)',
      [pathId('kpiId')],
      body({ value: decimal, measured_at: { type: ['string', 'null'], format: 'date-time' } }, ['value']),
      responses('201', { kpiId: uuid, measurementId: uuid }, '—', 'KPI_INVALID (details.field: value, measuredAt)'),
    ),
  },
  '/v1/commerce/reports': {
    post: operation(
      'Create a report (seed 001 reports)',
      [],
      body(
        {
          title: { type: 'string', maxLength: 200 },
          report_type: { type: 'string', maxLength: 50 },
          period_start: { type: ['string', 'null'], format: 'date' },
          period_end: { type: ['string', 'null'], format: 'date', description: 'Not before period_start' },
          content: { type: 'object', additionalProperties: true },
          created_by_agent_id: optionalUuid,
        },
        ['title', 'report_type', 'content'],
      ),
      responses('201', { reportId: uuid }, '—', 'REPORT_INVALID (details.field)'),
    ),
  },
  '/v1/commerce/system-events': {
    post: operation(
      'Record a system event (seed 001 system_events)',
      [],
      body(
        {
          event_type: { type: 'string', maxLength: 100 },
          severity: { enum: ['info', 'warning', 'error', 'critical'] },
          payload: { type: 'object', additionalProperties: true },
          source_agent_id: optionalUuid,
        },
        ['event_type', 'severity', 'payload'],
      ),
      responses('201', { systemEventId: uuid }, '—', 'SYSTEM_EVENT_INVALID (details.field)'),
    ),
  },
};

export const commerceWorkPaths = { ...workflowPaths, ...analyticsPaths };
