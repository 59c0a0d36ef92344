import { json, optional, timestamp } from '../avro';

/**
 * Schema fragments the orchestration events and commands share. Statuses, priorities and
 * relationship types travel as strings: the deciders validate them with their own codes (an
 * enum would make every new value a breaking change for old readers).
 */
export const NS = 'campaign.orchestration';

export const record = (name: string, namespace: string, fields: readonly object[]) =>
  ({ version: 1, schema: { type: 'record', name, namespace, fields } }) as const;

export const strings = (...names: string[]) => names.map((name) => ({ name, type: 'string' }));
export const nullableStrings = (...names: string[]) => names.map((name) => ({ name, ...optional('string') }));
export const instant = (name: string) => ({ name, type: timestamp });
export const nullableInstant = (name: string) => ({ name, ...optional(timestamp) });
export const jsonField = (name: string) => ({ name, type: json });
export const nullableJson = (name: string) => ({ name, ...optional(json) });
export const longs = (...names: string[]) => names.map((name) => ({ name, type: 'long' }));
export const nullableLongs = (...names: string[]) => names.map((name) => ({ name, ...optional('long') }));

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
