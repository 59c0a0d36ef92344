/**
 * seed 004 `campaign_contacts`: one row per person a campaign contacts, moved through
 * pending → sent → opened → responded → converted (or bounced, or unsubscribed) exactly as the
 * shared contact status semantics say. Every function returns the same row object when the
 * event changes nothing, so the writer can tell a no-op from a change.
 */
import { outreach as outreachWire } from '@campaign/contracts';
import { outreach } from '@campaign/domain';
import { projector } from '../shared/projector';
import type { ContactEnvelope, ContactRow } from './outreach.events';

const added = (event: Extract<ContactEnvelope, { type: 'ContactAdded' }>): ContactRow => {
  const d = event.data;
  return {
    id: d.contactId,
    campaign_id: d.campaignId,
    contact_type: d.contactType,
    user_id: d.userId,
    lead_id: d.leadId,
    first_name: d.firstName,
    last_name: d.lastName,
    email: d.email,
    linkedin_url: d.linkedinUrl,
    company_name: d.companyName,
    title: d.title,
    // seed 004: campaign_contacts.status defaults to 'pending'
    status: 'pending',
    ab_variant: d.abVariant,
    template_used_id: d.templateUsedId,
    channel: null,
    sent_at: null,
    opened_at: null,
    clicked_at: null,
    responded_at: null,
    response_text: null,
    converted_at: null,
    conversion_type: null,
    conversion_entity_id: null,
    created_at: d.addedAt,
    updated_at: d.addedAt,
  };
};

const changes = (row: ContactRow, event: ContactEnvelope): Partial<ContactRow> => {
  const status = outreach.contactStatusAfter(row.status as outreach.ContactStatus, event);
  switch (event.type) {
    // A dispatch that failed leaves the contact as it was (pending): no status moves.
    case 'ContactAdded':
    case 'ContactRemoved':
    case 'ContactDispatchRequested':
    case 'ContactDispatchHeld':
    case 'ContactDispatchFailed':
    case 'LinkedInProfileViewed':
      return {};
    case 'MessageSent':
      // sent_at and channel stay those of the first send (linkedin_messages_sent counts them).
      return { status, sent_at: row.sent_at ?? event.data.sentAt, channel: row.channel ?? event.data.channel };
    case 'EmailOpened':
      return { status, opened_at: row.opened_at ?? event.data.openedAt };
    case 'LinkClicked':
      // A click implies an open.
      return { status, clicked_at: row.clicked_at ?? event.data.clickedAt };
    case 'EmailBounced':
    case 'ContactRequeued':
    case 'ContactUnsubscribed':
      return { status };
    case 'ContactResponded':
      return {
        status,
        responded_at: row.responded_at ?? event.data.respondedAt,
        response_text: event.data.responseText ?? row.response_text,
      };
    case 'ContactConverted': {
      const d = event.data;
      // seed 004 Conversion Recording: converted_at, conversion_type, conversion_entity_id, status = 'converted'
      return { status, converted_at: d.convertedAt, conversion_type: d.conversionType, conversion_entity_id: d.conversionEntityId };
    }
  }
};

/**
 * The contact's row after the event; null when there is none, or when ContactRemoved takes it
 * out of its campaign (the writer deletes the row: nothing was sent to it, no counter moves).
 */
export const projectContact = (row: ContactRow | null, event: ContactEnvelope): ContactRow | null => {
  if (event.type === 'ContactAdded') return row ?? added(event);
  if (!row || event.type === 'ContactRemoved') return null;
  const patch = changes(row, event);
  const changed = (Object.keys(patch) as (keyof ContactRow)[]).some((key) => patch[key] !== row[key]);
  return changed ? { ...row, ...patch, updated_at: event.occurredAt } : row;
};

/** Every contact event reaches the table (the wire contract's list), each handled above. */
export const campaignContactsProjector = projector({
  table: 'campaign_contacts',
  eventTypes: [...outreachWire.OUTREACH_CONTACT_EVENT_TYPES] as ContactEnvelope['type'][],
  project: projectContact,
});
