import type { outreach } from '@campaign/domain';
import { type CampaignRow, completionReportOf, type ContactRow } from './dispatch-state';
import { foldFacts, type StateRows } from './dispatch-state.fold';

const ORG = '123e4567-e89b-42d3-a456-426614174000';
const CAMPAIGN = '123e4567-e89b-42d3-a456-426614174001';
const OWNER = 'a1b2c3d4-e5f6-4a5b-8c9d-0e1f2a3b4c5d';
const C1 = 'c0000000-0000-4000-8000-000000000001';
const AT = '2026-04-01T09:00:00.000Z';
const ref = { orgId: ORG, campaignId: CAMPAIGN, contactId: C1 };

const settings = {
  name: 'Q1 Java',
  channel: 'email',
  ownerId: OWNER,
  startDate: null,
  endDate: null,
  targetContactsCount: 10,
  targetResponseRate: 15,
} as unknown as outreach.CampaignSettings;
const fact = (type: string, data: object) => ({ type, data });
const added = fact('ContactAdded', {
  ...ref,
  email: 'Ada@Example.com',
  linkedinUrl: null,
  linkedinMessageKind: null,
  templateUsedId: null,
  firstName: 'Ada',
  lastName: null,
  companyName: null,
  title: null,
  addedAt: AT,
});
const created = fact('CampaignCreated', { orgId: ORG, campaignId: CAMPAIGN, settings });
const activated = fact('CampaignStatusChanged', { orgId: ORG, campaignId: CAMPAIGN, from: 'draft', to: 'active', startDate: '2026-04-01', endDate: null });
const requested = fact('ContactDispatchRequested', { ...ref, dispatchId: 'd1', attempt: 1 });
const sent = (channel: string) => fact('MessageSent', { ...ref, dispatchId: 'd1', channel, sentAt: AT });
const failed = (dispatchId: string, retryable: boolean, failedAt: string) =>
  fact('ContactDispatchFailed', { ...ref, dispatchId, reason: 'provider said no', retryable, failedAt });
const at = (minutes: number) => new Date(Date.parse(AT) + minutes * 60_000).toISOString();

const fold = (facts: { type: string; data: object }[]) => {
  const rows: StateRows = { campaigns: new Map<string, CampaignRow>(), contacts: new Map<string, ContactRow>() };
  const folded = foldFacts(rows, facts);
  return { campaign: rows.campaigns.get(CAMPAIGN), contact: rows.contacts.get(C1), ...folded };
};

