/**
 * seed 000 `campaign_workflows`: one row per execution of a campaign's orchestrator template
 * ("retry, versioning, and A/B testing": template_version, variant), running → completed |
 * failed; completed_at is when it finished either way (chk_workflow_timing: after started_at).
 */
import { projector } from '../shared/projector';
import { type EnvelopeOf, patched } from './orchestration.events';

export interface WorkflowRow {
  readonly id: string;
  readonly org_id: string;
  readonly campaign_id: string;
  readonly orchestrator_id: string;
  readonly template_version: number;
  readonly variant: string;
  readonly status: string;
  readonly progress_percentage: number;
  readonly failed_step_key: string | null;
  readonly error: string | null;
  readonly started_at: string;
  readonly completed_at: string | null;
  readonly created_at: string;
  readonly updated_at: string;
}

type WorkflowEnvelope = EnvelopeOf<'WorkflowStarted' | 'StepCompleted' | 'WorkflowCompleted' | 'WorkflowFailed'>;

const projectWorkflow = (row: WorkflowRow | null, event: WorkflowEnvelope): WorkflowRow | null => {
  switch (event.type) {
    case 'WorkflowStarted': {
      const d = event.data;
      return (
        row ?? {
          id: d.workflowId,
          org_id: d.orgId,
          campaign_id: d.campaignId,
          orchestrator_id: d.orchestratorId,
          template_version: d.templateVersion,
          variant: d.variant,
          status: 'running',
          progress_percentage: 0,
          failed_step_key: null,
          error: null,
          started_at: d.startedAt,
          completed_at: null,
          created_at: d.startedAt,
          updated_at: d.startedAt,
        }
      );
    }
    case 'StepCompleted':
      return row && patched(row, { progress_percentage: event.data.progressPercentage }, { updated_at: event.data.completedAt });
    case 'WorkflowCompleted':
      return row && patched(row, { status: 'completed', completed_at: event.data.completedAt }, { updated_at: event.data.completedAt });
    case 'WorkflowFailed': {
      const d = event.data;
      return row && patched(row, { status: 'failed', completed_at: d.failedAt, failed_step_key: d.stepKey, error: d.error }, { updated_at: d.failedAt });
    }
  }
};

export const campaignWorkflowsProjector = projector({
  table: 'campaign_workflows',
  eventTypes: ['WorkflowStarted', 'StepCompleted', 'WorkflowCompleted', 'WorkflowFailed'],
  project: projectWorkflow,
});
