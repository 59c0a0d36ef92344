import { longs, jsonField, strings } from '../avro-fields';

/**
 * Schema fragments the orchestration events and commands share. Statuses, priorities and
 * relationship types travel as strings: the deciders validate them with their own codes (an
 * enum would make every new value a breaking change for old readers).
 */
export const NS = 'campaign.orchestration';

export { instant, jsonField, longs, nullableInstant, nullableJson, nullableLongs, nullableStrings, record, strings } from '../avro-fields';

const backoff = {
  type: 'record',
  name: 'RetryBackoff',
  namespace: NS,
  fields: [...longs('initialDelayMs'), { name: 'multiplier', type: 'double' }, ...longs('maxDelayMs')],
} as const;

const stepFields = [
  ...strings('key', 'name', 'agentType'),
  { name: 'dependsOn', type: { type: 'array', items: 'string' } },
  ...longs('timeoutMs'),
  { name: 'maxAttempts', type: 'int' },
  { name: 'backoff', type: backoff },
  jsonField('input'),
] as const;

/** A template's steps (libs/domain/src/orchestration/template.ts StepTemplate). */
export const stepTemplates = { type: 'array', items: { type: 'record', name: 'StepTemplate', namespace: NS, fields: stepFields } } as const;

/** An execution's steps: a template step and its step_order (WorkflowStep). */
export const workflowSteps = {
  type: 'array',
  items: { type: 'record', name: 'WorkflowStep', namespace: NS, fields: [...stepFields, { name: 'stepOrder', type: 'int' }] },
} as const;

/** A versioned template (WorkflowTemplate). */
export const workflowTemplate = {
  type: 'record',
  name: 'WorkflowTemplate',
  namespace: NS,
  fields: [
    { name: 'version', type: 'int' },
    { name: 'steps', type: stepTemplates },
  ],
} as const;
