/** The OpenAPI 3.1 description of the orchestration command endpoints (seed 000), merged into /openapi.json. */
import type { OpenApiFragment } from '../shared/command-context';
import { orchestrationContentPaths } from './orchestration-content.openapi';
import { body, headers, jsonObject, pathId, responses, text, uuid } from './orchestration.openapi-parts';

const strategy = { name: { type: 'string', maxLength: 200 }, strategy_type: { type: 'string', maxLength: 100 }, description: text(), settings: jsonObject };

const step = {
  type: 'object',
  additionalProperties: false,
  required: ['key', 'name', 'agent_type', 'timeout_ms', 'max_attempts', 'backoff'],
  properties: {
    key: { type: 'string', pattern: '^[a-z][a-z0-9_-]{0,62}$' },
    name: { type: 'string', maxLength: 255 },
    agent_type: { type: 'string', description: 'Which kind of agent takes the step' },
    depends_on: { type: 'array', items: { type: 'string' }, description: 'Keys of the steps it waits for (a DAG)' },
    timeout_ms: { type: 'integer', minimum: 1000 },
    max_attempts: { type: 'integer', minimum: 1, maximum: 10 },
    backoff: {
      type: 'object',
      required: ['initial_delay_ms', 'multiplier', 'max_delay_ms'],
      properties: { initial_delay_ms: { type: 'integer' }, multiplier: { type: 'number' }, max_delay_ms: { type: 'integer' } },
    },
    input: { type: 'object', additionalProperties: true, description: 'Handed to the agent as is' },
  },
};
const steps = { type: 'array', items: step, minItems: 1, maxItems: 200 };
const TEMPLATE = 'TEMPLATE_* (details.step, details.field; TEMPLATE_DEPENDENCY_CYCLE details.cycle), ORCHESTRATOR_INVALID (details.field)';

const report = {
  kind: { enum: ['started', 'completed', 'failed'] },
  attempt: { type: 'integer', minimum: 1, description: 'The attempt the StepDispatched named' },
  output: { type: 'object', description: 'completed: the step’s output; `content` in it becomes the campaign’s content' },
  cost_cents: { type: 'integer', minimum: 0 },
  tokens: { type: 'integer', minimum: 0 },
  quality_score: { type: 'number', minimum: 0, maximum: 1 },
  duration_ms: { type: 'integer', minimum: 0 },
  error: { type: 'string', maxLength: 2000, description: 'failed: why' },
  retryable: { type: 'boolean', description: 'failed: whether another attempt may succeed' },
};

const paths = {
  '/v1/orchestration/strategies': {
    post: {
      summary: 'Create a campaign strategy (editor, admin)',
      parameters: headers,
      requestBody: body(strategy, ['name', 'strategy_type']),
      responses: responses('201', { strategyId: uuid }, 'STRATEGY_ALREADY_EXISTS', 'STRATEGY_INVALID (details.field)'),
    },
  },
  '/v1/orchestration/strategies/{strategyId}': {
    patch: {
      summary: 'Change a strategy’s fields (editor, admin)',
      parameters: [pathId('strategyId'), ...headers],
      requestBody: body(strategy),
      responses: responses('200', { strategyId: uuid }, '—', 'STRATEGY_INVALID (details.field)'),
    },
    delete: {
      summary: 'Delete a strategy; its campaigns keep running without one (seed 000: SET NULL)',
      parameters: [pathId('strategyId'), ...headers],
      responses: responses('200', { strategyId: uuid }, '—', '—'),
    },
  },
  '/v1/orchestration/orchestrators': {
    post: {
      summary: 'Create an orchestrator with its workflow template, version 1 (admin)',
      parameters: headers,
      requestBody: body({ name: { type: 'string', maxLength: 255 }, description: text(), steps }, ['name', 'steps']),
      responses: responses('201', { orchestratorId: uuid }, 'ORCHESTRATOR_ALREADY_EXISTS', TEMPLATE),
    },
  },
  '/v1/orchestration/orchestrators/{orchestratorId}/template-revisions': {
    post: {
      summary: 'Revise the template: a new version; running workflows keep theirs (admin)',
      parameters: [pathId('orchestratorId'), ...headers],
      requestBody: body({ steps }, ['steps']),
      responses: responses('201', { orchestratorId: uuid }, '—', TEMPLATE),
    },
  },
  '/v1/orchestration/orchestrators/{orchestratorId}': {
    delete: {
      summary: 'Delete an orchestrator (admin); refused while a workflow is bound to it (seed 000: RESTRICT)',
      parameters: [pathId('orchestratorId'), ...headers],
      responses: responses('200', { orchestratorId: uuid }, 'ORCHESTRATOR_HAS_ACTIVE_WORKFLOWS (details.workflows)', '—'),
    },
  },
  '/v1/orchestration/workflows': {
    post: {
      summary: 'Start a workflow for a campaign from an orchestrator’s latest template; its first steps are dispatched at once',
      parameters: headers,
      requestBody: body({ orchestrator_id: uuid, campaign_id: uuid, variant: { type: 'string', maxLength: 50, default: 'default' } }, [
        'orchestrator_id',
        'campaign_id',
      ]),
      responses: responses('201', { workflowId: uuid }, 'WORKFLOW_ALREADY_EXISTS', 'WORKFLOW_INVALID (details.field)'),
    },
  },
  '/v1/orchestration/workflows/{workflowId}/steps/{stepKey}/reports': {
    post: {
      summary: 'An agent’s report on an attempt: started, completed (output) or failed (error, retryable)',
      description:
        'A person of the org, or an agent token bound to it (org_id, scope orchestration:agent). A report about an attempt already given up changes nothing.',
      parameters: [pathId('workflowId'), { name: 'stepKey', in: 'path', required: true, schema: { type: 'string' } }, ...headers],
      requestBody: body(report, ['kind', 'attempt']),
      responses: responses(
        '200',
        { workflowId: uuid, stepKey: { type: 'string' } },
        'WORKFLOW_ALREADY_FINISHED, WORKFLOW_STEP_INVALID_STATUS, WORKFLOW_STEP_REPORT_CONFLICT',
        'WORKFLOW_STEP_REPORT_INVALID (details.field), WORKFLOW_STEP_UNKNOWN, WORKFLOW_STEP_ATTEMPT_UNKNOWN',
      ),
    },
  },
};

export const orchestrationOpenApi: OpenApiFragment = { title: 'orchestration (seed 000)', paths: { ...paths, ...orchestrationContentPaths } };
