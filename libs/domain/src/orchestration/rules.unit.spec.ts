import { OrchestrationErrorCode as Code } from './errors';
import {
  CAMPAIGN_PRIORITIES,
  contentTimingError,
  derivationCycle,
  parentError,
  PRIORITY_RANK,
  priorityError,
  progressError,
  scheduleInFutureError,
  timelineError,
} from './rules';
import { SECOND, T0 } from './testing';

const DAY = 86_400 * SECOND;

describe('campaigns (seed 000 campaign data integrity)', () => {
  // seed 000 chk_campaign_timeline: CHECK (deadline IS NULL OR (scheduled_start IS NULL OR deadline > scheduled_start) AND (actual_start IS NULL OR deadline > actual_start))
  it('chk_campaign_timeline: a campaign without a deadline has any starts', () => {
    expect(timelineError({ deadline: null, scheduledStart: T0, actualStart: T0 + DAY })).toBeNull();
  });

  // seed 000 chk_campaign_timeline: CHECK (deadline IS NULL OR (scheduled_start IS NULL OR deadline > scheduled_start) AND (actual_start IS NULL OR deadline > actual_start))
  it('chk_campaign_timeline: the deadline comes strictly after scheduled_start', () => {
    expect(timelineError({ deadline: T0 + 1, scheduledStart: T0, actualStart: null })).toBeNull();
    expect(timelineError({ deadline: T0, scheduledStart: T0, actualStart: null })).toMatchObject({
      code: Code.CAMPAIGN_TIMELINE_INVALID,
      details: { rule: 'chk_campaign_timeline', field: 'scheduledStart' },
    });
  });

  // seed 000 chk_campaign_timeline: CHECK (deadline IS NULL OR (scheduled_start IS NULL OR deadline > scheduled_start) AND (actual_start IS NULL OR deadline > actual_start))
  it('chk_campaign_timeline: the deadline comes strictly after actual_start when set', () => {
    expect(timelineError({ deadline: T0 + DAY, scheduledStart: T0, actualStart: T0 + DAY - 1 })).toBeNull();
    expect(timelineError({ deadline: T0 + DAY, scheduledStart: T0, actualStart: T0 + DAY })).toMatchObject({
      code: Code.CAMPAIGN_TIMELINE_INVALID,
      details: { field: 'actualStart' },
    });
  });

  // seed 000 chk_campaign_timeline: CHECK (deadline IS NULL OR (scheduled_start IS NULL OR deadline > scheduled_start) AND (actual_start IS NULL OR deadline > actual_start))
  it('chk_campaign_timeline: a deadline with neither start set is valid', () => {
    expect(timelineError({ deadline: T0, scheduledStart: null, actualStart: null })).toBeNull();
  });

  // seed 000 chk_campaign_progress: CHECK (progress_percentage BETWEEN 0 AND 100)
  it('chk_campaign_progress: progress_percentage BETWEEN 0 AND 100', () => {
    expect([0, 1, 50, 100].map(progressError)).toEqual([null, null, null, null]);
    for (const progress of [-1, 101, 50.5, Number.NaN])
      expect(progressError(progress)).toMatchObject({ code: Code.CAMPAIGN_PROGRESS_OUT_OF_RANGE, details: { rule: 'chk_campaign_progress' } });
  });

  // seed 000 chk_campaign_priority: CHECK (priority IN ('low', 'medium', 'high', 'critical', 'urgent'))
  it("chk_campaign_priority: priority IN ('low', 'medium', 'high', 'critical', 'urgent') and nothing else", () => {
    expect(CAMPAIGN_PRIORITIES).toEqual(['low', 'medium', 'high', 'critical', 'urgent']);
    expect(CAMPAIGN_PRIORITIES.map(priorityError)).toEqual([null, null, null, null, null]);
    for (const priority of ['High', 'normal', '', ' low', null, 3])
      expect(priorityError(priority)).toMatchObject({ code: Code.CAMPAIGN_PRIORITY_INVALID, details: { rule: 'chk_campaign_priority' } });
  });

  // seed 000 chk_campaign_priority: CHECK (priority IN ('low', 'medium', 'high', 'critical', 'urgent'))
  // seed 000 query pattern: ORDER BY c.priority DESC must rank, not sort text.
  it('chk_campaign_priority: the rank is low < medium < high < critical < urgent, not the alphabetical order', () => {
    const byRankDesc = [...CAMPAIGN_PRIORITIES].sort((x, y) => PRIORITY_RANK[y] - PRIORITY_RANK[x]);
    expect(byRankDesc).toEqual(['urgent', 'critical', 'high', 'medium', 'low']);
    expect([...CAMPAIGN_PRIORITIES].sort().reverse()).not.toEqual(byRankDesc);
  });
});

