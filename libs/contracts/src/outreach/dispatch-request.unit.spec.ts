import { signTrackingToken } from './tracking';
import { type DispatchRequest, decodeDispatchRequest, dispatchRequestKey, encodeDispatchRequest } from './dispatch-request';
import { allTopicSpecs, topicSpecs } from '../topics';
import { dispatchRequestsTopic } from './dispatch-request';

const orgId = '6f1c2a9e-3b7d-4e0a-9c5f-1a2b3c4d5e6f';
const campaignId = '0b0f7a2e-5f61-4f7e-9d7c-1d2f3a4b5c6d';
const contactId = 'c3d4e5f6-0718-4293-a4b5-c6d7e8f90a1b';
const token = signTrackingToken({ orgId, campaignId, contactId }, 'test-secret');

const email: DispatchRequest = {
  dispatchId: 'd-1',
  orgId,
  campaignId,
  contactId,
  channel: 'email',
  messageKind: 'email',
  templateId: 'tpl-a',
  senderId: 'user-7',
  attempt: 1,
  recipient: { email: 'ada@example.com', linkedinUrl: null, firstName: 'Ada', lastName: 'Lovelace', companyName: 'Analytical Engines', title: 'CTO' },
  tracking: {
    token,
    openPixelUrl: `https://track.acme.test/o/${token}.gif`,
    clickUrlTemplate: `https://track.acme.test/c/${token}?url={url}&sig={sig}`,
    unsubscribeUrl: `https://track.acme.test/u/${token}`,
    clickLinkKey: 'k3y-for-this-message',
  },
  requestedAt: '2026-05-01T12:00:00.000Z',
  notBefore: '2026-05-01T12:00:30.000Z',
};

// seed 004: LinkedIn has no open tracking — the pixel is null, the rest of the request is the same.
const linkedin: DispatchRequest = {
  ...email,
  dispatchId: 'd-2',
  channel: 'linkedin',
  messageKind: 'connection_request',
  templateId: null,
  attempt: 2,
  recipient: { email: null, linkedinUrl: 'https://www.linkedin.com/in/ada-lovelace', firstName: null, lastName: null, companyName: null, title: null },
  tracking: { ...email.tracking, openPixelUrl: null, clickUrlTemplate: null, clickLinkKey: null },
};

describe('the dispatch-request contract', () => {
  it.each([
    ['an email', email],
    ['a LinkedIn connection request without open tracking', linkedin],
  ])('round-trips %s unchanged', (_name, request) => {
    const bytes = encodeDispatchRequest(request);
    expect(bytes[0]).toBe(0x01);
    expect(decodeDispatchRequest(bytes)).toEqual(request);
  });

  it('refuses a request that does not fit, naming the field', () => {
    const bad = { ...email, tracking: { ...email.tracking, unsubscribeUrl: null } } as unknown as DispatchRequest;
    expect(() => encodeDispatchRequest(bad)).toThrow(
      expect.objectContaining({ code: 'SCHEMA_MISMATCH', message: expect.stringContaining('tracking.unsubscribeUrl') }),
    );
  });

  it('refuses bytes that are not a dispatch request with MALFORMED_MESSAGE', () => {
    for (const garbage of [Buffer.alloc(0), Buffer.from('{"dispatchId":1}'), Buffer.of(0x01, 0xff, 0xff)]) {
      expect(() => decodeDispatchRequest(garbage)).toThrow(expect.objectContaining({ code: 'MALFORMED_MESSAGE' }));
    }
  });

  it("is keyed by the contact stream's partition key, outreach-<orgId>", () => {
    expect(dispatchRequestKey(orgId)).toBe(`outreach-${orgId}`);
  });

  it('has its own topic of 6 partitions kept 30 days, created with the outreach topics', () => {
    expect(dispatchRequestsTopic('test-1.')).toBe('test-1.outreach.dispatch-requests');
    const spec = topicSpecs('outreach', 'p.').find((s) => s.topic === 'p.outreach.dispatch-requests');
    expect(spec).toEqual({
      topic: 'p.outreach.dispatch-requests',
      numPartitions: 6,
      configEntries: [{ name: 'retention.ms', value: String(30 * 24 * 3_600_000) }],
    });
    expect(allTopicSpecs(['lifecycle', 'outreach']).map((s) => s.topic)).toEqual([
      'lifecycle.events',
      'lifecycle.commands',
      'lifecycle.command-results',
      'lifecycle.dead-letter',
      'outreach.events',
      'outreach.commands',
      'outreach.command-results',
      'outreach.dead-letter',
      'outreach.dispatch-requests',
      'outreach.owner-notifications',
    ]);
  });
});
