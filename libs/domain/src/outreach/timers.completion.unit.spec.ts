/**
 * Outreach stops at completion: which campaign events end the soft-bounce retries of the
 * campaign's contacts, and that a soft bounce after completion sets no retry at all.
 */
import type { OutreachCampaignEvent } from './campaign';
import { outreachEvent as event } from './testing';
import { contactRetriesEndedBy, contactTimerPolicy } from './timers.policy';
import type { OutreachCampaignStatus } from './values';

const moved = (from: OutreachCampaignStatus, to: OutreachCampaignStatus): OutreachCampaignEvent => event.statusChanged(from, to);

describe('SOFT_BOUNCE_RETRY — seed 004: On Completion "Stop all scheduled outreach"', () => {
  // seed 004: On Completion — 3. Stop all scheduled outreach
  it('stop all scheduled outreach: completion ends every contact retry of the campaign', () => {
    expect(contactRetriesEndedBy(moved('active', 'completed'))).toBe('campaign completed');
    expect(contactRetriesEndedBy(moved('paused', 'completed'))).toBe('campaign completed');
  });

  // seed 004: On Archive — read-only (nothing of an archived campaign is retried)
  it('archiving ends them too', () => {
    expect(contactRetriesEndedBy(moved('completed', 'archived'))).toBe('campaign archived');
  });

  // seed 004: paused → active "Resumes outreach" — a pause keeps the retries (a requeued contact waits for the resume)
  it.each([
    ['draft', 'active'],
    ['active', 'paused'],
    ['paused', 'active'],
  ] as const)('%s → %s keeps them', (from, to) => {
    expect(contactRetriesEndedBy(moved(from, to))).toBeNull();
  });

  it('settings changes keep them', () => {
    expect(contactRetriesEndedBy(event.campaignCreated())).toBeNull();
  });

  // seed 004: On Completion — a soft bounce recorded after completion (retryAt null) schedules no retry
  it('a soft bounce after completion schedules no retry', () => {
    const late = event.bounced({ bounceType: 'soft', softBounceCount: 1, retryAt: null, final: false });
    expect(contactTimerPolicy(null, late)).toEqual({ view: null, schedule: [], cancel: [] });
  });
});
