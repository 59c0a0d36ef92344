import { z } from '@campaign/runtime';

/**
 * Request bodies of the work doors (seed 001 "Goals and Workflows", "Analytics", "System"):
 * shapes only, snake_case as the seed's columns, strict — an id of a new thing is a malformed
 * request (400). Every rule (owners, statuses, decimals, periods, severities) is the decider's.
 */
const commandId = z.string().optional();
const text = z.string().nullable().optional();
const json = z.record(z.string(), z.unknown());
/** A KPI value as decimal text; a JSON number is taken as its text (the decider checks DECIMAL(15,4)). */
const decimal = z.union([z.string(), z.number().transform((n) => String(n))]);

// seed 001 workflows: owner_agent_id NOT NULL ("Workflows must have an owner"), goal_id optional.
const workflowFields = { description: text, goal_id: text, definition: json.nullable().optional() };
export const defineWorkflowBody = z.object({ commandId, name: z.string(), owner_agent_id: z.string(), ...workflowFields }).strict();
export const updateWorkflowBody = z.object({ commandId, name: text, owner_agent_id: text, ...workflowFields }).strict();
// seed 001 workflow_executions: an outcome, a result, an error.
export const finishExecutionBody = z.object({ commandId, status: z.string(), result: json.nullable().optional(), error: text }).strict();
// seed 001 tasks: assigned_agent_id NOT NULL ("Must be assigned to an agent").
export const assignTaskBody = z
  .object({ commandId, agent_id: z.string(), title: z.string(), description: text, priority: z.number().nullable().optional(), due_at: text })
  .strict();

// seed 001 kpis and kpi_measurements.
const kpiFields = { description: text, unit: text, target_value: decimal.nullable().optional(), direction: text, owner_agent_id: text };
export const defineKpiBody = z.object({ commandId, name: z.string(), ...kpiFields }).strict();
export const updateKpiBody = z.object({ commandId, name: text, ...kpiFields }).strict();
export type KpiBody = z.infer<typeof updateKpiBody>;
export const measurementBody = z.object({ commandId, value: decimal, measured_at: text }).strict();

// seed 001 reports: created_by_agent_id ("Track report creator"), a period, JSON content.
export const reportBody = z
  .object({ commandId, title: z.string(), report_type: z.string(), period_start: text, period_end: text, content: json, created_by_agent_id: text })
  .strict();
// seed 001 system_events: source_agent_id ("Track event source"), a severity, a JSON payload.
export const systemEventBody = z.object({ commandId, event_type: z.string(), severity: z.string(), payload: json, source_agent_id: text }).strict();
