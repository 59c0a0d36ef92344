/**
 * A contact's state as its decisions see it, folded from its campaign's stream (status,
 * channel, owner, type) and its own. `status`, `sentAt` and `channel` move exactly as the
 * campaign_contacts projection moves them.
 */
import type { OutreachCampaignEvent } from './campaign';
import { Registry } from './registry';
import { type ContactAdded, type ContactEvent, contactStatusAfter, type EmailBounced, type MessageSent } from './contact';
import type { CampaignType, Channel, ChannelPreference, ContactStatus, LinkedInMessageKind, OutreachCampaignStatus, TemplateChannel } from './values';

/** What a contact's decisions need of its campaign (read from the campaign's stream). */
export interface ContactCampaignView {
  readonly campaignId: string;
  readonly status: OutreachCampaignStatus;
  readonly channel: Channel;
  /** Which channel a combined campaign writes on first. */
  readonly channelPreference: ChannelPreference;
  readonly campaignType: CampaignType;
  readonly ownerId: string;
  /** Contacts taken out of the campaign (ContactRemoved, on the campaign's stream): no longer its. */
  readonly removed: Registry<true>;
}

/** A send asked of a sender adapter and not yet reported sent or failed. */
export interface OutstandingDispatch {
  readonly dispatchId: string;
  readonly channel: TemplateChannel;
  readonly attempt: number;
}

/** The contact as its decisions see it; `status`, `sentAt` and `channel` follow the projection's rules. */
export interface ContactView {
  readonly campaignId: string;
  readonly contactId: string;
  readonly email: string | null;
  readonly linkedinUrl: string | null;
  readonly templateUsedId: string | null;
  readonly linkedinMessageKind: LinkedInMessageKind | null;
  readonly status: ContactStatus;
  /** The first send. */
  readonly sentAt: string | null;
  /** The channel of the first send (campaign_contacts.channel). */
  readonly channel: TemplateChannel | null;
  readonly sends: number;
  readonly emailSent: boolean;
  readonly outstanding: OutstandingDispatch | null;
  readonly sentDispatchIds: readonly string[];
  /** Dispatches a sender adapter reported it could not send (settled too: a repeat changes nothing). */
  readonly failedDispatchIds: readonly string[];
  readonly softBounceCount: number;
  readonly firstSoftBounceAt: string | null;
  /** The latest send soft-bounced already (a repeated report of it changes nothing). */
  readonly softBouncedSinceSend: boolean;
  /** A soft bounce left a retry to requeue. */
  readonly retryPending: boolean;
  /** Kept apart from `status`, which a later conversion overwrites. */
  readonly bounced: boolean;
  readonly unsubscribed: boolean;
  readonly converted: boolean;
}

export interface ContactState {
  readonly campaign: ContactCampaignView | null;
  readonly contact: ContactView | null;
}

export const initialContactState = (): ContactState => ({ campaign: null, contact: null });

const evolveContactCampaign = (view: ContactCampaignView | null, event: OutreachCampaignEvent): ContactCampaignView | null => {
  switch (event.type) {
    case 'CampaignCreated':
    case 'CampaignUpdated': {
      const { channel, channelPreference = 'email_first', campaignType, ownerId } = event.data.settings;
      const removed = view?.removed ?? Registry.empty<true>();
      return { campaignId: event.data.campaignId, status: view?.status ?? 'draft', channel, channelPreference, campaignType, ownerId, removed };
    }
    case 'CampaignStatusChanged':
      return view === null ? null : { ...view, status: event.data.to };
    default:
      return view;
  }
};

const added = (event: ContactAdded): ContactView => {
  const { campaignId, contactId, email, linkedinUrl, templateUsedId, linkedinMessageKind } = event.data;
  return {
    campaignId,
    contactId,
    email,
    linkedinUrl,
    templateUsedId,
    linkedinMessageKind,
    status: 'pending',
    sentAt: null,
    channel: null,
    sends: 0,
    emailSent: false,
    outstanding: null,
    sentDispatchIds: [],
    failedDispatchIds: [],
    softBounceCount: 0,
    firstSoftBounceAt: null,
    softBouncedSinceSend: false,
    retryPending: false,
    bounced: false,
    unsubscribed: false,
    converted: false,
  };
};

