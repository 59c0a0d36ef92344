/**
 * The outreach timer policy: given a campaign's or a contact's events, which timers the
 * timer-scheduler sets and cancels, and what each sends when it comes due.
 */
import type { CampaignSettings, OutreachCampaignEvent } from './campaign';
import type { ContactEvent } from './contact';
import { SETTINGS } from './testing';
import {
  archiveDueAt,
  type CampaignTimerView,
  campaignTimerPolicy,
  type ContactTimerView,
  contactTimerPolicy,
  endDateDueAt,
  type OutreachPolicyOutcome,
  outreachTimerCommand,
  retentionDueAt,
} from './timers.policy';
import type { OutreachCampaignStatus } from './values';

const ORG = '123e4567-e89b-12d3-a456-426614174000';
const CAMPAIGN = '123e4567-e89b-12d3-a456-426614174001';
const CONTACT = '123e4567-e89b-12d3-a456-426614174002';
const NOTHING = { schedule: [], cancel: [] };

const settings = (endDate: string | null): CampaignSettings => ({ ...SETTINGS, endDate });

const created = (endDate: string | null): OutreachCampaignEvent => ({
  type: 'CampaignCreated',
  data: { orgId: ORG, campaignId: CAMPAIGN, settings: settings(endDate), createdBy: null, createdAt: '2026-03-01T09:00:00.000Z' },
});
const updated = (endDate: string | null, updatedAt = '2026-03-05T10:00:00.000Z'): OutreachCampaignEvent => ({
  type: 'CampaignUpdated',
  data: { orgId: ORG, campaignId: CAMPAIGN, settings: settings(endDate), updatedAt },
});
const moved = (
  from: OutreachCampaignStatus,
  to: OutreachCampaignStatus,
  changedAt: string,
  extra: { startDate?: string | null; endDate?: string | null } = {},
): OutreachCampaignEvent => ({
  type: 'CampaignStatusChanged',
  data: { orgId: ORG, campaignId: CAMPAIGN, from, to, reason: 'manual', startDate: null, endDate: null, changedAt, ...extra },
});

const campaignView = (status: OutreachCampaignStatus, endDate: string | null = '2026-04-01'): CampaignTimerView => ({
  orgId: ORG,
  campaignId: CAMPAIGN,
  status,
  endDate,
});

/** The outcome of the last event, the view carried from one event to the next as the scheduler does. */
const campaignOutcome = (events: readonly OutreachCampaignEvent[]): OutreachPolicyOutcome<CampaignTimerView> =>
  events.reduce<OutreachPolicyOutcome<CampaignTimerView>>((last, next) => campaignTimerPolicy(last.view, next), { view: null, ...NOTHING });

const ref = { orgId: ORG, campaignId: CAMPAIGN, contactId: CONTACT };
const bounced = (bounceType: 'hard' | 'soft', retryAt: string | null, final: boolean): ContactEvent => ({
  type: 'EmailBounced',
  data: {
    ...ref,
    bounceType,
    bounceReason: 'mailbox full',
    softBounceCount: bounceType === 'soft' ? 1 : 0,
    retryAt,
    final,
    email: 'john.doe@example.com',
    bouncedAt: '2026-03-02T08:00:00.000Z',
    addressRejected: true,
  },
});
const contactView = (retryPending: boolean): ContactTimerView => ({ ...ref, retryPending });

