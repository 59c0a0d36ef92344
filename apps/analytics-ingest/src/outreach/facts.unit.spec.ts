import { commandIdOf, hitDedupe, providerEventDedupe, unsubscribeDedupe } from './facts';

const subject = {
  orgId: '11111111-1111-4111-8111-111111111111',
  campaignId: '22222222-2222-4222-8222-222222222222',
  contactId: '33333333-3333-4333-8333-333333333333',
};
const hit = { ipAddress: '203.0.113.7', userAgent: 'Mozilla/5.0' };
const T0 = Date.UTC(2026, 0, 1, 12, 0, 0);

describe('dedupe keys and command ids', () => {
  it('a provider event id is one key per kind, remembered for the TTL, with a command id derived from it', () => {
    const first = providerEventDedupe('bounce', 'evt-1', 604_800);
    expect(first).toEqual(providerEventDedupe('bounce', 'evt-1', 604_800));
    expect(first.ttlSeconds).toBe(604_800);
    expect(first.commandId).toBe(commandIdOf(first.key));
    expect(first.key.startsWith('event:bounce:')).toBe(true);
    expect(providerEventDedupe('reply', 'evt-1', 604_800).key).not.toBe(first.key);
    expect(providerEventDedupe('bounce', 'evt-2', 604_800).key).not.toBe(first.key);
  });

  it('the same contact, IP and user agent within the window is the same open (mail clients prefetch)', () => {
    const a = hitDedupe('open', subject, hit, 60, T0);
    const b = hitDedupe('open', subject, hit, 60, T0 + 30_000);
    expect(b).toEqual(a);
    expect(a.ttlSeconds).toBe(60);
  });

  it('another IP, user agent, contact or clicked URL is another hit', () => {
    const base = hitDedupe('click', subject, { ...hit, url: 'https://a.example/' }, 60, T0);
    expect(hitDedupe('click', subject, { ...hit, ipAddress: '198.51.100.1', url: 'https://a.example/' }, 60, T0).key).not.toBe(base.key);
    expect(hitDedupe('click', subject, { ...hit, userAgent: 'curl', url: 'https://a.example/' }, 60, T0).key).not.toBe(base.key);
    expect(hitDedupe('click', { ...subject, contactId: subject.campaignId }, { ...hit, url: 'https://a.example/' }, 60, T0).key).not.toBe(base.key);
    expect(hitDedupe('click', subject, { ...hit, url: 'https://b.example/' }, 60, T0).key).not.toBe(base.key);
  });

  it('a repeat after the window is a new command, so a later genuine open is recorded', () => {
    const now = hitDedupe('open', subject, hit, 60, T0);
    const later = hitDedupe('open', subject, hit, 60, T0 + 3_600_000);
    expect(later.key).toBe(now.key);
    expect(later.commandId).not.toBe(now.commandId);
  });

  it('unsubscribing is one command per contact, whenever it is repeated', () => {
    expect(unsubscribeDedupe(subject, 604_800).commandId).toBe(unsubscribeDedupe(subject, 604_800).commandId);
    expect(unsubscribeDedupe({ ...subject, contactId: subject.orgId }, 604_800).commandId).not.toBe(unsubscribeDedupe(subject, 604_800).commandId);
  });

  it('command ids are short, stable and free of the raw input', () => {
    const id = commandIdOf('event:bounce:provider-secret-ish-id');
    expect(id).toMatch(/^ingest-[0-9a-f]{32}$/);
    expect(id).toBe(commandIdOf('event:bounce:provider-secret-ish-id'));
  });
});
