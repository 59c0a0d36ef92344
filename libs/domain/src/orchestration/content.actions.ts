/**
 * What is done to existing content: relate and unrelate (seed 000: content relationships),
 * schedule and publish (chk_content_schedule_timing, chk_content_publish_timing), activate, and
 * record a measurement (seed 000: campaign_analytics, one row per campaign, content, date and
 * platform — the latest measurement replaces it).
 */
import { type Command, type Decision, DomainError } from '../shared/decider';
import { toIso } from '../shared/validation';
import { nowOf, tenantOf } from './access';
import { type ContentEvent, type ContentGraphState, relationKey } from './content';
import { checkedSchedule, contentNotFound } from './content.fields';
import { OrchestrationErrorCode as Code, reject } from './errors';
import { decimal12x2, isCalendarDate, optionalTextError } from './fields';
import { contentTimingError } from './rules';
import { ORCHESTRATION_LIMITS as LIMITS, RELATIONSHIP_TYPES, type RelationshipType } from './values';

interface Relation {
  readonly campaignId: string;
  readonly sourceContentId: string;
  readonly targetContentId: string;
  readonly relationshipType: RelationshipType;
}
type Ref = { readonly campaignId: string; readonly contentId: string };

export type RelateContent = Command<'RelateContent', Relation>;
export type UnrelateContent = Command<'UnrelateContent', Relation>;
export type ScheduleContentPublish = Command<'ScheduleContentPublish', Ref & { readonly scheduledPublishAt: string }>;
export type PublishContent = Command<'PublishContent', Ref>;
export type SetContentActive = Command<'SetContentActive', Ref & { readonly isActive: boolean }>;

export const ANALYTICS_COUNTS = ['views', 'clicks', 'conversions', 'engagements', 'shares'] as const;

export type RecordContentAnalytics = Command<
  'RecordContentAnalytics',
  {
    readonly campaignId: string;
    readonly contentId?: string | null;
    /** YYYY-MM-DD */
    readonly measurementDate: string;
    readonly platform?: string | null;
    /** A decimal string, DECIMAL(12,2). */
    readonly revenue: string;
  } & { readonly [K in (typeof ANALYTICS_COUNTS)[number]]: number }
>;

export type ContentActionCommand = RelateContent | UnrelateContent | ScheduleContentPublish | PublishContent | SetContentActive | RecordContentAnalytics;

export const CONTENT_ACTION_TYPES: readonly ContentActionCommand['type'][] = [
  'RelateContent',
  'UnrelateContent',
  'ScheduleContentPublish',
  'PublishContent',
  'SetContentActive',
  'RecordContentAnalytics',
];

const relation = (command: RelateContent | UnrelateContent, state: ContentGraphState): Decision<ContentEvent> => {
  const { campaignId, sourceContentId, targetContentId, relationshipType } = command.data;
  if (!(RELATIONSHIP_TYPES as readonly unknown[]).includes(relationshipType))
    return reject(Code.CONTENT_RELATION_INVALID, `A relationship type is one of ${RELATIONSHIP_TYPES.join(', ')}`, { field: 'relationshipType' });
  if (sourceContentId === targetContentId) return reject(Code.CONTENT_RELATION_INVALID, 'A content is not related to itself', { field: 'targetContentId' });
  if (!state.contents.has(sourceContentId)) return contentNotFound(sourceContentId, 'sourceContentId');
  if (!state.contents.has(targetContentId)) return contentNotFound(targetContentId, 'targetContentId');
  // Relating twice (or unrelating what is not related) changes nothing.
  const related = state.relations.has(relationKey(sourceContentId, targetContentId, relationshipType));
  if (related === (command.type === 'RelateContent')) return [];
  const data = { orgId: tenantOf(command), campaignId, sourceContentId, targetContentId, relationshipType, at: toIso(nowOf(command)) };
  return [command.type === 'RelateContent' ? { type: 'ContentRelated', data } : { type: 'ContentUnrelated', data }];
};

