import { bounceFact, clickFact, linkedInFact, openFact, replyFact, unsubscribeFact } from './engagement-facts';

const subject = {
  orgId: '11111111-1111-4111-8111-111111111111',
  campaignId: '22222222-2222-4222-8222-222222222222',
  contactId: '33333333-3333-4333-8333-333333333333',
};
const address = { campaignId: subject.campaignId, contactId: subject.contactId };
const windows = { eventTtlSeconds: 604_800, hitWindowSeconds: 60 };
const hit = { ipAddress: '203.0.113.7', userAgent: 'Mozilla/5.0' };

describe('outside facts as outreach contact commands', () => {
  it('an open records RecordEmailOpened with the user agent and IP', () => {
    const fact = openFact(subject, hit, windows, 0);
    expect(fact.command).toEqual({
      type: 'RecordEmailOpened',
      data: { ...address, trackingId: fact.dedupe.commandId, userAgent: 'Mozilla/5.0', ipAddress: '203.0.113.7', location: null },
    });
    expect(fact.counters).toEqual(['opens']);
  });

  it('a click records the URL and link text (seed 004: link_clicked { url, link_text })', () => {
    const fact = clickFact(subject, { ...hit, url: 'https://intime.com/jobs/1', linkText: 'View Job Details' }, windows, 0);
    expect(fact.command).toMatchObject({
      type: 'RecordLinkClicked',
      data: { ...address, url: 'https://intime.com/jobs/1', linkText: 'View Job Details', ipAddress: '203.0.113.7' },
    });
  });

  it('a bounce carries its type and reason and is correlated by the provider event id', () => {
    const fact = bounceFact(subject, { token: 't', bounceType: 'soft', reason: 'mailbox full', providerEventId: 'evt-9' }, windows);
    expect(fact.command).toEqual({ type: 'RecordBounce', data: { ...address, bounceType: 'soft', bounceReason: 'mailbox full' } });
    expect(fact.correlationId).toBe('evt-9');
  });

  it('a reply is a response on email unless it names LinkedIn', () => {
    expect(replyFact(subject, { token: 't', providerEventId: 'e', text: 'Interested' }, windows).command).toEqual({
      type: 'RecordResponse',
      data: { ...address, channel: 'email', responseText: 'Interested' },
    });
    expect(replyFact(subject, { token: 't', providerEventId: 'e', channel: 'linkedin' }, windows).command.data).toMatchObject({
      channel: 'linkedin',
      responseText: null,
    });
  });

  it('LinkedIn profile_viewed records the view; replied records a LinkedIn response (seed 004: LinkedIn message reply)', () => {
    expect(linkedInFact(subject, { token: 't', activity: 'profile_viewed', providerEventId: 'e' }, windows)).toMatchObject({
      command: { type: 'RecordLinkedInProfileViewed', data: address },
      counters: ['linkedin'],
    });
    expect(linkedInFact(subject, { token: 't', activity: 'replied', text: 'Hi', providerEventId: 'e' }, windows)).toMatchObject({
      command: { type: 'RecordResponse', data: { ...address, channel: 'linkedin', responseText: 'Hi' } },
      counters: ['linkedin', 'replies'],
    });
  });

  it('an unsubscribe records UnsubscribeContact with how it was asked for', () => {
    expect(unsubscribeFact(subject, 'list_unsubscribe_one_click', windows).command).toEqual({
      type: 'UnsubscribeContact',
      data: { ...address, reason: 'list_unsubscribe_one_click' },
    });
  });
});