describe('the dispatcher state follows the status rules', () => {
  it('a campaign is created as draft with its owner and targets, and counts activations', () => {
    expect(fold([created, activated]).campaign).toMatchObject({
      status: 'active',
      owner_id: OWNER,
      start_date: '2026-04-01',
      target_contacts_count: 10,
      target_response_rate: 15,
      activations: 1,
    });
  });

  it('ContactAdded → pending, counted in total and pending', () => {
    const { contact, campaign } = fold([created, added]);
    expect(contact).toMatchObject({ status: 'pending', email: 'Ada@Example.com', sends: 0, outstanding_dispatch_id: null });
    expect(campaign).toMatchObject({ total: 1, pending: 1, reached: 0 });
  });

  it('ContactDispatchRequested → no status change, the dispatch is outstanding', () => {
    expect(fold([created, added, requested]).contact).toMatchObject({ status: 'pending', outstanding_dispatch_id: 'd1', sends: 1 });
  });

  // seed 004: contacts_reached = COUNT(status IN ('sent','opened','responded','converted'))
  it('MessageSent → sent: reached, emails_sent, no longer pending or outstanding', () => {
    const { contact, campaign } = fold([created, added, requested, sent('email')]);
    expect(contact).toMatchObject({ status: 'sent', sent_at: AT, channel: 'email', outstanding_dispatch_id: null });
    expect(campaign).toMatchObject({ total: 1, pending: 0, reached: 1, emails_sent: 1, linkedin_sent: 0 });
  });

  // seed 004 update_campaign_metrics: linkedin_messages_sent counts sent_at IS NOT NULL AND channel = 'linkedin' — the first send's
  it("a resend on another channel keeps the first send's channel, as the projection does", () => {
    const resend = fact('MessageSent', { ...ref, dispatchId: 'd2', channel: 'email', sentAt: AT });
    const { contact, campaign } = fold([created, added, requested, sent('linkedin'), resend]);
    expect(contact).toMatchObject({ status: 'sent', channel: 'linkedin' });
    expect(campaign).toMatchObject({ reached: 1, linkedin_sent: 1 });
  });

  it('ContactDispatchFailed (retryable) settles the dispatch: still pending, due again 5 minutes after the failure', () => {
    const { contact, campaign } = fold([created, added, requested, failed('d1', true, AT)]);
    expect(contact).toMatchObject({
      status: 'pending',
      outstanding_dispatch_id: null,
      failed_dispatches: 1,
      next_attempt_not_before: at(5),
      undeliverable_reason: null,
    });
    expect(campaign).toMatchObject({ total: 1, pending: 1, reached: 0 });
  });

  it('each failure in a row doubles the wait, at most 6 hours; a send resets it', () => {
    const failures = Array.from({ length: 9 }, (_, i) => [
      fact('ContactDispatchRequested', { ...ref, dispatchId: `f${i}`, attempt: 1 }),
      failed(`f${i}`, true, AT),
    ]).flat();
    const waits = (n: number) => {
      const next = fold([created, added, ...failures.slice(0, 2 * n)]).contact?.next_attempt_not_before;
      return (Date.parse(next as string) - Date.parse(AT)) / 60_000;
    };
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9].map(waits)).toEqual([5, 10, 20, 40, 80, 160, 320, 360, 360]);
    expect(fold([created, added, ...failures.slice(0, 4), requested, sent('email')]).contact).toMatchObject({ failed_dispatches: 0 });
  });

  it('a failure reported not retryable: due at once, with the reason the loop records as a hard bounce', () => {
    const { contact, campaign } = fold([created, added, requested, failed('d1', false, AT)]);
    expect(contact).toMatchObject({
      status: 'pending',
      outstanding_dispatch_id: null,
      next_attempt_not_before: null,
      undeliverable_reason: 'provider said no',
      undeliverable_rejects_address: false,
    });
    expect(campaign).toMatchObject({ pending: 1 });
  });

  it('a failure reported with the recipient refused remembers that its bounce is about the address', () => {
    const refused = fact('ContactDispatchFailed', {
      ...ref,
      dispatchId: 'd1',
      reason: '550 no such user',
      retryable: false,
      failedAt: AT,
      recipientRejected: true,
    });
    expect(fold([created, added, requested, refused]).contact).toMatchObject({ undeliverable_reason: '550 no such user', undeliverable_rejects_address: true });
  });

  it('a LinkedIn send counts in linkedin_messages_sent', () => {
    expect(fold([created, added, requested, sent('linkedin')]).campaign).toMatchObject({ emails_sent: 0, linkedin_sent: 1 });
  });

  it('a click implies an open; a response after it counts in responses_received', () => {
    const { contact, campaign } = fold([
      created,
      added,
      requested,
      sent('email'),
      fact('LinkClicked', ref),
      fact('ContactResponded', { ...ref, respondedAt: AT }),
    ]);
    expect(contact?.status).toBe('responded');
    expect(campaign).toMatchObject({ reached: 1, responded: 1 });
  });

  // seed 004: Hard bounce — mark contact as 'bounced'; the COUNT definition of contacts_reached drops it
  it('a final bounce → bounced, leaves contacts_reached, suppresses the address for the org', () => {
    const { contact, campaign, suppressions } = fold([
      created,
      added,
      requested,
      sent('email'),
      fact('EmailBounced', { ...ref, final: true, email: 'Ada@Example.com' }),
    ]);
    expect(contact?.status).toBe('bounced');
    expect(campaign).toMatchObject({ reached: 0, emails_sent: 1 });
    expect(suppressions).toEqual([{ org_id: ORG, email: 'ada@example.com', reason: 'bounced' }]);
  });

  it('a soft bounce with retries left changes nothing; ContactRequeued makes the contact pending again', () => {
    const soft = fact('EmailBounced', { ...ref, final: false, email: 'Ada@Example.com' });
    expect(fold([created, added, requested, sent('email'), soft]).contact?.status).toBe('sent');
    const { contact, campaign, suppressions } = fold([
      created,
      added,
      requested,
      sent('email'),
      soft,
      fact('ContactRequeued', { ...ref, attempt: 2, requeuedAt: AT }),
    ]);
    expect(contact).toMatchObject({ status: 'pending', outstanding_dispatch_id: null });
    expect(campaign).toMatchObject({ pending: 1, reached: 0 });
    expect(suppressions).toEqual([]);
  });

  // seed 004: Unsubscribe applies globally (all campaigns)
  it('a final bounce that is not about the address (the message failed for good) suppresses nothing', () => {
    const bounce = fact('EmailBounced', { ...ref, final: true, email: 'Ada@Example.com', addressRejected: false });
    const { contact, suppressions } = fold([created, added, requested, sent('email'), bounce]);
    expect(contact).toMatchObject({ status: 'bounced' });
    expect(suppressions).toEqual([]);
  });

  it('ContactUnsubscribed → unsubscribed, and the org suppresses the address', () => {
    const { contact, campaign, suppressions } = fold([created, added, fact('ContactUnsubscribed', { ...ref, email: null })]);
    expect(contact?.status).toBe('unsubscribed');
    expect(campaign).toMatchObject({ total: 1, pending: 0 });
    expect(suppressions).toEqual([{ org_id: ORG, email: 'ada@example.com', reason: 'unsubscribed' }]);
  });

  it('ContactConverted → converted, counted in conversions', () => {
    const { contact, campaign } = fold([created, added, requested, sent('email'), fact('ContactConverted', { ...ref, convertedAt: AT })]);
    expect(contact).toMatchObject({ status: 'converted', converted_at: AT });
    expect(campaign).toMatchObject({ reached: 1, converted: 1 });
  });
});