describe('content derivation (seed 000: content can be derived from other content)', () => {
  const parents = new Map<string, string | null>([
    ['root', null],
    ['child', 'root'],
    ['grandchild', 'child'],
    ['other', null],
  ]);

  // seed 000 chk_content_no_self_parent: CHECK (id != parent_content_id)
  it('chk_content_no_self_parent: id != parent_content_id', () => {
    expect(parentError(parents, 'child', 'child')).toMatchObject({
      code: Code.CONTENT_SELF_PARENT,
      details: { rule: 'chk_content_no_self_parent', contentId: 'child' },
    });
  });

  it('content without a parent, or derived from unrelated content, is fine', () => {
    expect(parentError(parents, 'child', null)).toBeNull();
    expect(parentError(parents, 'root', 'other')).toBeNull();
    expect(parentError(parents, 'new', 'grandchild')).toBeNull();
  });

  // seed 000: parent-child content "tracks repurposing and adaptation chains" — a chain, never a loop.
  it('no derivation cycle of two: content cannot derive from its own child', () => {
    expect(derivationCycle(parents, 'child', 'grandchild')).toEqual(['child', 'grandchild', 'child']);
  });

  it('no derivation cycle of any length: the path runs from the content up to itself', () => {
    expect(parentError(parents, 'root', 'grandchild')).toMatchObject({
      code: Code.CONTENT_DERIVATION_CYCLE,
      details: { cycle: 'root → grandchild → child → root' },
    });
    const chain = new Map<string, string | null>(Array.from({ length: 10_000 }, (_, i) => [`c${i}`, i === 0 ? null : `c${i - 1}`]));
    expect(derivationCycle(chain, 'c0', 'c9999')).toHaveLength(10_001);
    expect(derivationCycle(chain, 'c9999', 'c0')).toBeNull();
  });

  it('the walk ends on a chain that already loops elsewhere, and on a parent it does not know', () => {
    const looping = new Map<string, string | null>([
      ['x', 'y'],
      ['y', 'x'],
    ]);
    expect(derivationCycle(looping, 'new', 'x')).toBeNull();
    expect(derivationCycle(parents, 'child', 'unknown')).toBeNull();
  });
});

describe('content timing (seed 000 content data integrity)', () => {
  // seed 000 chk_content_publish_timing: CHECK (published_at IS NULL OR published_at >= created_at)
  it('chk_content_publish_timing: published_at >= created_at', () => {
    expect(contentTimingError({ createdAt: T0, publishedAt: T0, scheduledPublishAt: null })).toBeNull();
    expect(contentTimingError({ createdAt: T0, publishedAt: T0 - 1, scheduledPublishAt: null })).toMatchObject({
      code: Code.CONTENT_PUBLISH_TIMING_INVALID,
      details: { rule: 'chk_content_publish_timing' },
    });
  });

  // seed 000 chk_content_schedule_timing: CHECK (scheduled_publish_at IS NULL OR scheduled_publish_at > created_at)
  it('chk_content_schedule_timing: scheduled_publish_at > created_at', () => {
    expect(contentTimingError({ createdAt: T0, publishedAt: null, scheduledPublishAt: T0 + 1 })).toBeNull();
    expect(contentTimingError({ createdAt: T0, publishedAt: null, scheduledPublishAt: T0 })).toMatchObject({
      code: Code.CONTENT_SCHEDULE_TIMING_INVALID,
      details: { rule: 'chk_content_schedule_timing' },
    });
  });

  // seed 000 chk_content_schedule_timing: CHECK (scheduled_publish_at IS NULL OR scheduled_publish_at > created_at)
  it('chk_content_schedule_timing: at command time a scheduled publish is in the future', () => {
    expect(scheduleInFutureError(null, T0)).toBeNull();
    expect(scheduleInFutureError(T0 + 1, T0)).toBeNull();
    expect(scheduleInFutureError(T0, T0)).toMatchObject({ code: Code.CONTENT_SCHEDULE_TIMING_INVALID, details: { scheduledPublishAt: T0, now: T0 } });
    expect(scheduleInFutureError(T0 - DAY, T0)).toMatchObject({ code: Code.CONTENT_SCHEDULE_TIMING_INVALID });
  });
});