const schedule = (command: ScheduleContentPublish, state: ContentGraphState): Decision<ContentEvent> => {
  const { campaignId, contentId } = command.data;
  const content = state.contents.get(contentId);
  if (!content) return contentNotFound(contentId);
  if (content.publishedAt !== null) return reject(Code.CONTENT_ALREADY_PUBLISHED, `Content ${contentId} is already published`, { contentId });
  const at = checkedSchedule(command.data.scheduledPublishAt, Date.parse(content.createdAt), nowOf(command));
  if (at instanceof DomainError) return at;
  if (at === null) return reject(Code.CONTENT_SCHEDULE_TIMING_INVALID, 'A publish is scheduled at an instant', { field: 'scheduledPublishAt' });
  if (content.scheduledPublishAt === toIso(at)) return [];
  return [
    { type: 'ContentPublishScheduled', data: { orgId: tenantOf(command), campaignId, contentId, scheduledPublishAt: toIso(at), at: toIso(nowOf(command)) } },
  ];
};

const publish = (command: PublishContent, state: ContentGraphState): Decision<ContentEvent> => {
  const { campaignId, contentId } = command.data;
  const content = state.contents.get(contentId);
  if (!content) return contentNotFound(contentId);
  if (content.publishedAt !== null) {
    // The publish timer firing again is a no-op; a person publishing twice is told.
    if (command.metadata.role === undefined) return [];
    return reject(Code.CONTENT_ALREADY_PUBLISHED, `Content ${contentId} is already published`, { contentId });
  }
  const now = nowOf(command);
  // seed 000 chk_content_publish_timing: published_at >= created_at.
  const wrong = contentTimingError({ createdAt: Date.parse(content.createdAt), publishedAt: now, scheduledPublishAt: null });
  if (wrong) return wrong;
  return [{ type: 'ContentPublished', data: { orgId: tenantOf(command), campaignId, contentId, publishedAt: toIso(now) } }];
};

const activate = (command: SetContentActive, state: ContentGraphState): Decision<ContentEvent> => {
  const { campaignId, contentId, isActive } = command.data;
  const content = state.contents.get(contentId);
  if (!content) return contentNotFound(contentId);
  if (typeof isActive !== 'boolean') return reject(Code.CONTENT_INVALID, 'isActive is true or false', { field: 'isActive' });
  if (content.isActive === isActive) return [];
  return [{ type: 'ContentActivationChanged', data: { orgId: tenantOf(command), campaignId, contentId, isActive, at: toIso(nowOf(command)) } }];
};

const invalidAnalytics = (field: string, message: string) => reject(Code.CONTENT_ANALYTICS_INVALID, message, { field });

const analytics = (command: RecordContentAnalytics, state: ContentGraphState): Decision<ContentEvent> => {
  const { campaignId, contentId = null, measurementDate, platform = null } = command.data;
  if (!isCalendarDate(measurementDate)) return invalidAnalytics('measurementDate', 'measurementDate is a calendar date YYYY-MM-DD');
  const wrongPlatform = optionalTextError(invalidAnalytics, 'platform', platform, LIMITS.platform);
  if (wrongPlatform) return wrongPlatform;
  for (const field of ANALYTICS_COUNTS) {
    const value = command.data[field];
    if (!Number.isSafeInteger(value) || value < 0) return invalidAnalytics(field, `${field} is a non-negative integer`);
  }
  const revenue = decimal12x2(command.data.revenue);
  if (revenue === null) return invalidAnalytics('revenue', 'revenue is a non-negative decimal with at most 2 decimals (DECIMAL(12,2))');
  if (contentId !== null && !state.contents.has(contentId)) return contentNotFound(contentId);
  const { views, clicks, conversions, engagements, shares } = command.data;
  const counts = { views, clicks, conversions, engagements, shares };
  const data = { orgId: tenantOf(command), campaignId, contentId, measurementDate, platform, ...counts, revenue, recordedAt: toIso(nowOf(command)) };
  return [{ type: 'ContentAnalyticsRecorded', data }];
};

export const contentAction = (command: ContentActionCommand, state: ContentGraphState): Decision<ContentEvent> => {
  switch (command.type) {
    case 'RelateContent':
    case 'UnrelateContent':
      return relation(command, state);
    case 'ScheduleContentPublish':
      return schedule(command, state);
    case 'PublishContent':
      return publish(command, state);
    case 'SetContentActive':
      return activate(command, state);
    case 'RecordContentAnalytics':
      return analytics(command, state);
  }
};
