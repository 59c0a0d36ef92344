/**
 * seed 001 `reports`: written once, as created. The creator may be archived later; the report
 * keeps naming it ("Reports preserved if agent deleted": SET NULL only if the agent row goes).
 */
import type { commerce } from '@campaign/domain';
import { projector } from '../shared/projector';
import type { MoreEnvelopeOf } from './commerce-more.tables';

export interface ReportRow {
  readonly id: string;
  readonly org_id: string;
  readonly created_by_agent_id: string | null;
  readonly title: string;
  readonly report_type: string;
  readonly period_start: string | null;
  readonly period_end: string | null;
  readonly content: object;
  readonly created_at: string;
}

const projectReport = (row: ReportRow | null, event: MoreEnvelopeOf<commerce.ReportCreated>): ReportRow => {
  const d = event.data;
  return (
    row ?? {
      id: d.reportId,
      org_id: d.orgId,
      created_by_agent_id: d.createdByAgentId,
      title: d.title,
      report_type: d.reportType,
      period_start: d.periodStart,
      period_end: d.periodEnd,
      content: d.content,
      created_at: d.createdAt,
    }
  );
};

export const reportsProjector = projector({ table: 'reports', eventTypes: ['ReportCreated'], project: projectReport });