describe('the completion report counts each A/B variant', () => {
  const C2 = 'c0000000-0000-4000-8000-000000000002';
  const inVariant = (contactId: string, abVariant: 'A' | 'B' | null) => fact('ContactAdded', { ...added.data, contactId, abVariant });
  const as = (contactId: string, type: string, data: object) => fact(type, { ...ref, contactId, ...data });

  // seed 004: A/B test results — per ab_variant, total contacts, responses, conversions
  it('counts contacts, responses and conversions per variant, as the seed A/B test results query does', () => {
    const { campaign } = fold([
      created,
      inVariant(C1, 'A'),
      inVariant(C2, 'B'),
      as(C1, 'ContactDispatchRequested', { dispatchId: 'd1', attempt: 1 }),
      as(C1, 'MessageSent', { dispatchId: 'd1', channel: 'email', sentAt: AT }),
      as(C1, 'ContactResponded', { respondedAt: AT }),
      as(C1, 'ContactConverted', { convertedAt: AT }),
    ]);
    expect(completionReportOf(campaign ?? null).variants).toEqual({
      A: { contacts: 1, responses: 1, conversions: 1 },
      B: { contacts: 1, responses: 0, conversions: 0 },
    });
  });

  it('a campaign whose contacts have no variant reports no variants', () => {
    expect(completionReportOf(fold([created, inVariant(C1, null)]).campaign ?? null).variants).toBeNull();
  });
});