describe('CAMPAIGN_END_DATE — seed 004: active → completed "Auto when end_date reached"', () => {
  // seed 004: auto_complete_campaigns() — status = 'active' AND end_date <= CURRENT_DATE, daily at 00:00
  it('is set for 00:00 UTC of end_date when the campaign becomes active', () => {
    expect(campaignOutcome([created('2026-04-01'), moved('draft', 'active', '2026-03-02T12:00:00.000Z')])).toEqual({
      view: campaignView('active'),
      schedule: [{ timerType: 'CAMPAIGN_END_DATE', dueAt: '2026-04-01T00:00:00.000Z' }],
      cancel: [],
    });
  });

  // seed 004: end_date — "Ongoing: No end_date (manual completion)"
  it('is not set for a campaign without an end_date', () => {
    expect(campaignOutcome([created(null), moved('draft', 'active', '2026-03-02T12:00:00.000Z')])).toEqual({
      view: campaignView('active', null),
      ...NOTHING,
    });
  });

  it('is not set while the campaign is a draft, whatever its end_date', () => {
    expect(campaignOutcome([created('2026-04-01'), updated('2026-05-01')])).toEqual({ view: campaignView('draft', '2026-05-01'), ...NOTHING });
  });

  it('moves when CampaignUpdated changes the end_date of an active campaign', () => {
    expect(campaignTimerPolicy(campaignView('active'), updated('2026-04-15'))).toEqual({
      view: campaignView('active', '2026-04-15'),
      cancel: [{ timerType: 'CAMPAIGN_END_DATE', reason: 'end_date changed' }],
      schedule: [{ timerType: 'CAMPAIGN_END_DATE', dueAt: '2026-04-15T00:00:00.000Z' }],
    });
  });

  it('moves too when the end_date of a paused campaign changes', () => {
    expect(campaignTimerPolicy(campaignView('paused'), updated('2026-04-15')).schedule).toEqual([
      { timerType: 'CAMPAIGN_END_DATE', dueAt: '2026-04-15T00:00:00.000Z' },
    ]);
  });

  it('is cancelled when the end_date is cleared (the campaign becomes ongoing)', () => {
    expect(campaignTimerPolicy(campaignView('active'), updated(null))).toEqual({
      view: campaignView('active', null),
      cancel: [{ timerType: 'CAMPAIGN_END_DATE', reason: 'end_date changed' }],
      schedule: [],
    });
  });

  it('an update that leaves the end_date as it was sets nothing', () => {
    expect(campaignTimerPolicy(campaignView('active'), updated('2026-04-01'))).toEqual({ view: campaignView('active'), ...NOTHING });
  });

  it('stays while the campaign is paused (the paused campaign refuses the completion)', () => {
    expect(campaignTimerPolicy(campaignView('active'), moved('active', 'paused', '2026-03-10T00:00:00.000Z'))).toEqual({
      view: campaignView('paused'),
      ...NOTHING,
    });
  });

  it('is set again on resume, at end_date when it is still ahead', () => {
    expect(campaignTimerPolicy(campaignView('paused'), moved('paused', 'active', '2026-03-20T08:00:00.000Z'))).toEqual({
      view: campaignView('active'),
      cancel: [{ timerType: 'CAMPAIGN_END_DATE', reason: 'campaign resumed' }],
      schedule: [{ timerType: 'CAMPAIGN_END_DATE', dueAt: '2026-04-01T00:00:00.000Z' }],
    });
  });

  it('is due at once on resume when the end_date passed while the campaign was paused', () => {
    expect(campaignTimerPolicy(campaignView('paused'), moved('paused', 'active', '2026-04-03T08:00:00.000Z')).schedule).toEqual([
      { timerType: 'CAMPAIGN_END_DATE', dueAt: '2026-04-03T08:00:00.000Z' },
    ]);
  });

  it('is cancelled when the campaign completes otherwise (by hand, or on its targets)', () => {
    expect(campaignTimerPolicy(campaignView('active'), moved('active', 'completed', '2026-03-20T08:00:00.000Z')).cancel).toEqual([
      { timerType: 'CAMPAIGN_END_DATE', reason: 'campaign completed' },
    ]);
  });

  it('fires CompleteCampaign {reason: end_date_reached} at the campaign stream', () => {
    expect(outreachTimerCommand('CAMPAIGN_END_DATE', { orgId: ORG, campaignId: CAMPAIGN, contactId: null })).toEqual({
      type: 'CompleteCampaign',
      data: { campaignId: CAMPAIGN, reason: 'end_date_reached' },
      streamId: `outreach-${ORG}/campaign/${CAMPAIGN}`,
    });
  });

  it('endDateDueAt is never before the instant it is decided at', () => {
    expect(endDateDueAt('2026-04-01', '2026-03-01T00:00:00.000Z')).toBe('2026-04-01T00:00:00.000Z');
    expect(endDateDueAt('2026-04-01', '2026-04-01T00:00:01.000Z')).toBe('2026-04-01T00:00:01.000Z');
  });
});

