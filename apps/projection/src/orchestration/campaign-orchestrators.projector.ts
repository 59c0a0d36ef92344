/**
 * seed 000 `campaign_orchestrators`: the workflow template a campaign's executions instantiate,
 * its latest version. OrchestratorDeleted marks the row (deleted_at): the writer then deletes
 * every marked row no workflow row references any more — at once, or when its last workflow
 * row goes with its campaign (fk_workflows_orchestrator is RESTRICT; see orchestration.schema.ts).
 */
import { projector } from '../shared/projector';
import { type EnvelopeOf, patched } from './orchestration.events';

export interface OrchestratorRow {
  readonly id: string;
  readonly org_id: string;
  readonly name: string;
  readonly description: string | null;
  readonly template_version: number;
  readonly template: object;
  readonly created_at: string;
  readonly updated_at: string;
  readonly deleted_at: string | null;
}

type OrchestratorEnvelope = EnvelopeOf<'OrchestratorCreated' | 'OrchestratorTemplateRevised' | 'OrchestratorDeleted'>;

const projectOrchestrator = (row: OrchestratorRow | null, event: OrchestratorEnvelope): OrchestratorRow | null => {
  switch (event.type) {
    case 'OrchestratorCreated': {
      const d = event.data;
      return (
        row ?? {
          id: d.orchestratorId,
          org_id: d.orgId,
          name: d.name,
          description: d.description,
          template_version: d.template.version,
          template: d.template,
          created_at: d.createdAt,
          updated_at: d.createdAt,
          deleted_at: null,
        }
      );
    }
    case 'OrchestratorTemplateRevised': {
      const { template, revisedAt } = event.data;
      // A redelivered older revision never takes a newer version's place.
      if (!row || template.version <= row.template_version) return row;
      return patched(row, { template_version: template.version, template }, { updated_at: revisedAt });
    }
    case 'OrchestratorDeleted':
      return row && patched(row, { deleted_at: row.deleted_at ?? event.data.deletedAt }, { updated_at: event.data.deletedAt });
  }
};

export const campaignOrchestratorsProjector = projector({
  table: 'campaign_orchestrators',
  eventTypes: ['OrchestratorCreated', 'OrchestratorTemplateRevised', 'OrchestratorDeleted'],
  project: projectOrchestrator,
});
