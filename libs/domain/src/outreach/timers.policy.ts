/**
 * Which outreach events set and cancel which timers (seed 004's scheduled jobs, run by the
 * timer-scheduler instead of pg_cron). Pure: the scheduler folds each campaign's and each
 * contact's events through these policies and stores what they say.
 *
 *   campaign → active with an end_date          → CAMPAIGN_END_DATE at 00:00 UTC of end_date
 *   CampaignUpdated changes end_date            → CAMPAIGN_END_DATE moved (active or paused campaign)
 *   paused → active                             → CAMPAIGN_END_DATE set again (at once if the date passed)
 *   → completed                                 → cancels CAMPAIGN_END_DATE; CAMPAIGN_ARCHIVE 90 days later;
 *                                                 cancels its contacts' SOFT_BOUNCE_RETRY (contactRetriesEndedBy)
 *   → archived                                  → cancels every campaign timer, its contacts' too
 *   → completed, or → archived without completing → DATA_RETENTION 2 years later (never cancelled)
 *   EmailBounced, soft with a retry left        → SOFT_BOUNCE_RETRY at retryAt
 *   unsubscribed, responded, converted, bounced for good → cancels SOFT_BOUNCE_RETRY
 */
import { parseInstant, toIso } from '../shared/validation';
import { campaignStreamId, type OutreachCampaignEvent } from './campaign';
import { type ContactEvent, contactStreamId } from './contact';
import { erasureStreamId, RETENTION_AFTER_END_MS } from './erasure';
import { ARCHIVE_AFTER_DAYS, type OutreachCampaignStatus } from './values';

export const OUTREACH_TIMER_TYPES = ['CAMPAIGN_END_DATE', 'CAMPAIGN_ARCHIVE', 'SOFT_BOUNCE_RETRY', 'DATA_RETENTION'] as const;
export type OutreachTimerType = (typeof OUTREACH_TIMER_TYPES)[number];

/** What the scheduler remembers of a campaign; its timers' subject is the campaign. */
export interface CampaignTimerView {
  readonly orgId: string;
  readonly campaignId: string;
  readonly status: OutreachCampaignStatus;
  /** YYYY-MM-DD, or null for an ongoing campaign (seed 004: "No end_date (manual completion)"). */
  readonly endDate: string | null;
}

/** What the scheduler remembers of a contact; its timers' subject is the contact. */
export interface ContactTimerView {
  readonly orgId: string;
  readonly campaignId: string;
  readonly contactId: string;
  /** A SOFT_BOUNCE_RETRY timer is waiting (so a reply or an unsubscribe has one to cancel). */
  readonly retryPending: boolean;
}

export interface OutreachTimerToSchedule {
  readonly timerType: OutreachTimerType;
  readonly dueAt: string;
}

export interface OutreachTimerToCancel {
  readonly timerType: OutreachTimerType;
  readonly reason: string;
}

/** Cancellations apply before schedules, so a timer listed in both is moved. */
export interface OutreachPolicyOutcome<View> {
  readonly view: View | null;
  readonly schedule: readonly OutreachTimerToSchedule[];
  readonly cancel: readonly OutreachTimerToCancel[];
}

const DAY_MS = 24 * 3_600_000;

const unchanged = <View>(view: View | null): OutreachPolicyOutcome<View> => ({ view, schedule: [], cancel: [] });

const later = (a: string, b: string): string => ((parseInstant(a) as number) >= (parseInstant(b) as number) ? a : b);

// seed 004: auto_complete_campaigns() completes `end_date <= CURRENT_DATE`, run daily at midnight
// ('0 0 * * *'): a campaign completes at 00:00 UTC of its end_date — never before `at`.
export const endDateDueAt = (endDate: string, at: string): string => later(`${endDate}T00:00:00.000Z`, at);

// seed 004: Campaign Archival Rules — "Archive After: 90 days after completion".
export const archiveDueAt = (completedAt: string): string => toIso((parseInstant(completedAt) as number) + ARCHIVE_AFTER_DAYS * DAY_MS);

// seed 004: Data Privacy — "Campaign data retained for 2 years": its contacts' personal data is
// erased two years after the campaign ended (completed, or archived without completing).
export const retentionDueAt = (endedAt: string): string => toIso((parseInstant(endedAt) as number) + RETENTION_AFTER_END_MS);

