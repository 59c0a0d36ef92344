import { z } from '@campaign/runtime';

/**
 * Request bodies of the orchestration doors: shapes only, snake_case as seed 000's columns. Every
 * rule (lengths, enums, instants, the template's graph, the seed's CHECKs) is the decider's, so a
 * wrong value reaches it and gets its code. Ids of new things are never read from a body: the
 * door derives them from the command id (docs/orchestration.md, "Streams").
 */
const commandId = z.string().optional();
const text = z.string().nullable().optional();
const json = z.record(z.string(), z.unknown());

export const emptyBody = z.object({ commandId }).strict();

const strategyFields = { name: z.string(), strategy_type: z.string(), description: text, settings: json.nullable().optional() };
export const createStrategyBody = z.object({ commandId, ...strategyFields }).strict();
export const updateStrategyBody = z.object({ commandId, ...strategyFields, name: z.string().optional(), strategy_type: z.string().optional() }).strict();

/** One step of a template (template.ts StepTemplate); the decider checks keys, bounds and the graph. */
const step = z
  .object({
    key: z.string(),
    name: z.string(),
    agent_type: z.string(),
    depends_on: z.array(z.string()).optional(),
    timeout_ms: z.number(),
    max_attempts: z.number(),
    backoff: z.object({ initial_delay_ms: z.number(), multiplier: z.number(), max_delay_ms: z.number() }).strict(),
    input: json.optional(),
  })
  .strict();
export type StepBody = z.infer<typeof step>;

export const createOrchestratorBody = z.object({ commandId, name: z.string(), description: text, steps: z.array(step) }).strict();
export const reviseTemplateBody = z.object({ commandId, steps: z.array(step) }).strict();

// seed 000 campaigns: name, description, strategy_id, orchestrator_id, priority, scheduled_start, deadline, budget, target_audience
const campaignFields = {
  name: z.string(),
  description: text,
  strategy_id: text,
  orchestrator_id: text,
  priority: z.string().optional(),
  scheduled_start: text,
  deadline: text,
};
/** Money as a decimal string; a JSON number is taken as its decimal text. */
const money = z.union([z.string(), z.number().transform((n) => String(n))]);
export const createCampaignBody = z
  .object({ commandId, ...campaignFields, budget: money.nullable().optional(), target_audience: json.nullable().optional() })
  .strict();
export const updateCampaignBody = z.object({ commandId, ...campaignFields, name: z.string().optional(), progress_percentage: z.number().optional() }).strict();
export const campaignStatusBody = z.object({ commandId, status: z.string() }).strict();

export const startWorkflowBody = z.object({ commandId, orchestrator_id: z.string(), campaign_id: z.string(), variant: z.string().optional() }).strict();

/** An agent's report about one attempt (docs/orchestration.md "Agents"): its kind says which fields it carries. */
export const stepReportBody = z.discriminatedUnion('kind', [
  z.object({ commandId, kind: z.literal('started'), attempt: z.number() }).strict(),
  z
    .object({
      commandId,
      kind: z.literal('completed'),
      attempt: z.number(),
      output: json,
      cost_cents: z.number().optional(),
      tokens: z.number().optional(),
      quality_score: z.number().optional(),
      duration_ms: z.number().optional(),
    })
    .strict(),
  z.object({ commandId, kind: z.literal('failed'), attempt: z.number(), error: z.string(), retryable: z.boolean() }).strict(),
]);
export type StepReportBody = z.infer<typeof stepReportBody>;

// seed 000 campaign_content: title, content_type, platform, content_markdown, status, parent_content_id, workflow_id, …
export const createContentBody = z
  .object({
    commandId,
    title: z.string(),
    content_type: z.string(),
    platform: z.string(),
    content_markdown: text,
    status: z.string().optional(),
    parent_content_id: text,
    workflow_id: text,
    step_key: text,
    scheduled_publish_at: text,
    review_deadline: text,
  })
  .strict();
export const updateContentBody = z
  .object({ commandId, title: z.string().optional(), content_markdown: text, status: z.string().optional(), parent_content_id: text, review_deadline: text })
  .strict();
export const relationshipBody = z.object({ commandId, target_content_id: z.string(), relationship_type: z.string() }).strict();
export const scheduleBody = z.object({ commandId, scheduled_publish_at: z.string() }).strict();
export const activeBody = z.object({ commandId, is_active: z.boolean() }).strict();

/** A template's steps as the command carries them (camelCase); defaults are the decider's. */
export const stepsOf = (steps: readonly StepBody[]) =>
  steps.map((step) => ({
    key: step.key,
    name: step.name,
    agentType: step.agent_type,
    dependsOn: step.depends_on ?? [],
    timeoutMs: step.timeout_ms,
    maxAttempts: step.max_attempts,
    backoff: { initialDelayMs: step.backoff.initial_delay_ms, multiplier: step.backoff.multiplier, maxDelayMs: step.backoff.max_delay_ms },
    input: step.input ?? {},
  }));
