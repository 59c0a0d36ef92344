/**
 * One person contacted by a campaign (seed 004 campaign_contacts) and what happened to them:
 * pending → sent → opened → responded → converted, or bounced, or unsubscribed. Each contact is
 * its own stream under the org's partition key, opened by the campaign's AddContacts.
 */
import type { Event } from '../shared/decider';
import type {
  AbVariant,
  BounceType,
  ContactStatus,
  ContactType,
  ConversionType,
  LinkedInMessageKind,
  MessageKind,
  ResponseChannel,
  TemplateChannel,
} from './values';

export const contactStreamId = (orgId: string, contactId: string): string => `outreach-${orgId}/contact/${contactId}`;

interface ContactRef {
  readonly orgId: string;
  readonly campaignId: string;
  readonly contactId: string;
}

export type ContactAdded = Event<
  'ContactAdded',
  ContactRef & {
    readonly contactType: ContactType;
    readonly userId: string | null;
    readonly leadId: string | null;
    readonly firstName: string | null;
    readonly lastName: string | null;
    /** The address to write to: given, or taken from the user or lead it names. */
    readonly email: string | null;
    readonly linkedinUrl: string | null;
    readonly companyName: string | null;
    readonly title: string | null;
    /** seed 004: required when the campaign is an A/B test, null otherwise. */
    readonly abVariant: AbVariant | null;
    readonly templateUsedId: string | null;
    /** The kind of LinkedIn message the template is, when it is a LinkedIn template. */
    readonly linkedinMessageKind: LinkedInMessageKind | null;
    readonly addedAt: string;
  }
>;

/** The platform decided to contact this person now: a sender adapter is asked to send. */
export type ContactDispatchRequested = Event<
  'ContactDispatchRequested',
  ContactRef & {
    readonly dispatchId: string;
    readonly channel: TemplateChannel;
    readonly messageKind: MessageKind;
    readonly templateId: string | null;
    /** The campaign owner, whose sending windows the send counts against. */
    readonly senderId: string;
    /** 1 for the first send; retries after soft bounces count up. */
    readonly attempt: number;
    readonly requestedAt: string;
  }
>;

/**
 * The contact was due but a sending window of its sender (the campaign owner) was full: the
 * contact waits, and so does the rest of the sender's outreach, until `heldUntil`, when a slot
 * frees up (seed 004 CAMPAIGN_SEND_LIMIT_EXCEEDED — "Wait 24 hours or increase limit").
 */
export type ContactDispatchHeld = Event<
  'ContactDispatchHeld',
  ContactRef & {
    readonly senderId: string;
    /** The window, by its name in SEND_RULES (email_per_day, linkedin_inmails_per_month…). */
    readonly limit: string;
    readonly max: number;
    readonly heldUntil: string;
    readonly heldAt: string;
  }
>;

/** A sender adapter reports the message went out (engagement email_sent / linkedin_sent). */
export type MessageSent = Event<
  'MessageSent',
  ContactRef & {
    readonly dispatchId: string;
    readonly channel: TemplateChannel;
    readonly provider: string | null;
    readonly messageId: string | null;
    readonly sentAt: string;
  }
>;

/**
 * A sender adapter reports the message could not be sent (provider down, rejected before
 * sending): the dispatch is settled without a send, the contact stays pending. Not one of
 * seed 004's engagement types, so it records no engagement row; the dispatcher decides what
 * follows (a retry after a back-off, or, when not retryable, the contact recorded bounced).
 */
export type ContactDispatchFailed = Event<
  'ContactDispatchFailed',
  ContactRef & {
    readonly dispatchId: string;
    readonly reason: string;
    readonly retryable: boolean;
    readonly failedAt: string;
    /** The recipient itself was refused (never retryable): its bounce suppresses the address. */
    readonly recipientRejected: boolean;
  }
>;

interface Tracking {
  readonly trackingId: string | null;
  readonly userAgent: string | null;
  readonly ipAddress: string | null;
}

export type EmailOpened = Event<'EmailOpened', ContactRef & Tracking & { readonly location: string | null; readonly openedAt: string }>;