describe('CAMPAIGN_ARCHIVE — seed 004: "Archive After: 90 days after completion"', () => {
  // seed 004: Campaign Archival Rules — 90 days after completion
  it('is set 90 days after the completion instant', () => {
    const completed = moved('active', 'completed', '2026-03-20T08:30:00.000Z', { endDate: '2026-03-20' });
    expect(campaignTimerPolicy(campaignView('active', null), completed)).toEqual({
      view: campaignView('completed', '2026-03-20'),
      cancel: [{ timerType: 'CAMPAIGN_END_DATE', reason: 'campaign completed' }],
      schedule: [
        { timerType: 'CAMPAIGN_ARCHIVE', dueAt: '2026-06-18T08:30:00.000Z' },
        { timerType: 'DATA_RETENTION', dueAt: '2028-03-19T08:30:00.000Z' },
      ],
    });
  });

  it('is set when a paused campaign is completed by hand', () => {
    expect(campaignTimerPolicy(campaignView('paused'), moved('paused', 'completed', '2026-03-20T08:30:00.000Z')).schedule).toContainEqual({
      timerType: 'CAMPAIGN_ARCHIVE',
      dueAt: archiveDueAt('2026-03-20T08:30:00.000Z'),
    });
  });

  // seed 004: completed → archived "Manual archive by admin/owner"
  it('is cancelled when the campaign is archived by hand', () => {
    expect(campaignTimerPolicy(campaignView('completed'), moved('completed', 'archived', '2026-04-01T00:00:00.000Z'))).toEqual({
      view: campaignView('archived'),
      cancel: [
        { timerType: 'CAMPAIGN_END_DATE', reason: 'campaign archived' },
        { timerType: 'CAMPAIGN_ARCHIVE', reason: 'campaign archived' },
      ],
      schedule: [],
    });
  });

  it('fires ArchiveCampaign {reason: archive_after_90_days} at the campaign stream', () => {
    expect(outreachTimerCommand('CAMPAIGN_ARCHIVE', { orgId: ORG, campaignId: CAMPAIGN, contactId: null })).toEqual({
      type: 'ArchiveCampaign',
      data: { campaignId: CAMPAIGN, reason: 'archive_after_90_days' },
      streamId: `outreach-${ORG}/campaign/${CAMPAIGN}`,
    });
  });
});

// seed 004: Data Privacy — "Campaign data retained for 2 years".
describe('DATA_RETENTION — seed 004: "Campaign data retained for 2 years" (then its contacts\' personal data is erased)', () => {
  it('is set two years (730 days) after the campaign completed', () => {
    const outcome = campaignTimerPolicy(campaignView('active'), moved('active', 'completed', '2026-03-20T08:30:00.000Z'));
    expect(outcome.schedule).toContainEqual({ timerType: 'DATA_RETENTION', dueAt: retentionDueAt('2026-03-20T08:30:00.000Z') });
    expect(retentionDueAt('2026-03-20T08:30:00.000Z')).toBe('2028-03-19T08:30:00.000Z');
  });

  it('is not moved nor cancelled when a completed campaign is archived (it runs from the completion)', () => {
    const outcome = campaignTimerPolicy(campaignView('completed'), moved('completed', 'archived', '2026-06-18T08:30:00.000Z'));
    expect(outcome.schedule).toEqual([]);
    expect(outcome.cancel.map((c) => c.timerType)).not.toContain('DATA_RETENTION');
  });

  it('is set from the archival when a campaign is archived without completing (a draft given up)', () => {
    expect(campaignTimerPolicy(campaignView('draft'), moved('draft', 'archived', '2026-03-20T08:30:00.000Z')).schedule).toEqual([
      { timerType: 'DATA_RETENTION', dueAt: '2028-03-19T08:30:00.000Z' },
    ]);
  });

  it('fires ErasePersonalData {basis: retention} for the campaign, one erasure per campaign', () => {
    expect(outreachTimerCommand('DATA_RETENTION', { orgId: ORG, campaignId: CAMPAIGN, contactId: null })).toEqual({
      type: 'ErasePersonalData',
      data: {
        erasureId: CAMPAIGN,
        basis: 'retention',
        campaignId: CAMPAIGN,
        email: null,
        linkedinUrl: null,
        reason: 'retention: 2 years after the campaign ended (seed 004)',
      },
      streamId: `outreach-${ORG}/erasure/${CAMPAIGN}`,
    });
  });
});

describe('the campaign view under at-least-once delivery', () => {
  it('a redelivered CampaignCreated changes nothing', () => {
    expect(campaignTimerPolicy(campaignView('active'), created('2026-05-01'))).toEqual({ view: campaignView('active'), ...NOTHING });
  });

  it('a redelivered status change (from a status the campaign has left) changes nothing', () => {
    expect(campaignTimerPolicy(campaignView('completed'), moved('active', 'completed', '2026-03-20T08:30:00.000Z'))).toEqual({
      view: campaignView('completed'),
      ...NOTHING,
    });
  });

  it('events of a campaign never seen created set nothing', () => {
    expect(campaignTimerPolicy(null, moved('draft', 'active', '2026-03-02T12:00:00.000Z'))).toEqual({ view: null, ...NOTHING });
  });
});

