/**
 * seed 003 `ai_recommendations`: status pending → accepted | rejected → executed, executed_at
 * when its action ran, result_metrics (the campaign's figures before and after) once the result
 * window has passed.
 */
import { projector } from '../shared/projector';
import type { EnvelopeOf } from './ads.events';

type Json = Readonly<Record<string, unknown>>;

export interface RecommendationRow {
  readonly id: string;
  readonly org_id: string;
  readonly campaign_id: string;
  readonly recommendation_type: string;
  readonly recommendation_text: string;
  readonly confidence_score: string | number;
  readonly status: 'pending' | 'accepted' | 'rejected' | 'executed';
  readonly created_at: string;
  readonly executed_at: string | null;
  readonly result_metrics: Json | null;
  readonly provider: string | null;
  readonly action: Json | null;
  readonly baseline: Json | null;
  readonly decided_by: string | null;
  readonly decided_at: string | null;
  readonly action_id: string | null;
  readonly updated_at: string;
}

type RecommendationEnvelope = EnvelopeOf<
  'RecommendationProposed' | 'RecommendationAccepted' | 'RecommendationRejected' | 'RecommendationExecuted' | 'RecommendationResultRecorded'
>;

const projectRecommendation = (row: RecommendationRow | null, event: RecommendationEnvelope): RecommendationRow | null => {
  switch (event.type) {
    case 'RecommendationProposed': {
      const d = event.data;
      return {
        id: d.recommendationId,
        org_id: d.orgId,
        campaign_id: d.campaignId,
        recommendation_type: d.recommendationType,
        recommendation_text: d.text,
        confidence_score: d.confidence,
        status: 'pending',
        created_at: d.proposedAt,
        executed_at: null,
        result_metrics: null,
        provider: d.provider ?? null,
        action: (d.action ?? null) as Json | null,
        baseline: (d.baseline ?? null) as Json | null,
        decided_by: null,
        decided_at: null,
        action_id: null,
        updated_at: d.proposedAt,
      };
    }
    case 'RecommendationAccepted': {
      const d = event.data;
      return row && { ...row, status: 'accepted', decided_by: d.acceptedBy, decided_at: d.acceptedAt, updated_at: d.acceptedAt };
    }
    case 'RecommendationRejected': {
      const d = event.data;
      return row && { ...row, status: 'rejected', decided_by: d.rejectedBy, decided_at: d.rejectedAt, updated_at: d.rejectedAt };
    }
    case 'RecommendationExecuted': {
      const d = event.data;
      return row && { ...row, status: 'executed', executed_at: d.executedAt, action_id: d.actionId ?? row.action_id, updated_at: d.executedAt };
    }
    case 'RecommendationResultRecorded':
      return row && { ...row, result_metrics: event.data.resultMetrics, updated_at: event.data.recordedAt ?? event.occurredAt };
  }
};

export const aiRecommendationsProjector = projector({
  table: 'ai_recommendations',
  eventTypes: ['RecommendationProposed', 'RecommendationAccepted', 'RecommendationRejected', 'RecommendationExecuted', 'RecommendationResultRecorded'],
  project: projectRecommendation,
});