export type LinkClicked = Event<'LinkClicked', ContactRef & Tracking & { readonly url: string; readonly linkText: string | null; readonly clickedAt: string }>;

export type EmailBounced = Event<
  'EmailBounced',
  ContactRef & {
    readonly bounceType: BounceType;
    readonly bounceReason: string | null;
    /** Soft bounces so far, this one included (0 for a hard bounce). */
    readonly softBounceCount: number;
    /** When the retry is due (soft bounce with retries left), else null. */
    readonly retryAt: string | null;
    /** True when the contact is now bounced for good (hard, or soft with no retry left). */
    readonly final: boolean;
    readonly email: string | null;
    readonly bouncedAt: string;
    /**
     * The address itself was refused — every provider bounce. A final bounce of such an address
     * suppresses it org-wide; a dispatch that failed for good for another reason (the message,
     * the channel) ends this contact only.
     */
    readonly addressRejected: boolean;
  }
>;

/** A soft-bounced contact is due again (the SOFT_BOUNCE_RETRY timer fired): back to pending. */
export type ContactRequeued = Event<'ContactRequeued', ContactRef & { readonly attempt: number; readonly requeuedAt: string }>;

// The design card's fact: a contact replied (engagement response_received).
export type ContactResponded = Event<
  'ContactResponded',
  ContactRef & { readonly channel: ResponseChannel; readonly responseText: string | null; readonly respondedAt: string }
>;

export type ContactConverted = Event<
  'ContactConverted',
  ContactRef & { readonly conversionType: ConversionType; readonly conversionEntityId: string | null; readonly convertedAt: string }
>;

/** seed 004: unsubscribe applies globally — the org suppresses this address for every campaign. */
export type ContactUnsubscribed = Event<
  'ContactUnsubscribed',
  ContactRef & { readonly email: string | null; readonly reason: string | null; readonly unsubscribedAt: string }
>;

export type LinkedInProfileViewed = Event<'LinkedInProfileViewed', ContactRef & { readonly viewedAt: string }>;

/**
 * The contact was taken out of its draft or paused campaign before anything was sent to it: it
 * is no longer the campaign's. Recorded on the campaign's stream (it changes the campaign's
 * count of contacts), yet a contact event: every consumer routes it by its contactId.
 */
export type ContactRemoved = Event<
  'ContactRemoved',
  ContactRef & { readonly abVariant: AbVariant | null; readonly totalContacts: number; readonly removedAt: string }
>;

export type ContactEvent =
  | ContactAdded
  | ContactDispatchRequested
  | ContactDispatchHeld
  | MessageSent
  | ContactDispatchFailed
  | EmailOpened
  | LinkClicked
  | EmailBounced
  | ContactRequeued
  | ContactResponded
  | ContactConverted
  | ContactUnsubscribed
  | LinkedInProfileViewed
  | ContactRemoved;

/**
 * The one statement of how a contact's status moves (seed 004 campaign_contacts Status
 * Workflow: pending → sent → opened → responded → converted, or bounced, or unsubscribed).
 * The decider, the projection and the dispatcher all fold statuses with it, so the counters
 * built on them (contacts_reached counts sent/opened/responded/converted) agree everywhere.
 */
export const contactStatusAfter = (status: ContactStatus, event: { readonly type: string; readonly data: unknown }): ContactStatus => {
  switch (event.type) {
    case 'MessageSent':
      return status === 'pending' ? 'sent' : status;
    case 'EmailOpened':
    case 'LinkClicked':
      // A click implies an open.
      return status === 'sent' ? 'opened' : status;
    case 'EmailBounced':
      // seed 004: a hard bounce, or the last soft bounce, marks the contact 'bounced'.
      return (event.data as EmailBounced['data']).final ? 'bounced' : status;
    case 'ContactRequeued':
      return 'pending';
    case 'ContactResponded':
      return status === 'sent' || status === 'opened' ? 'responded' : status;
    case 'ContactConverted':
      return 'converted';
    case 'ContactUnsubscribed':
      return 'unsubscribed';
    default:
      return status;
  }
};
