import { fold } from '../shared/decider';
import type { ContactEvent } from './contact';
import { contactDecider } from './contact.decide';
import type { ContactView } from './contact.state';
import type { ContactStatus } from './values';
import { contactIn, NOW, outreachEvent as event, sentOnce } from './testing';

const ref = event.messageSent().data;
const contactAfter = (contactEvents: readonly ContactEvent[]): ContactView => fold(contactDecider, contactIn('active', contactEvents)).contact!;
const statusAfter = (contactEvents: readonly ContactEvent[]): ContactStatus => contactAfter(contactEvents).status;
const at = { orgId: ref.orgId, campaignId: ref.campaignId, contactId: ref.contactId };
const opened: ContactEvent = { type: 'EmailOpened', data: { ...at, trackingId: null, userAgent: null, ipAddress: null, location: null, openedAt: NOW } };
const clicked: ContactEvent = {
  type: 'LinkClicked',
  data: { ...at, trackingId: null, userAgent: null, ipAddress: null, url: 'https://x.test', linkText: null, clickedAt: NOW },
};
const responded: ContactEvent = { type: 'ContactResponded', data: { ...at, channel: 'email', responseText: null, respondedAt: NOW } };
const converted: ContactEvent = { type: 'ContactConverted', data: { ...at, conversionType: 'interview', conversionEntityId: null, convertedAt: NOW } };
const unsubscribed: ContactEvent = { type: 'ContactUnsubscribed', data: { ...at, email: null, reason: null, unsubscribedAt: NOW } };
const requeued: ContactEvent = { type: 'ContactRequeued', data: { ...at, attempt: 2, requeuedAt: NOW } };
const softBounce = event.bounced({ bounceType: 'soft', softBounceCount: 1, retryAt: NOW, final: false });

// seed 004: campaign_contacts Status Workflow — pending → sent → opened → responded → converted, or bounced, or unsubscribed
describe('the contact status follows the campaign_contacts workflow', () => {
  it.each<[string, ContactEvent[], ContactStatus]>([
    ['ContactAdded → pending', [], 'pending'],
    ['ContactDispatchRequested leaves it pending', [event.dispatchRequested()], 'pending'],
    ['MessageSent → sent', sentOnce(), 'sent'],
    ['EmailOpened → opened', [...sentOnce(), opened], 'opened'],
    ['LinkClicked → opened (a click implies an open)', [...sentOnce(), clicked], 'opened'],
    ['ContactResponded after an open → responded', [...sentOnce(), opened, responded], 'responded'],
    ['EmailOpened after a response leaves it responded', [...sentOnce(), responded, opened], 'responded'],
    ['ContactConverted → converted', [...sentOnce(), responded, converted], 'converted'],
    ['a soft bounce with a retry left leaves it sent', [...sentOnce(), softBounce], 'sent'],
    ['ContactRequeued → pending', [...sentOnce(), softBounce, requeued], 'pending'],
    ['a final bounce → bounced', [...sentOnce(), event.bounced()], 'bounced'],
    ['ContactUnsubscribed → unsubscribed', [...sentOnce(), opened, unsubscribed], 'unsubscribed'],
    ['ContactResponded after unsubscribing leaves it unsubscribed', [...sentOnce(), unsubscribed, responded], 'unsubscribed'],
  ])('%s', (_, contactEvents, status) => {
    expect(statusAfter(contactEvents)).toBe(status);
  });

  it('sent_at and the channel are those of the first send; sends are counted', () => {
    const second = event.messageSent({ dispatchId: 'r1', sentAt: '2026-04-02T09:00:00.000Z' });
    expect(contactAfter([...sentOnce(), softBounce, requeued, event.dispatchRequested({ dispatchId: 'r1', attempt: 2 }), second])).toMatchObject({
      sentAt: NOW,
      channel: 'email',
      sends: 2,
      outstanding: null,
      softBounceCount: 1,
      firstSoftBounceAt: NOW,
      sentDispatchIds: ['d4e5f6a7-b8c9-4d8e-9f2a-3b4c5d6e7f80', 'r1'],
    });
  });
});