const retentionTimer = (endedAt: string): OutreachTimerToSchedule => ({ timerType: 'DATA_RETENTION', dueAt: retentionDueAt(endedAt) });

const endDateTimer = (endDate: string | null, at: string): OutreachTimerToSchedule[] =>
  endDate ? [{ timerType: 'CAMPAIGN_END_DATE', dueAt: endDateDueAt(endDate, at) }] : [];

const onCampaignUpdated = (view: CampaignTimerView, endDate: string | null, at: string): OutreachPolicyOutcome<CampaignTimerView> => {
  if (endDate === view.endDate) return unchanged(view);
  const next = { ...view, endDate };
  // A paused campaign keeps its timer too: it rejects the completion, and resuming sets it again.
  if (view.status !== 'active' && view.status !== 'paused') return unchanged(next);
  return { view: next, cancel: [{ timerType: 'CAMPAIGN_END_DATE', reason: 'end_date changed' }], schedule: endDateTimer(endDate, at) };
};

const onStatusChanged = (
  view: CampaignTimerView,
  data: Extract<OutreachCampaignEvent, { type: 'CampaignStatusChanged' }>['data'],
): OutreachPolicyOutcome<CampaignTimerView> => {
  // Delivery is at least once: a change from a status the view has left was applied already.
  if (data.from !== view.status) return unchanged(view);
  const next: CampaignTimerView = { ...view, status: data.to, endDate: data.endDate ?? view.endDate };
  switch (data.to) {
    case 'active': {
      // seed 004: active → completed "Auto when end_date reached"; a resumed campaign whose date
      // passed while paused (its timer was refused then) completes at once.
      const cancel: OutreachTimerToCancel[] = data.from === 'paused' ? [{ timerType: 'CAMPAIGN_END_DATE', reason: 'campaign resumed' }] : [];
      return { view: next, cancel, schedule: endDateTimer(next.endDate, data.changedAt) };
    }
    case 'completed':
      return {
        view: next,
        cancel: [{ timerType: 'CAMPAIGN_END_DATE', reason: 'campaign completed' }],
        schedule: [{ timerType: 'CAMPAIGN_ARCHIVE', dueAt: archiveDueAt(data.changedAt) }, retentionTimer(data.changedAt)],
      };
    case 'archived':
      return {
        view: next,
        cancel: [
          { timerType: 'CAMPAIGN_END_DATE', reason: 'campaign archived' },
          { timerType: 'CAMPAIGN_ARCHIVE', reason: 'campaign archived' },
        ],
        // A completed campaign's retention runs from its completion, set then.
        schedule: data.from === 'completed' ? [] : [retentionTimer(data.changedAt)],
      };
    default:
      return unchanged(next);
  }
};

export const campaignTimerPolicy = (view: CampaignTimerView | null, event: OutreachCampaignEvent): OutreachPolicyOutcome<CampaignTimerView> => {
  switch (event.type) {
    case 'CampaignCreated': {
      if (view) return unchanged(view);
      const { orgId, campaignId, settings } = event.data;
      return unchanged({ orgId, campaignId, status: 'draft', endDate: settings.endDate });
    }
    case 'CampaignUpdated':
      return view ? onCampaignUpdated(view, event.data.settings.endDate, event.data.updatedAt) : unchanged<CampaignTimerView>(null);
    case 'CampaignStatusChanged':
      return view ? onStatusChanged(view, event.data) : unchanged<CampaignTimerView>(null);
    default:
      return unchanged(view);
  }
};

/**
 * seed 004: On Completion — "Stop all scheduled outreach": the reason a campaign event ends
 * every SOFT_BOUNCE_RETRY of the campaign's contacts, or null when it does not. The contacts'
 * timers have the contacts as subjects, so the scheduler cancels them by the campaign they name.
 */
export const contactRetriesEndedBy = (event: OutreachCampaignEvent): string | null =>
  event.type === 'CampaignStatusChanged' && (event.data.to === 'completed' || event.data.to === 'archived') ? `campaign ${event.data.to}` : null;

const endingRetry = (view: ContactTimerView | null, reason: string): OutreachPolicyOutcome<ContactTimerView> =>
  view?.retryPending ? { view: { ...view, retryPending: false }, schedule: [], cancel: [{ timerType: 'SOFT_BOUNCE_RETRY', reason }] } : unchanged(view);

