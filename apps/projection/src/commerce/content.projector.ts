/**
 * seed 001 `content`: a piece as created, revised and moved through draft → published →
 * archived. published_at is when it was (last) published, kept once archived. Its campaign may be
 * deleted meanwhile: the foreign key's SET NULL clears campaign_id ("Content preserved if
 * campaign deleted"), and the writer writes NULL for a campaign already tombstoned.
 */
import type { commerce } from '@campaign/domain';
import { projector } from '../shared/projector';
import { patched } from './commerce.events';
import type { MoreEnvelopeOf } from './commerce-more.tables';

export interface ContentRow {
  readonly id: string;
  readonly org_id: string;
  readonly campaign_id: string | null;
  readonly created_by_agent_id: string | null;
  readonly title: string;
  readonly body: string | null;
  readonly content_type: string;
  readonly status: commerce.ContentStatus;
  readonly published_at: string | null;
  readonly created_at: string;
  readonly updated_at: string;
}

type ContentEnvelope = MoreEnvelopeOf<commerce.ContentEvent>;

const created = (d: commerce.ContentCreated['data']): ContentRow => ({
  id: d.contentId,
  org_id: d.orgId,
  campaign_id: d.campaignId,
  created_by_agent_id: d.createdByAgentId,
  title: d.title,
  body: d.body,
  content_type: d.contentType,
  status: 'draft',
  published_at: null,
  created_at: d.createdAt,
  updated_at: d.createdAt,
});

const projectContent = (row: ContentRow | null, event: ContentEnvelope): ContentRow | null => {
  switch (event.type) {
    case 'ContentCreated':
      return row ?? created(event.data);
    case 'ContentRevised':
      return row && patched(row, { title: event.data.title, body: event.data.body }, { updated_at: event.data.revisedAt });
    case 'ContentStatusChanged': {
      const { to, changedAt } = event.data;
      const published = to === 'published' ? { published_at: changedAt } : {};
      return row && patched(row, { status: to }, { ...published, updated_at: changedAt });
    }
  }
};

export const contentProjector = projector({
  table: 'content',
  eventTypes: ['ContentCreated', 'ContentRevised', 'ContentStatusChanged'],
  project: projectContent,
});
