/**
 * A campaign's content graph (seed 000: "Campaign (1) → CampaignContent (*)", content derived
 * from content, many-to-many relationships, analytics): one stream per campaign, because the
 * derivation-cycle check needs every parent of the campaign's content at once. The campaign's
 * own stream is folded first (alsoReads), so a deleted campaign takes no more content commands.
 */
import type { Event } from '../shared/decider';
import { type CampaignEvent, type CampaignState, evolveCampaign, initialCampaignState } from './campaign';
import type { ContentStatus, RelationshipType } from './values';

export const contentStreamId = (orgId: string, campaignId: string): string => `orchestration-content-${orgId}-${campaignId}`;

interface Ref {
  readonly orgId: string;
  readonly campaignId: string;
  readonly contentId: string;
}

/** What a person or the step reactor may change on a content after creating it. */
export interface ContentEditable {
  readonly title: string;
  readonly contentMarkdown: string | null;
  readonly status: ContentStatus;
  readonly parentContentId: string | null;
  readonly reviewDeadline: string | null;
}

export interface ContentFields extends ContentEditable {
  readonly contentType: string;
  readonly platform: string;
  /** The workflow and step that produced it, when an agent did. */
  readonly workflowId: string | null;
  readonly stepKey: string | null;
  readonly scheduledPublishAt: string | null;
}

export type ContentCreated = Event<'ContentCreated', Ref & ContentFields & { readonly createdAt: string }>;

/** Only the fields that changed, with their new values. */
export type ContentChanges = Partial<ContentEditable>;

export type ContentUpdated = Event<'ContentUpdated', Ref & { readonly changes: ContentChanges; readonly updatedAt: string }>;

interface Relation {
  readonly orgId: string;
  readonly campaignId: string;
  readonly sourceContentId: string;
  readonly targetContentId: string;
  readonly relationshipType: RelationshipType;
  readonly at: string;
}

export type ContentRelated = Event<'ContentRelated', Relation>;
export type ContentUnrelated = Event<'ContentUnrelated', Relation>;
export type ContentPublishScheduled = Event<'ContentPublishScheduled', Ref & { readonly scheduledPublishAt: string; readonly at: string }>;
export type ContentPublished = Event<'ContentPublished', Ref & { readonly publishedAt: string }>;
export type ContentActivationChanged = Event<'ContentActivationChanged', Ref & { readonly isActive: boolean; readonly at: string }>;
/** Its children keep living with no parent (seed 000: ON DELETE SET NULL). */
export type ContentDeleted = Event<'ContentDeleted', Ref & { readonly deletedAt: string }>;

/** One measurement: replaces the row of the same (campaign, content, date, platform). Revenue is DECIMAL(12,2) as text. */
export type ContentAnalyticsRecorded = Event<
  'ContentAnalyticsRecorded',
  {
    readonly orgId: string;
    readonly campaignId: string;
    readonly contentId: string | null;
    /** YYYY-MM-DD */
    readonly measurementDate: string;
    readonly platform: string | null;
    readonly views: number;
    readonly clicks: number;
    readonly conversions: number;
    readonly engagements: number;
    readonly shares: number;
    readonly revenue: string;
    readonly recordedAt: string;
  }
>;

export type ContentEvent =
  | ContentCreated
  | ContentUpdated
  | ContentRelated
  | ContentUnrelated
  | ContentPublishScheduled
  | ContentPublished
  | ContentActivationChanged
  | ContentDeleted
  | ContentAnalyticsRecorded;

export const CONTENT_EVENT_TYPES: readonly ContentEvent['type'][] = [
  'ContentCreated',
  'ContentUpdated',
  'ContentRelated',
  'ContentUnrelated',
  'ContentPublishScheduled',
  'ContentPublished',
  'ContentActivationChanged',
  'ContentDeleted',
  'ContentAnalyticsRecorded',
];

export interface ContentView extends ContentFields {
  readonly contentId: string;
  readonly createdAt: string;
  readonly publishedAt: string | null;
  readonly isActive: boolean;
}

export interface ContentGraphState {
  /** The campaign's own stream, folded first. */
  readonly campaign: CampaignState;
  /** Live content only: a deleted content's id is remembered in `deleted`. */
  readonly contents: ReadonlyMap<string, ContentView>;
  readonly deleted: ReadonlySet<string>;
  /** `source→target:type` of every live relationship. */
  readonly relations: ReadonlySet<string>;
}

export const relationKey = (source: string, target: string, type: string): string => `${source}→${target}:${type}`;

export const initialContentGraphState = (): ContentGraphState => ({
  campaign: initialCampaignState(),
  contents: new Map(),
  deleted: new Set(),
  relations: new Set(),
});

const withContent = (state: ContentGraphState, contentId: string, change: Partial<ContentView>): ContentGraphState => {
  const content = state.contents.get(contentId);
  return content ? { ...state, contents: new Map(state.contents).set(contentId, { ...content, ...change }) } : state;
};

/** seed 000 SET NULL: the deleted content's children lose their parent, its relationships go with it. */
const withoutContent = (state: ContentGraphState, contentId: string): ContentGraphState => {
  const contents = new Map<string, ContentView>();
  for (const [id, content] of state.contents)
    if (id !== contentId) contents.set(id, content.parentContentId === contentId ? { ...content, parentContentId: null } : content);
  const relations = new Set([...state.relations].filter((key) => !key.startsWith(`${contentId}→`) && !key.includes(`→${contentId}:`)));
  return { ...state, contents, relations, deleted: new Set(state.deleted).add(contentId) };
};

const evolveContentEvent = (state: ContentGraphState, event: ContentEvent): ContentGraphState => {
  switch (event.type) {
    case 'ContentCreated': {
      const { orgId: _org, campaignId: _campaign, ...content } = event.data;
      return { ...state, contents: new Map(state.contents).set(content.contentId, { ...content, publishedAt: null, isActive: true }) };
    }
    case 'ContentUpdated':
      return withContent(state, event.data.contentId, event.data.changes);
    case 'ContentRelated':
    case 'ContentUnrelated': {
      const key = relationKey(event.data.sourceContentId, event.data.targetContentId, event.data.relationshipType);
      const relations = new Set(state.relations);
      if (event.type === 'ContentRelated') relations.add(key);
      else relations.delete(key);
      return { ...state, relations };
    }
    case 'ContentPublishScheduled':
      return withContent(state, event.data.contentId, { scheduledPublishAt: event.data.scheduledPublishAt, status: 'scheduled' });
    case 'ContentPublished':
      return withContent(state, event.data.contentId, { publishedAt: event.data.publishedAt, status: 'published' });
    case 'ContentActivationChanged':
      return withContent(state, event.data.contentId, { isActive: event.data.isActive });
    case 'ContentDeleted':
      return withoutContent(state, event.data.contentId);
    case 'ContentAnalyticsRecorded':
      return state;
  }
};

const CONTENT_TYPES: ReadonlySet<string> = new Set(CONTENT_EVENT_TYPES);

export const evolveContentGraph = (state: ContentGraphState, event: ContentEvent | CampaignEvent): ContentGraphState =>
  CONTENT_TYPES.has(event.type)
    ? evolveContentEvent(state, event as ContentEvent)
    : { ...state, campaign: evolveCampaign(state.campaign, event as CampaignEvent) };

/** Every live content's parent: what the derivation-cycle check walks. */
export const parentsOf = (state: ContentGraphState): ReadonlyMap<string, string | null> =>
  new Map([...state.contents].map(([id, content]) => [id, content.parentContentId]));