const sent = (contact: ContactView, event: MessageSent): ContactView => ({
  ...contact,
  status: contactStatusAfter(contact.status, event),
  sentAt: contact.sentAt ?? event.data.sentAt,
  channel: contact.channel ?? event.data.channel,
  sends: contact.sends + 1,
  emailSent: contact.emailSent || event.data.channel === 'email',
  outstanding: null,
  sentDispatchIds: [...contact.sentDispatchIds, event.data.dispatchId],
  softBouncedSinceSend: false,
});

const bounced = (contact: ContactView, event: EmailBounced): ContactView => {
  const { final, bounceType, softBounceCount, bouncedAt } = event.data;
  const soft = bounceType === 'soft';
  return {
    ...contact,
    status: contactStatusAfter(contact.status, event),
    bounced: contact.bounced || final,
    softBounceCount: soft ? softBounceCount : contact.softBounceCount,
    firstSoftBounceAt: soft ? (contact.firstSoftBounceAt ?? bouncedAt) : contact.firstSoftBounceAt,
    softBouncedSinceSend: contact.softBouncedSinceSend || soft,
    // A soft bounce after completion leaves no retry (retryAt null).
    retryPending: soft && !final && event.data.retryAt !== null,
  };
};

// seed 004: campaign_contacts Status Workflow — pending → sent → opened → responded → converted, or bounced, or unsubscribed.
const evolveContactView = (contact: ContactView, event: Exclude<ContactEvent, ContactAdded>): ContactView => {
  switch (event.type) {
    case 'ContactDispatchRequested': {
      const { dispatchId, channel, attempt } = event.data;
      return { ...contact, outstanding: { dispatchId, channel, attempt } };
    }
    case 'MessageSent':
      return sent(contact, event);
    case 'ContactDispatchFailed': {
      // No send happened: the contact stays as it was, free to be dispatched again.
      const { dispatchId } = event.data;
      const outstanding = contact.outstanding?.dispatchId === dispatchId ? null : contact.outstanding;
      return { ...contact, outstanding, failedDispatchIds: [...contact.failedDispatchIds, dispatchId] };
    }
    case 'EmailOpened':
    case 'LinkClicked':
    case 'ContactResponded':
      return { ...contact, status: contactStatusAfter(contact.status, event) };
    case 'EmailBounced':
      return bounced(contact, event);
    case 'ContactRequeued':
      return { ...contact, status: contactStatusAfter(contact.status, event), retryPending: false };
    case 'ContactConverted':
      return { ...contact, status: contactStatusAfter(contact.status, event), converted: true };
    case 'ContactUnsubscribed':
      return { ...contact, status: contactStatusAfter(contact.status, event), unsubscribed: true };
    case 'LinkedInProfileViewed':
    case 'ContactDispatchHeld':
    case 'ContactRemoved':
      return contact;
  }
};

export const evolveContact = (state: ContactState, event: OutreachCampaignEvent | ContactEvent): ContactState => {
  switch (event.type) {
    case 'CampaignCreated':
    case 'CampaignUpdated':
    case 'CampaignStatusChanged':
    case 'ContactsAdded':
    case 'CampaignCompletionReported':
      return { ...state, campaign: evolveContactCampaign(state.campaign, event) };
    case 'ContactAdded':
      return { ...state, contact: added(event) };
    case 'ContactRemoved':
      // Folded from the campaign's stream, before the contact's own.
      return state.campaign === null ? state : { ...state, campaign: { ...state.campaign, removed: state.campaign.removed.with(event.data.contactId, true) } };
    default:
      return state.contact === null ? state : { ...state, contact: evolveContactView(state.contact, event) };
  }
};
