/** The OpenAPI 3.1 description of the commerce command endpoints (seed 001), merged into /openapi.json. */
import type { OpenApiFragment } from '../shared/command-context';
import { commerceMarketingPaths } from './commerce-marketing.openapi';
import { commerceSalesPaths } from './commerce-sales.openapi';
import { commerceWorkPaths } from './commerce-work.openapi';
import { body, jsonObject, money, operation, pathId, pathText, responses, status, text, uuid } from './commerce.openapi-parts';

const ACTIVE = ['active', 'inactive', 'archived'];
const agent = { name: { type: 'string', maxLength: 100 }, description: text(10_000), settings: jsonObject };
const goal = {
  title: { type: 'string', maxLength: 200 },
  description: text(10_000),
  owner_agent_id: { ...uuid, type: ['string', 'null'], description: 'An active agent; none for a company-wide goal' },
  target_value: money,
  unit: text(50),
  due_date: { type: ['string', 'null'], format: 'date' },
};
const ok = (ids: Record<string, unknown>, conflicts = '—', invalid = '—') => responses('200', ids, conflicts, invalid);
const CYCLE = 'the move would close a cycle (details.cycle: the path, e.g. a → c → b → a)';

const agentPaths = {
  '/v1/commerce/agents': {
    post: operation(
      'Register an agent (seed 001 agents)',
      [],
      body({ ...agent, type: { enum: ['orchestrator', 'director', 'specialist'] }, parent_id: { ...uuid, type: ['string', 'null'] } }, ['name', 'type']),
      responses('201', { agentId: uuid }, 'AGENT_NAME_TAKEN (seed 001 idx_agents_name)', `AGENT_INVALID (details.field); AGENT_HIERARCHY_CYCLE`),
    ),
  },
  '/v1/commerce/agents/{agentId}': {
    patch: operation('Change an agent’s fields', [pathId('agentId')], body(agent), ok({ agentId: uuid }, 'AGENT_NAME_TAKEN', 'AGENT_INVALID')),
  },
  '/v1/commerce/agents/{agentId}/parent': {
    put: operation(
      'Move an agent in the hierarchy (null: to the top)',
      [pathId('agentId')],
      body({ parent_id: { type: ['string', 'null'], format: 'uuid' } }, ['parent_id']),
      ok({ agentId: uuid }, '—', `AGENT_HIERARCHY_CYCLE: ${CYCLE}`),
    ),
  },
  '/v1/commerce/agents/{agentId}/status': {
    put: operation(
      'Change an agent’s status; archived agents keep their history',
      [pathId('agentId')],
      body(status(ACTIVE), ['status']),
      ok({ agentId: uuid }, 'AGENT_HAS_CHILDREN (seed 001 parent_id NO ACTION: move or archive them first)', 'AGENT_INVALID'),
    ),
  },
  '/v1/commerce/agents/{agentId}/capabilities/{capability}': {
    put: operation(
      'Grant or rescore a capability',
      [pathId('agentId'), pathText('capability')],
      body({ score: { type: ['integer', 'null'], minimum: 0, maximum: 100, default: 50 } }),
      ok({ agentId: uuid, capability: { type: 'string' } }, '—', 'AGENT_INVALID (details.field score: CHECK (score BETWEEN 0 AND 100))'),
    ),
    delete: operation('Revoke a capability', [pathId('agentId'), pathText('capability')], null, ok({ agentId: uuid, capability: { type: 'string' } })),
  },
  '/v1/commerce/agent-collaborations': {
    post: operation(
      'Allow a collaboration between two agents (seed 001 agent_collaborations)',
      [],
      body({ requesting_agent_id: uuid, responding_agent_id: uuid, collaboration_type: { type: 'string', maxLength: 50 } }, [
        'requesting_agent_id',
        'responding_agent_id',
        'collaboration_type',
      ]),
      ok({}, '—', 'COLLABORATION_INVALID (details.field)'),
    ),
  },
  '/v1/commerce/agent-collaborations/{requestingAgentId}/{respondingAgentId}/{collaborationType}': {
    delete: operation('Revoke a collaboration', [pathId('requestingAgentId'), pathId('respondingAgentId'), pathText('collaborationType')], null, ok({})),
  },
};

const goalPaths = {
  '/v1/commerce/goals': {
    post: operation(
      'Create a goal (seed 001 goals; owners optional)',
      [],
      body({ ...goal, parent_goal_id: { type: ['string', 'null'], format: 'uuid' } }, ['title']),
      responses('201', { goalId: uuid }, '—', 'GOAL_INVALID (details.field); GOAL_HIERARCHY_CYCLE'),
    ),
  },
  '/v1/commerce/goals/{goalId}': { patch: operation('Change a goal’s fields', [pathId('goalId')], body(goal), ok({ goalId: uuid }, '—', 'GOAL_INVALID')) },
  '/v1/commerce/goals/{goalId}/parent': {
    put: operation(
      'Move a goal in the tree (null: to the top)',
      [pathId('goalId')],
      body({ parent_goal_id: { type: ['string', 'null'], format: 'uuid' } }, ['parent_goal_id']),
      ok({ goalId: uuid }, '—', `GOAL_HIERARCHY_CYCLE: ${CYCLE}`),
    ),
  },
  '/v1/commerce/goals/{goalId}/status': {
    put: operation(
      'Change a goal’s status',
      [pathId('goalId')],
      body(status(['active', 'achieved', 'abandoned', 'archived']), ['status']),
      ok({ goalId: uuid }, 'GOAL_HAS_CHILDREN', 'GOAL_INVALID'),
    ),
  },
  '/v1/commerce/goals/{goalId}/progress': {
    post: operation(
      'Record a goal’s current value',
      [pathId('goalId')],
      body({ current_value: money }, ['current_value']),
      ok({ goalId: uuid }, '—', 'GOAL_INVALID'),
    ),
  },
};

export const commerceOpenApi: OpenApiFragment = {
  title: 'commerce (seed 001)',
  paths: { ...agentPaths, ...goalPaths, ...commerceSalesPaths, ...commerceMarketingPaths, ...commerceWorkPaths },
};
