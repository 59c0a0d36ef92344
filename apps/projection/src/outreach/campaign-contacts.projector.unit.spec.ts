import type { EventEnvelope } from '@campaign/contracts';
import { addDelta, zeroDelta } from './campaign-counters';
import { projectContact } from './campaign-contacts.projector';
import { projectEngagement } from './engagement-tracking.projector';
import type { ContactEnvelope, ContactRow } from './outreach.events';
import { OutreachHistory } from './testing';

/** Folds one contact's events through the projector, as the writer does. */
const fold = (events: readonly EventEnvelope[]): ContactRow | null =>
  events.reduce<ContactRow | null>((row, event) => projectContact(row, event as ContactEnvelope), null);

const contact = () => {
  const h = new OutreachHistory();
  const campaign = h.createCampaign('00000000-0000-4000-8000-000000000001');
  const [id] = h.addContacts(campaign, [{}]);
  const events = () => h.envelopes.filter((e) => (e.data as { contactId?: string }).contactId === id);
  return { h, id, events };
};

describe('campaign_contacts status (seed 004 status workflow pending → sent → opened → responded → converted)', () => {
  it('a new contact is pending; a dispatch request changes nothing', () => {
    const { h, id, events } = contact();
    const added = fold(events());
    h.dispatchRequested(id);
    expect(added).toMatchObject({ status: 'pending', sent_at: null });
    expect(fold(events())).toEqual(added);
  });

  it('a failed dispatch leaves the row as it was (still pending) and records no engagement', () => {
    const { h, id, events } = contact();
    h.dispatchRequested(id);
    const before = fold(events());
    h.dispatchFailed(id, true).dispatchFailed(id, false);
    const failed = events().filter((e) => e.type === 'ContactDispatchFailed') as ContactEnvelope[];
    // The very same row object: the writer sees a no-op and writes nothing.
    expect(failed.map((e) => projectContact(before, e))).toEqual([before, before]);
    expect(projectContact(before, failed[0])).toBe(before);
    expect(failed.map((e) => projectEngagement(before, e))).toEqual([null, null]);
    expect(fold(events())).toMatchObject({ status: 'pending', sent_at: null });
  });

  it('sent keeps the first send time and channel; a click implies an open', () => {
    const { h, id, events } = contact();
    h.sent(id, 'linkedin');
    const first = fold(events());
    h.sent(id, 'email').clicked(id);
    expect(fold(events())).toMatchObject({ status: 'opened', sent_at: first?.sent_at, channel: 'linkedin', opened_at: null, clicked_at: expect.any(String) });
  });

  it('seed 004 Bounce Handling: a soft bounce leaves the status, a requeue makes it pending, the last bounce marks it bounced', () => {
    const { h, id, events } = contact();
    h.sent(id).bounced(id, { final: false });
    expect(fold(events())?.status).toBe('sent');
    h.requeued(id);
    expect(fold(events())?.status).toBe('pending');
    h.sent(id).bounced(id, { final: true });
    expect(fold(events())?.status).toBe('bounced');
  });

  it('a response counts only after a send; its text is the latest non-null one', () => {
    const { h, id, events } = contact();
    h.responded(id, 'too early');
    expect(fold(events())).toMatchObject({ status: 'pending', responded_at: expect.any(String) });
    h.sent(id).responded(id, 'Interested').responded(id, null);
    expect(fold(events())).toMatchObject({ status: 'responded', response_text: 'Interested' });
  });

  it('seed 004 Conversion Recording sets converted_at, conversion_type, conversion_entity_id and status converted', () => {
    const { h, id, events } = contact();
    h.sent(id).responded(id).converted(id, 'interview');
    expect(fold(events())).toMatchObject({
      status: 'converted',
      conversion_type: 'interview',
      converted_at: expect.any(String),
      conversion_entity_id: expect.any(String),
    });
  });

  it('counter deltas follow the seed COUNT definitions: an unsubscribe after a send leaves contacts_reached', () => {
    const { h, id, events } = contact();
    h.sent(id);
    const sent = fold(events()) as ContactRow;
    h.unsubscribed(id);
    const unsubscribed = fold(events()) as ContactRow;
    const delta = zeroDelta();
    addDelta(delta, null, { row: sent, hasEmailSent: true });
    expect(delta).toEqual({ contacts_reached: 1, emails_sent: 1, linkedin_messages_sent: 0, responses_received: 0, conversions: 0 });
    addDelta(delta, { row: sent, hasEmailSent: true }, { row: unsubscribed, hasEmailSent: true });
    expect(delta).toEqual({ contacts_reached: 0, emails_sent: 1, linkedin_messages_sent: 0, responses_received: 0, conversions: 0 });
  });
});

describe('a contact removed from its draft or paused campaign (issue 11)', () => {
  const envelopeOf = (type: string, data: Record<string, unknown>) => ({ type, data, occurredAt: '2026-03-02T10:00:00.000Z' }) as unknown as ContactEnvelope;

  // seed 004: CONTACT_UNSUBSCRIBED — "Remove from campaign": the row goes (the writer deletes it)
  it('ContactRemoved leaves no row', () => {
    const { id, events } = contact();
    const row = fold(events()) as ContactRow;
    expect(projectContact(row, envelopeOf('ContactRemoved', { contactId: id, campaignId: row.campaign_id, abVariant: null, totalContacts: 0 }))).toBeNull();
  });

  it('a held dispatch changes nothing on the contact row (the hold is the campaign’s, see send-holds.projector.ts)', () => {
    const { id, events } = contact();
    const row = fold(events()) as ContactRow;
    expect(projectContact(row, envelopeOf('ContactDispatchHeld', { contactId: id, limit: 'email_per_day', max: 1000 }))).toBe(row);
  });
});
