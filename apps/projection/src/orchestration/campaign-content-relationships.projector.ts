/** seed 000 `campaign_content_relationships`: "references, dependencies, and connections" between two contents, once per (source, target, type). */
import { projector } from '../shared/projector';
import { relationshipRowId } from './orchestration.ids';
import type { EnvelopeOf } from './orchestration.events';

export interface RelationshipRow {
  readonly id: string;
  readonly org_id: string;
  readonly campaign_id: string;
  readonly source_content_id: string;
  readonly target_content_id: string;
  readonly relationship_type: string;
  readonly created_at: string;
}

type RelationEnvelope = EnvelopeOf<'ContentRelated' | 'ContentUnrelated'>;

export const relationshipKeyOf = (event: RelationEnvelope): string =>
  relationshipRowId(event.data.sourceContentId, event.data.targetContentId, event.data.relationshipType);

const projectRelationship = (row: RelationshipRow | null, event: RelationEnvelope): RelationshipRow | null => {
  const d = event.data;
  if (event.type === 'ContentUnrelated') return null;
  return (
    row ?? {
      id: relationshipKeyOf(event),
      org_id: d.orgId,
      campaign_id: d.campaignId,
      source_content_id: d.sourceContentId,
      target_content_id: d.targetContentId,
      relationship_type: d.relationshipType,
      created_at: d.at,
    }
  );
};

export const campaignContentRelationshipsProjector = projector({
  table: 'campaign_content_relationships',
  eventTypes: ['ContentRelated', 'ContentUnrelated'],
  project: projectRelationship,
});
