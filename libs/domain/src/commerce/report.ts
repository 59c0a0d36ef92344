/**
 * Reports (seed 001 "Analytics": reports): one stream per report, written once. The creator, when
 * named, is a registered agent ("Track report creator"); archived agents still sign their reports,
 * which outlive them ("Reports preserved if agent deleted"). A period is dates, its end not
 * before its start; the content is a JSON object.
 */
import { assertNever, type Command, type Decider, type Decision, type Event } from '../shared/decider';
import { nowIsoOf, tenantOf, writerRequired } from './access';
import { type AgentEvent, agentsStreamId, evolvingWithAgents, initialAgentsState, type WithAgents } from './agents';
import { COMMERCE_LIMITS as LIMITS, jsonObject, optionalDate, optionalUuid, requiredText, uuidField } from './values';
import { CommerceWorkErrorCode as Code, rejectWork, unknownAgent } from './work.errors';

export const reportStreamId = (orgId: string, reportId: string): string => `commerce-report-${orgId}-${reportId}`;

export type ReportCreated = Event<
  'ReportCreated',
  {
    readonly orgId: string;
    readonly reportId: string;
    readonly createdByAgentId: string | null;
    readonly title: string;
    readonly reportType: string;
    /** YYYY-MM-DD. */
    readonly periodStart: string | null;
    readonly periodEnd: string | null;
    readonly content: Readonly<Record<string, unknown>>;
    readonly createdAt: string;
  }
>;
export type ReportEvent = ReportCreated;
export const REPORT_EVENT_TYPES: readonly ReportEvent['type'][] = ['ReportCreated'];

export type CreateReport = Command<
  'CreateReport',
  {
    readonly reportId: string;
    readonly createdByAgentId?: string | null;
    readonly title: string;
    readonly reportType: string;
    readonly periodStart?: string | null;
    readonly periodEnd?: string | null;
    readonly content: Readonly<Record<string, unknown>>;
  }
>;
export type ReportCommand = CreateReport;
export const REPORT_COMMAND_TYPES: readonly ReportCommand['type'][] = ['CreateReport'];

const invalid = (field: string, message: string) => rejectWork(Code.REPORT_INVALID, message, { field });

/** YYYY-MM-DD dates compare as text. */
const periodError = (periodStart: string | null, periodEnd: string | null) =>
  optionalDate(invalid, 'periodStart', periodStart) ??
  optionalDate(invalid, 'periodEnd', periodEnd) ??
  (periodStart !== null && periodEnd !== null && periodEnd < periodStart ? invalid('periodEnd', 'periodEnd is not before periodStart') : null);

export const decideReport = (command: ReportCommand, state: WithAgents<boolean>): Decision<ReportEvent> => {
  switch (command.type) {
    case 'CreateReport': {
      const { reportId, createdByAgentId = null, title, reportType, periodStart = null, periodEnd = null, content } = command.data;
      const wrong =
        writerRequired(command) ??
        uuidField(invalid, 'reportId', reportId) ??
        optionalUuid(invalid, 'createdByAgentId', createdByAgentId) ??
        requiredText(invalid, 'title', title, LIMITS.title) ??
        requiredText(invalid, 'reportType', reportType, 50) ??
        periodError(periodStart, periodEnd) ??
        jsonObject(invalid, 'content', content) ??
        // seed 001 reports.created_by_agent_id REFERENCES agents(id): "Track report creator".
        unknownAgent(state.agents, createdByAgentId, 'createdByAgentId');
      if (wrong) return wrong;
      if (state.own) return rejectWork(Code.REPORT_ALREADY_EXISTS, `Report ${reportId} exists`, { reportId });
      const data = { orgId: tenantOf(command), reportId, createdByAgentId, title, reportType, periodStart, periodEnd, content, createdAt: nowIsoOf(command) };
      return [{ type: 'ReportCreated', data }];
    }
    default:
      return assertNever(command.type);
  }
};

export const reportDecider: Decider<ReportCommand, ReportEvent | AgentEvent, WithAgents<boolean>> = {
  initialState: () => ({ agents: initialAgentsState(), own: false }),
  decide: decideReport,
  evolve: evolvingWithAgents((_created: boolean, _event: ReportEvent) => true),
  streamIdOf: (command) => reportStreamId(tenantOf(command), command.data.reportId),
  alsoReads: (command) => [agentsStreamId(tenantOf(command))],
};
