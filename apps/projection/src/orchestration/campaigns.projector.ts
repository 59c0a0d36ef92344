/**
 * seed 000 `campaigns`: what a person sets (CampaignCreated, CampaignUpdated: only the changed
 * fields), the status workflow with actual_start, and progress_percentage — set by a person or
 * following its workflows' StepCompleted.progressPercentage, the latest fact by its own time
 * winning (progress_at), whichever stream is applied first.
 */
import type { orchestration } from '@campaign/domain';
import { projector } from '../shared/projector';
import { type EnvelopeOf, millis, patched } from './orchestration.events';

export interface CampaignRow {
  readonly id: string;
  readonly org_id: string;
  readonly name: string;
  readonly description: string | null;
  readonly strategy_id: string | null;
  readonly orchestrator_id: string | null;
  readonly status: string;
  readonly priority: string;
  readonly scheduled_start: string | null;
  readonly actual_start: string | null;
  readonly deadline: string | null;
  readonly progress_percentage: number;
  readonly progress_at: string | null;
  readonly budget: string | number | null;
  readonly target_audience: object | null;
  readonly created_at: string;
  readonly updated_at: string;
}

type CampaignEnvelope = EnvelopeOf<'CampaignCreated' | 'CampaignUpdated' | 'CampaignStatusChanged' | 'CampaignDeleted' | 'StepCompleted'>;

const COLUMNS = {
  name: 'name',
  description: 'description',
  strategyId: 'strategy_id',
  orchestratorId: 'orchestrator_id',
  priority: 'priority',
  scheduledStart: 'scheduled_start',
  deadline: 'deadline',
  budget: 'budget',
  targetAudience: 'target_audience',
  progressPercentage: 'progress_percentage',
} as const satisfies Record<keyof orchestration.CampaignChanges, keyof CampaignRow>;

/** The columns of the fields an event carries; a field it leaves out (or null, the domain's "keep") keeps its value. */
const columnsOf = (changes: orchestration.CampaignChanges): Partial<CampaignRow> =>
  Object.fromEntries(
    Object.entries(COLUMNS)
      .filter(([field]) => (changes as Record<string, unknown>)[field] !== undefined && (changes as Record<string, unknown>)[field] !== null)
      .map(([field, column]) => [column, (changes as Record<string, unknown>)[field]]),
  );

const created = (d: EnvelopeOf<'CampaignCreated'>['data']): CampaignRow => ({
  id: d.campaignId,
  org_id: d.orgId,
  status: d.status,
  ...(columnsOf(d) as Omit<CampaignRow, 'id' | 'org_id' | 'status' | 'progress_percentage' | 'progress_at' | 'actual_start' | 'created_at' | 'updated_at'>),
  actual_start: null,
  progress_percentage: 0,
  progress_at: null,
  created_at: d.createdAt,
  updated_at: d.createdAt,
});

/** seed 000 progress_percentage: a workflow's progress replaces the campaign's unless a later fact set it. */
const progressed = (row: CampaignRow, d: EnvelopeOf<'StepCompleted'>['data']): CampaignRow =>
  millis(d.completedAt) < millis(row.progress_at)
    ? row
    : patched(row, { progress_percentage: d.progressPercentage, progress_at: d.completedAt }, { updated_at: d.completedAt });

const projectCampaign = (row: CampaignRow | null, event: CampaignEnvelope): CampaignRow | null => {
  switch (event.type) {
    case 'CampaignCreated':
      return row ?? created(event.data);
    case 'CampaignUpdated': {
      const { changes, updatedAt } = event.data;
      if (!row) return null;
      const { progress_percentage, ...columns } = columnsOf(changes);
      // A progress set by a person counts only if no later fact (a step's completion) set it since.
      const progress = progress_percentage === undefined || millis(updatedAt) < millis(row.progress_at) ? {} : { progress_percentage, progress_at: updatedAt };
      return patched(row, { ...columns, ...progress }, { updated_at: updatedAt });
    }
    case 'CampaignStatusChanged': {
      const d = event.data;
      return row && patched(row, { status: d.to, actual_start: d.actualStart ?? row.actual_start }, { updated_at: d.changedAt });
    }
    case 'CampaignDeleted':
      return null;
    case 'StepCompleted':
      return row && progressed(row, event.data);
  }
};

export const campaignsProjector = projector({
  table: 'campaigns',
  eventTypes: ['CampaignCreated', 'CampaignUpdated', 'CampaignStatusChanged', 'CampaignDeleted', 'StepCompleted'],
  project: projectCampaign,
});
