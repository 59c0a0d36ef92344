import { type DeciderEntry, deciderEntry as entry } from '../shared/decider';
import { KPI_COMMAND_TYPES, kpiDecider } from './kpi';
import { REPORT_COMMAND_TYPES, reportDecider } from './report';
import { SYSTEM_EVENT_COMMAND_TYPES, systemEventDecider } from './system-event';
import { WORKFLOW_COMMAND_TYPES, workflowDecider } from './workflow.decide';

/** The deciders of the commerce context's work: workflows (with executions and tasks), KPIs, reports, system events. */
export const WORK_DECIDERS: readonly DeciderEntry[] = [
  entry('workflow', workflowDecider, WORKFLOW_COMMAND_TYPES),
  entry('kpi', kpiDecider, KPI_COMMAND_TYPES),
  entry('report', reportDecider, REPORT_COMMAND_TYPES),
  entry('system-event', systemEventDecider, SYSTEM_EVENT_COMMAND_TYPES),
];
