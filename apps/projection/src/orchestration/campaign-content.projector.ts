/**
 * seed 000 `campaign_content`: a campaign's content, derived from other content
 * (parent_content_id), possibly produced by a workflow step, scheduled, published, switched
 * off (is_active: the seed's queries list active content only) and deleted — its children then
 * keep living with no parent (fk_content_parent SET NULL, done by PostgreSQL).
 */
import { projector } from '../shared/projector';
import { type EnvelopeOf, given, patched } from './orchestration.events';

export interface ContentRow {
  readonly id: string;
  readonly org_id: string;
  readonly campaign_id: string;
  readonly workflow_id: string | null;
  readonly step_key: string | null;
  readonly parent_content_id: string | null;
  readonly title: string;
  readonly content_type: string;
  readonly platform: string;
  readonly content_markdown: string | null;
  readonly status: string;
  readonly is_active: boolean;
  readonly scheduled_publish_at: string | null;
  readonly published_at: string | null;
  readonly review_deadline: string | null;
  readonly created_at: string;
  readonly updated_at: string;
}

type ContentEnvelope = EnvelopeOf<
  'ContentCreated' | 'ContentUpdated' | 'ContentPublishScheduled' | 'ContentPublished' | 'ContentActivationChanged' | 'ContentDeleted'
>;

const created = (d: EnvelopeOf<'ContentCreated'>['data']): ContentRow => ({
  id: d.contentId,
  org_id: d.orgId,
  campaign_id: d.campaignId,
  workflow_id: d.workflowId,
  step_key: d.stepKey,
  parent_content_id: d.parentContentId,
  title: d.title,
  content_type: d.contentType,
  platform: d.platform,
  content_markdown: d.contentMarkdown,
  status: d.status,
  is_active: true,
  scheduled_publish_at: d.scheduledPublishAt,
  published_at: null,
  review_deadline: d.reviewDeadline,
  created_at: d.createdAt,
  updated_at: d.createdAt,
});

const changesOf = (c: EnvelopeOf<'ContentUpdated'>['data']['changes']): Partial<ContentRow> =>
  given<ContentRow>({
    title: c.title,
    content_markdown: c.contentMarkdown,
    status: c.status,
    parent_content_id: c.parentContentId,
    review_deadline: c.reviewDeadline,
  });

const projectContent = (row: ContentRow | null, event: ContentEnvelope): ContentRow | null => {
  switch (event.type) {
    case 'ContentCreated':
      return row ?? created(event.data);
    case 'ContentUpdated':
      return row && patched(row, changesOf(event.data.changes), { updated_at: event.data.updatedAt });
    case 'ContentPublishScheduled':
      // A scheduled publication is the content's status until it is published.
      return row && patched(row, { scheduled_publish_at: event.data.scheduledPublishAt, status: 'scheduled' }, { updated_at: event.data.at });
    case 'ContentPublished':
      // Published once: a repeated fact keeps the first instant.
      return row && patched(row, { published_at: row.published_at ?? event.data.publishedAt, status: 'published' }, { updated_at: event.data.publishedAt });
    case 'ContentActivationChanged':
      return row && patched(row, { is_active: event.data.isActive }, { updated_at: event.data.at });
    case 'ContentDeleted':
      return null;
  }
};

export const campaignContentProjector = projector({
  table: 'campaign_content',
  eventTypes: ['ContentCreated', 'ContentUpdated', 'ContentPublishScheduled', 'ContentPublished', 'ContentActivationChanged', 'ContentDeleted'],
  project: projectContent,
});
