/**
 * seed 000's CHECK constraints on campaigns and content, as validations run before anything is
 * written; each returns null or a typed rejection whose details.rule names the constraint.
 * Instants are epoch milliseconds (null where the column is NULL).
 */
import type { DomainError } from '../shared/decider';
import { OrchestrationErrorCode as Code, reject } from './errors';

export interface CampaignTimeline {
  readonly deadline: number | null;
  readonly scheduledStart: number | null;
  readonly actualStart: number | null;
}

/**
 * seed 000 chk_campaign_timeline: `deadline IS NULL OR (…) AND (…)` — AND binds tighter than
 * OR, so a deadline, when set, comes strictly after scheduled_start and after actual_start,
 * each when set.
 */
export const timelineError = ({ deadline, scheduledStart, actualStart }: CampaignTimeline): DomainError | null => {
  if (deadline === null) return null;
  for (const [field, start] of [
    ['scheduledStart', scheduledStart],
    ['actualStart', actualStart],
  ] as const)
    if (start !== null && !(deadline > start))
      return reject(Code.CAMPAIGN_TIMELINE_INVALID, `A campaign's deadline comes after its ${field}`, {
        rule: 'chk_campaign_timeline',
        field,
        deadline,
        [field]: start,
      });
  return null;
};

/** seed 000 chk_campaign_progress: progress_percentage BETWEEN 0 AND 100 (an integer: the read model's column). */
export const progressError = (progress: number): DomainError | null =>
  Number.isInteger(progress) && progress >= 0 && progress <= 100
    ? null
    : reject(Code.CAMPAIGN_PROGRESS_OUT_OF_RANGE, 'A campaign progress is an integer from 0 to 100', { rule: 'chk_campaign_progress', progress });

/** seed 000 chk_campaign_priority: exactly these five, listed from least to most pressing. */
export const CAMPAIGN_PRIORITIES = ['low', 'medium', 'high', 'critical', 'urgent'] as const;
export type CampaignPriority = (typeof CAMPAIGN_PRIORITIES)[number];

/**
 * low < medium < high < critical < urgent. The seed's `ORDER BY c.priority DESC` on a TEXT
 * column would sort alphabetically (urgent, medium, low, high, critical): the read model
 * declares priority as an enum type in this order so the seed's query sorts by rank unmodified.
 */
export const PRIORITY_RANK: Readonly<Record<CampaignPriority, number>> = { low: 1, medium: 2, high: 3, critical: 4, urgent: 5 };

export const isCampaignPriority = (value: unknown): value is CampaignPriority => (CAMPAIGN_PRIORITIES as readonly unknown[]).includes(value);

export const priorityError = (priority: unknown): DomainError | null =>
  isCampaignPriority(priority)
    ? null
    : reject(Code.CAMPAIGN_PRIORITY_INVALID, `A campaign priority is one of ${CAMPAIGN_PRIORITIES.join(', ')}`, {
        rule: 'chk_campaign_priority',
        priority: typeof priority === 'string' ? priority : null,
      });

/**
 * The derivation cycle that giving `contentId` the parent `newParentId` would close, as a path
 * from the content up through its would-be ancestors back to itself (`[c, p, g, c]`), or null.
 * Walks the ancestors of the new parent; a chain already looping elsewhere (never accepted, but
 * the walk must end) stops at the first ancestor seen twice, so the walk is at most
 * `parentOf.size + 1` steps.
 */
export const derivationCycle = (parentOf: ReadonlyMap<string, string | null>, contentId: string, newParentId: string | null): string[] | null => {
  const path = [contentId];
  const seen = new Set<string>(path);
  for (let ancestor = newParentId; ancestor !== null; ancestor = parentOf.get(ancestor) ?? null) {
    path.push(ancestor);
    if (ancestor === contentId) return path;
    if (seen.has(ancestor)) return null;
    seen.add(ancestor);
  }
  return null;
};

/** seed 000 chk_content_no_self_parent, and no derivation cycle of any length through the content. */
export const parentError = (parentOf: ReadonlyMap<string, string | null>, contentId: string, newParentId: string | null): DomainError | null => {
  if (newParentId === contentId)
    return reject(Code.CONTENT_SELF_PARENT, 'A content cannot be derived from itself', { rule: 'chk_content_no_self_parent', contentId });
  const cycle = derivationCycle(parentOf, contentId, newParentId);
  return cycle === null
    ? null
    : reject(Code.CONTENT_DERIVATION_CYCLE, `Content would derive from itself: ${cycle.join(' → ')}`, { contentId, cycle: cycle.join(' → ') });
};

export interface ContentTiming {
  readonly createdAt: number;
  readonly publishedAt: number | null;
  readonly scheduledPublishAt: number | null;
}

/** seed 000 chk_content_publish_timing (published_at >= created_at) and chk_content_schedule_timing (scheduled_publish_at > created_at). */
export const contentTimingError = ({ createdAt, publishedAt, scheduledPublishAt }: ContentTiming): DomainError | null => {
  if (publishedAt !== null && !(publishedAt >= createdAt))
    return reject(Code.CONTENT_PUBLISH_TIMING_INVALID, 'Content is published no earlier than it was created', {
      rule: 'chk_content_publish_timing',
      createdAt,
      publishedAt,
    });
  if (scheduledPublishAt !== null && !(scheduledPublishAt > createdAt))
    return reject(Code.CONTENT_SCHEDULE_TIMING_INVALID, 'Content is scheduled to publish after it was created', {
      rule: 'chk_content_schedule_timing',
      createdAt,
      scheduledPublishAt,
    });
  return null;
};

/**
 * seed 000 "Ensure scheduled publishing is in future when created": at command time a schedule,
 * when set, lies strictly after the command's `now` (the CHECK can only compare with created_at).
 */
export const scheduleInFutureError = (scheduledPublishAt: number | null, now: number): DomainError | null =>
  scheduledPublishAt === null || scheduledPublishAt > now
    ? null
    : reject(Code.CONTENT_SCHEDULE_TIMING_INVALID, 'A publish is scheduled in the future', { rule: 'chk_content_schedule_timing', scheduledPublishAt, now });
