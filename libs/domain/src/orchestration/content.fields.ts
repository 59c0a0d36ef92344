/**
 * A content's fields as CreateContent and UpdateContent give them, checked: the columns'
 * formats, its parent (seed 000 chk_content_no_self_parent, no derivation cycle of any length,
 * a live content of the campaign) and its timing (chk_content_schedule_timing, in the future).
 */
import { DomainError } from '../shared/decider';
import { type ContentEditable, type ContentGraphState, parentsOf } from './content';
import { OrchestrationErrorCode as Code, reject } from './errors';
import { isoOrNull, optionalInstant, optionalTextError, requiredTextError } from './fields';
import { contentTimingError, parentError, scheduleInFutureError } from './rules';
import { CONTENT_STATUSES, ORCHESTRATION_LIMITS as LIMITS } from './values';

export const invalidContent = (field: string, message: string) => reject(Code.CONTENT_INVALID, message, { field });

export const contentNotFound = (contentId: string, field = 'contentId') =>
  reject(Code.CONTENT_NOT_FOUND, `Content ${contentId} does not exist in this campaign`, { contentId, field });

/** The editable fields once checked (the review deadline re-written as UTC ISO). */
export const checkedEditable = (fields: ContentEditable): ContentEditable | DomainError => {
  const wrong =
    requiredTextError(invalidContent, 'title', fields.title, LIMITS.contentTitle) ??
    optionalTextError(invalidContent, 'contentMarkdown', fields.contentMarkdown, LIMITS.contentMarkdown) ??
    ((CONTENT_STATUSES as readonly unknown[]).includes(fields.status) ? null : invalidContent('status', `status is one of ${CONTENT_STATUSES.join(', ')}`));
  if (wrong) return wrong;
  const reviewDeadline = optionalInstant(invalidContent, 'reviewDeadline', fields.reviewDeadline);
  if (reviewDeadline instanceof DomainError) return reviewDeadline;
  return { ...fields, reviewDeadline: isoOrNull(reviewDeadline) };
};

/** seed 000 chk_content_no_self_parent, no cycle, and the parent is a live content of the campaign. */
export const checkedParent = (state: ContentGraphState, contentId: string, parentContentId: string | null): DomainError | null => {
  if (parentContentId === null) return null;
  const wrong = parentError(parentsOf(state), contentId, parentContentId);
  if (wrong) return wrong;
  return state.contents.has(parentContentId)
    ? null
    : reject(Code.CONTENT_PARENT_NOT_FOUND, `Parent content ${parentContentId} does not exist in this campaign`, { parentContentId });
};

/**
 * A schedule given at `now` (the content's created_at, or later): seed 000
 * chk_content_schedule_timing (after created_at) and "in the future when set" (after now).
 */
export const checkedSchedule = (value: unknown, createdAt: number, now: number): number | null | DomainError => {
  const at = optionalInstant(invalidContent, 'scheduledPublishAt', value);
  if (at instanceof DomainError || at === null) return at;
  return contentTimingError({ createdAt, publishedAt: null, scheduledPublishAt: at }) ?? scheduleInFutureError(at, now) ?? at;
};
