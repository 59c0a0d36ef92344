/**
 * Content commands, decided on the campaign's content graph (content.ts): create, update and
 * delete here; relations, publishing, activation and analytics in content.actions.ts. Every one
 * needs the campaign alive (its stream is read first): after DeleteCampaign they answer
 * CAMPAIGN_NOT_FOUND. In an update, a field left out or null keeps its value.
 */
import { assertNever, type Command, type Decider, type Decision, DomainError } from '../shared/decider';
import { toIso } from '../shared/validation';
import { nowOf, roleRequired, tenantOf, WRITERS } from './access';
import { type CampaignEvent, campaignStreamId, liveCampaignOf } from './campaign';
import { type ContentEditable, type ContentEvent, type ContentGraphState, contentStreamId, evolveContentGraph, initialContentGraphState } from './content';
import { contentAction, type ContentActionCommand, CONTENT_ACTION_TYPES } from './content.actions';
import { checkedEditable, checkedParent, checkedSchedule, contentNotFound, invalidContent } from './content.fields';
import { OrchestrationErrorCode as Code, reject } from './errors';
import { changedFields, isoOrNull, optionalUuidError, requiredTextError, uuidError } from './fields';
import { STEP_KEY_PATTERN } from './template';
import { type ContentStatus, ORCHESTRATION_LIMITS as LIMITS } from './values';

export type CreateContent = Command<
  'CreateContent',
  {
    readonly campaignId: string;
    readonly contentId: string;
    readonly title: string;
    readonly contentType: string;
    readonly platform: string;
    readonly contentMarkdown?: string | null;
    readonly status?: ContentStatus | null;
    readonly parentContentId?: string | null;
    readonly workflowId?: string | null;
    readonly stepKey?: string | null;
    readonly scheduledPublishAt?: string | null;
    readonly reviewDeadline?: string | null;
  }
>;

export type UpdateContent = Command<
  'UpdateContent',
  { readonly campaignId: string; readonly contentId: string } & { readonly [K in keyof ContentEditable]?: ContentEditable[K] | null }
>;

export type DeleteContent = Command<'DeleteContent', { readonly campaignId: string; readonly contentId: string }>;

export type ContentCommand = CreateContent | UpdateContent | DeleteContent | ContentActionCommand;

export const CONTENT_COMMAND_TYPES: readonly ContentCommand['type'][] = ['CreateContent', 'UpdateContent', 'DeleteContent', ...CONTENT_ACTION_TYPES];

const originError = (workflowId: unknown, stepKey: unknown): DomainError | null =>
  optionalUuidError(invalidContent, 'workflowId', workflowId) ??
  (stepKey === undefined || stepKey === null || (typeof stepKey === 'string' && STEP_KEY_PATTERN.test(stepKey))
    ? null
    : invalidContent('stepKey', `stepKey matches ${STEP_KEY_PATTERN.source}`));

const create = (command: CreateContent, state: ContentGraphState): Decision<ContentEvent> => {
  const { campaignId, contentId, title, contentType, platform, contentMarkdown = null, status = null, parentContentId = null } = command.data;
  const { workflowId = null, stepKey = null, scheduledPublishAt = null, reviewDeadline = null } = command.data;
  const wrong =
    uuidError(invalidContent, 'contentId', contentId) ??
    requiredTextError(invalidContent, 'contentType', contentType, LIMITS.contentType) ??
    requiredTextError(invalidContent, 'platform', platform, LIMITS.platform) ??
    optionalUuidError(invalidContent, 'parentContentId', parentContentId) ??
    originError(workflowId, stepKey);
  if (wrong) return wrong;
  const editable = checkedEditable({ title, contentMarkdown, status: status ?? 'draft', parentContentId, reviewDeadline });
  if (editable instanceof DomainError) return editable;
  const now = nowOf(command);
  const schedule = checkedSchedule(scheduledPublishAt, now, now);
  if (schedule instanceof DomainError) return schedule;
  const existing = state.contents.get(contentId);
  // The step reactor's CreateContent fired again: the step's content exists already.
  if (existing && workflowId !== null && existing.workflowId === workflowId && existing.stepKey === stepKey) return [];
  if (existing || state.deleted.has(contentId)) return reject(Code.CONTENT_ALREADY_EXISTS, `Content ${contentId} already exists`, { contentId });
  const parent = checkedParent(state, contentId, parentContentId);
  if (parent) return parent;
  const data = { orgId: tenantOf(command), campaignId, contentId, ...editable, contentType, platform, workflowId, stepKey };
  return [{ type: 'ContentCreated', data: { ...data, scheduledPublishAt: isoOrNull(schedule), createdAt: toIso(now) } }];
};

const update = (command: UpdateContent, state: ContentGraphState): Decision<ContentEvent> => {
  const { campaignId, contentId, ...input } = command.data;
  const content = state.contents.get(contentId);
  if (!content) return contentNotFound(contentId);
  const before: ContentEditable = {
    title: content.title,
    contentMarkdown: content.contentMarkdown,
    status: content.status,
    parentContentId: content.parentContentId,
    reviewDeadline: content.reviewDeadline,
  };
  const given = Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined && value !== null));
  const wrong = optionalUuidError(invalidContent, 'parentContentId', input.parentContentId);
  if (wrong) return wrong;
  const after = checkedEditable({ ...before, ...given });
  if (after instanceof DomainError) return after;
  if (after.parentContentId !== before.parentContentId) {
    const parent = checkedParent(state, contentId, after.parentContentId);
    if (parent) return parent;
  }
  const changes = changedFields(before, after);
  if (Object.keys(changes).length === 0) return [];
  return [{ type: 'ContentUpdated', data: { orgId: tenantOf(command), campaignId, contentId, changes, updatedAt: toIso(nowOf(command)) } }];
};

const remove = (command: DeleteContent, state: ContentGraphState): Decision<ContentEvent> => {
  const { campaignId, contentId } = command.data;
  if (!state.contents.has(contentId)) return contentNotFound(contentId);
  return [{ type: 'ContentDeleted', data: { orgId: tenantOf(command), campaignId, contentId, deletedAt: toIso(nowOf(command)) } }];
};

export const decideContent = (command: ContentCommand, state: ContentGraphState): Decision<ContentEvent> => {
  const denied = roleRequired(command, WRITERS);
  if (denied) return denied;
  if (liveCampaignOf(state.campaign) === null)
    return reject(Code.CAMPAIGN_NOT_FOUND, `Campaign ${command.data.campaignId} does not exist`, { campaignId: command.data.campaignId });
  switch (command.type) {
    case 'CreateContent':
      return create(command, state);
    case 'UpdateContent':
      return update(command, state);
    case 'DeleteContent':
      return remove(command, state);
    case 'RelateContent':
    case 'UnrelateContent':
    case 'ScheduleContentPublish':
    case 'PublishContent':
    case 'SetContentActive':
    case 'RecordContentAnalytics':
      return contentAction(command, state);
    default:
      return assertNever(command);
  }
};

export const contentDecider: Decider<ContentCommand, ContentEvent | CampaignEvent, ContentGraphState> = {
  initialState: initialContentGraphState,
  decide: decideContent,
  evolve: evolveContentGraph,
  streamIdOf: (command) => contentStreamId(tenantOf(command), command.data.campaignId),
  alsoReads: (command) => [campaignStreamId(tenantOf(command), command.data.campaignId)],
};
