/**
 * seed 004 `engagement_tracking`: one row per engagement event of a contact, with the
 * event_data fields the seed's Event Types table lists. The row's id is the event's id, so a
 * redelivered event finds its row already there and inserts nothing.
 */
import { projector } from '../shared/projector';
import type { ContactEnvelope, ContactRow, EngagementRow } from './outreach.events';

type Fields = Pick<EngagementRow, 'event_type' | 'event_data' | 'event_timestamp'> & Partial<EngagementRow>;

const fieldsOf = (event: ContactEnvelope): Fields | null => {
  switch (event.type) {
    case 'MessageSent': {
      const d = event.data;
      return d.channel === 'email'
        ? { event_type: 'email_sent', event_data: { provider: d.provider, message_id: d.messageId }, event_timestamp: d.sentAt }
        : { event_type: 'linkedin_sent', event_data: { message_id: d.messageId }, event_timestamp: d.sentAt };
    }
    case 'EmailOpened': {
      const d = event.data;
      const tracking = { tracking_id: d.trackingId, user_agent: d.userAgent, ip_address: d.ipAddress };
      return {
        event_type: 'email_opened',
        event_data: { ip_address: d.ipAddress, user_agent: d.userAgent, location: d.location },
        event_timestamp: d.openedAt,
        ...tracking,
      };
    }
    case 'LinkClicked': {
      const d = event.data;
      const tracking = { tracking_id: d.trackingId, user_agent: d.userAgent, ip_address: d.ipAddress, clicked_url: d.url };
      return { event_type: 'link_clicked', event_data: { url: d.url, link_text: d.linkText }, event_timestamp: d.clickedAt, ...tracking };
    }
    case 'EmailBounced':
      return {
        event_type: 'email_bounced',
        event_data: { bounce_type: event.data.bounceType, bounce_reason: event.data.bounceReason },
        event_timestamp: event.data.bouncedAt,
      };
    case 'ContactUnsubscribed':
      return { event_type: 'unsubscribed', event_data: { reason: event.data.reason }, event_timestamp: event.data.unsubscribedAt };
    case 'LinkedInProfileViewed':
      return { event_type: 'linkedin_viewed', event_data: {}, event_timestamp: event.data.viewedAt };
    case 'ContactResponded':
      return { event_type: 'response_received', event_data: { channel: event.data.channel }, event_timestamp: event.data.respondedAt };
    default:
      return null;
  }
};

/** The engagement row an event of this contact records, or null (no engagement, or no such contact). */
export const projectEngagement = (contact: ContactRow | null, event: ContactEnvelope): EngagementRow | null => {
  const fields = contact && fieldsOf(event);
  if (!contact || !fields) return null;
  return {
    id: event.eventId,
    campaign_contact_id: contact.id,
    tracking_id: null,
    user_agent: null,
    ip_address: null,
    clicked_url: null,
    ...fields,
    created_at: event.occurredAt,
  };
};

/** The contact's row is the one a new engagement row hangs from (engagement rows are never updated). */
export const engagementTrackingProjector = projector({
  table: 'engagement_tracking',
  eventTypes: ['MessageSent', 'EmailOpened', 'LinkClicked', 'EmailBounced', 'ContactResponded', 'ContactUnsubscribed', 'LinkedInProfileViewed'],
  project: projectEngagement,
});