const onBounced = (view: ContactTimerView | null, data: Extract<ContactEvent, { type: 'EmailBounced' }>['data']): OutreachPolicyOutcome<ContactTimerView> => {
  // seed 004: hard bounce — do not retry; after 3 soft bounces — mark as bounced.
  if (data.final || !data.retryAt) return endingRetry(view, 'contact bounced for good');
  // seed 004: soft bounce — retry up to 3 times over 48 hours.
  const { orgId, campaignId, contactId } = data;
  return {
    view: { orgId, campaignId, contactId, retryPending: true },
    cancel: view?.retryPending ? [{ timerType: 'SOFT_BOUNCE_RETRY', reason: 'bounced again' }] : [],
    schedule: [{ timerType: 'SOFT_BOUNCE_RETRY', dueAt: data.retryAt }],
  };
};

export const contactTimerPolicy = (view: ContactTimerView | null, event: ContactEvent): OutreachPolicyOutcome<ContactTimerView> => {
  switch (event.type) {
    case 'EmailBounced':
      return onBounced(view, event.data);
    case 'ContactRequeued':
      // The retry timer fired and did its job.
      return unchanged(view && { ...view, retryPending: false });
    case 'ContactUnsubscribed':
      return endingRetry(view, 'contact unsubscribed');
    case 'ContactResponded':
      return endingRetry(view, 'contact responded');
    case 'ContactConverted':
      return endingRetry(view, 'contact converted');
    default:
      return unchanged(view);
  }
};

/** Whom a timer concerns: the campaign, and the contact for a soft-bounce retry. */
export interface OutreachTimerSubject {
  readonly orgId: string;
  readonly campaignId: string;
  readonly contactId: string | null;
}

/** The command a due timer sends, as it travels on the wire, and the stream it addresses. */
export type OutreachTimerCommand =
  | { readonly type: 'CompleteCampaign'; readonly data: { readonly campaignId: string; readonly reason: 'end_date_reached' }; readonly streamId: string }
  | { readonly type: 'ArchiveCampaign'; readonly data: { readonly campaignId: string; readonly reason: 'archive_after_90_days' }; readonly streamId: string }
  | { readonly type: 'RequeueContact'; readonly data: { readonly campaignId: string; readonly contactId: string }; readonly streamId: string }
  | {
      readonly type: 'ErasePersonalData';
      readonly data: {
        readonly erasureId: string;
        readonly basis: 'retention';
        readonly campaignId: string;
        readonly email: null;
        readonly linkedinUrl: null;
        readonly reason: string;
      };
      readonly streamId: string;
    };

export const OUTREACH_TIMER_COMMANDS = {
  CAMPAIGN_END_DATE: 'CompleteCampaign',
  CAMPAIGN_ARCHIVE: 'ArchiveCampaign',
  SOFT_BOUNCE_RETRY: 'RequeueContact',
  DATA_RETENTION: 'ErasePersonalData',
} as const satisfies Record<OutreachTimerType, OutreachTimerCommand['type']>;

/** What a due timer sends; null when a soft-bounce retry names no contact (a corrupt row). */
export const outreachTimerCommand = (timerType: OutreachTimerType, subject: OutreachTimerSubject): OutreachTimerCommand | null => {
  const { orgId, campaignId, contactId } = subject;
  const campaignStream = campaignStreamId(orgId, campaignId);
  switch (timerType) {
    case 'CAMPAIGN_END_DATE':
      return { type: 'CompleteCampaign', data: { campaignId, reason: 'end_date_reached' }, streamId: campaignStream };
    case 'CAMPAIGN_ARCHIVE':
      return { type: 'ArchiveCampaign', data: { campaignId, reason: 'archive_after_90_days' }, streamId: campaignStream };
    case 'SOFT_BOUNCE_RETRY':
      return contactId ? { type: 'RequeueContact', data: { campaignId, contactId }, streamId: contactStreamId(orgId, contactId) } : null;
    case 'DATA_RETENTION':
      // One retention erasure per campaign: its id is the campaign's, so a re-fire finds it recorded.
      return {
        type: 'ErasePersonalData',
        data: {
          erasureId: campaignId,
          basis: 'retention',
          campaignId,
          email: null,
          linkedinUrl: null,
          reason: 'retention: 2 years after the campaign ended (seed 004)',
        },
        streamId: erasureStreamId(orgId, campaignId),
      };
  }
};