describe('SOFT_BOUNCE_RETRY — seed 004: "Soft bounce: Retry up to 3 times over 48 hours"', () => {
  // seed 004: Bounce Handling — soft bounce: retry
  it('is set at retryAt when a soft bounce has a retry left', () => {
    expect(contactTimerPolicy(null, bounced('soft', '2026-03-02T12:00:00.000Z', false))).toEqual({
      view: contactView(true),
      schedule: [{ timerType: 'SOFT_BOUNCE_RETRY', dueAt: '2026-03-02T12:00:00.000Z' }],
      cancel: [],
    });
  });

  it('a soft bounce while a retry waits moves it to the new retryAt', () => {
    expect(contactTimerPolicy(contactView(true), bounced('soft', '2026-03-03T00:00:00.000Z', false))).toEqual({
      view: contactView(true),
      cancel: [{ timerType: 'SOFT_BOUNCE_RETRY', reason: 'bounced again' }],
      schedule: [{ timerType: 'SOFT_BOUNCE_RETRY', dueAt: '2026-03-03T00:00:00.000Z' }],
    });
  });

  // seed 004: Bounce Handling — hard bounce: do not retry; after 3 soft bounces: mark as bounced
  it('is not set for a hard bounce, nor for the soft bounce that ends the retries', () => {
    expect(contactTimerPolicy(null, bounced('hard', null, true))).toEqual({ view: null, ...NOTHING });
    expect(contactTimerPolicy(null, bounced('soft', null, true))).toEqual({ view: null, ...NOTHING });
  });

  it('is cancelled by a final bounce', () => {
    expect(contactTimerPolicy(contactView(true), bounced('hard', null, true))).toEqual({
      view: contactView(false),
      cancel: [{ timerType: 'SOFT_BOUNCE_RETRY', reason: 'contact bounced for good' }],
      schedule: [],
    });
  });

  // seed 004: Unsubscribe applies globally — never write to an unsubscribed contact again
  it.each([
    ['ContactUnsubscribed', { email: null, reason: null, unsubscribedAt: '2026-03-02T09:00:00.000Z' }, 'contact unsubscribed'],
    ['ContactResponded', { channel: 'email', responseText: 'Interested', respondedAt: '2026-03-02T09:00:00.000Z' }, 'contact responded'],
    ['ContactConverted', { conversionType: 'phone_screen', conversionEntityId: null, convertedAt: '2026-03-02T09:00:00.000Z' }, 'contact converted'],
  ])('is cancelled by %s', (type, data, reason) => {
    const event = { type, data: { ...ref, ...data } } as ContactEvent;
    expect(contactTimerPolicy(contactView(true), event)).toEqual({
      view: contactView(false),
      cancel: [{ timerType: 'SOFT_BOUNCE_RETRY', reason }],
      schedule: [],
    });
  });

  it('a reply from a contact with no retry waiting cancels nothing and remembers nothing', () => {
    const responded: ContactEvent = {
      type: 'ContactResponded',
      data: { ...ref, channel: 'email', responseText: null, respondedAt: '2026-03-02T09:00:00.000Z' },
    };
    expect(contactTimerPolicy(null, responded)).toEqual({ view: null, ...NOTHING });
    expect(contactTimerPolicy(contactView(false), responded)).toEqual({ view: contactView(false), ...NOTHING });
  });

  it('ContactRequeued (the retry fired) leaves nothing waiting', () => {
    const requeued: ContactEvent = { type: 'ContactRequeued', data: { ...ref, attempt: 2, requeuedAt: '2026-03-02T12:00:01.000Z' } };
    expect(contactTimerPolicy(contactView(true), requeued)).toEqual({ view: contactView(false), ...NOTHING });
  });

  it('a failed dispatch sets and cancels nothing: the dispatcher tries it again, not a timer', () => {
    const failed: ContactEvent = {
      type: 'ContactDispatchFailed',
      data: { ...ref, dispatchId: 'd-1', reason: 'provider down', retryable: true, failedAt: '2026-03-02T09:00:00.000Z', recipientRejected: false },
    };
    expect(contactTimerPolicy(null, failed)).toEqual({ view: null, ...NOTHING });
    expect(contactTimerPolicy(contactView(false), { ...failed, data: { ...failed.data, retryable: false } })).toEqual({ view: contactView(false), ...NOTHING });
  });

  it('fires RequeueContact {campaignId, contactId} at the contact stream', () => {
    expect(outreachTimerCommand('SOFT_BOUNCE_RETRY', { orgId: ORG, campaignId: CAMPAIGN, contactId: CONTACT })).toEqual({
      type: 'RequeueContact',
      data: { campaignId: CAMPAIGN, contactId: CONTACT },
      streamId: `outreach-${ORG}/contact/${CONTACT}`,
    });
  });

  it('a retry that names no contact sends nothing', () => {
    expect(outreachTimerCommand('SOFT_BOUNCE_RETRY', { orgId: ORG, campaignId: CAMPAIGN, contactId: null })).toBeNull();
  });
});
