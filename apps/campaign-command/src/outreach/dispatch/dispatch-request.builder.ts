import { outreach as outreachWire } from '@campaign/contracts';
import type { outreach } from '@campaign/domain';
import type { ContactRow } from './dispatch-state';

export interface TrackingSettings {
  readonly secret: string;
  /** Where analytics-ingest's tracking door is reached, without a trailing slash. */
  readonly baseUrl: string;
}

type Requested = outreach.ContactDispatchRequested['data'];

/**
 * The links a sender adapter puts in the message: each carries the signed token naming the
 * org, campaign and contact, so a hit is attributed without a lookup and cannot be forged.
 */
export const trackingOf = (
  subject: outreachWire.tracking.TrackingSubject,
  channel: outreach.TemplateChannel,
  settings: TrackingSettings,
): outreachWire.DispatchRequest['tracking'] => {
  const token = outreachWire.tracking.signTrackingToken(subject, settings.secret);
  return {
    token,
    // seed 004: LinkedIn — no open tracking
    openPixelUrl: channel === 'email' ? `${settings.baseUrl}/v1/track/open/${token}.gif` : null,
    clickUrlTemplate: `${settings.baseUrl}/v1/track/click/${token}?url={url}&sig={sig}`,
    // seed 004: one-click unsubscribe required
    unsubscribeUrl: `${settings.baseUrl}/v1/track/unsubscribe/${token}`,
    // The adapter signs each link's target with it; it cannot sign for another message.
    clickLinkKey: outreachWire.tracking.clickLinkKey(token, settings.secret),
  };
};

/** The request for a sender adapter: the decided dispatch plus the recipient from the contact's row. */
export const dispatchRequestOf = (requested: Requested, contact: ContactRow, settings: TrackingSettings): outreachWire.DispatchRequest => ({
  dispatchId: requested.dispatchId,
  orgId: requested.orgId,
  campaignId: requested.campaignId,
  contactId: requested.contactId,
  channel: requested.channel,
  messageKind: requested.messageKind,
  templateId: requested.templateId,
  senderId: requested.senderId,
  attempt: requested.attempt,
  recipient: {
    email: contact.email,
    linkedinUrl: contact.linkedin_url,
    firstName: contact.first_name,
    lastName: contact.last_name,
    companyName: contact.company_name,
    title: contact.title,
  },
  tracking: trackingOf(requested, requested.channel, settings),
  requestedAt: requested.requestedAt,
  // The sending window was reserved when the dispatch was decided: it may go at once.
  notBefore: requested.requestedAt,
});
