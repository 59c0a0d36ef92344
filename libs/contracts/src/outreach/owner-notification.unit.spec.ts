import { topicSpecs } from '../topics';
import {
  COMPLETION_SUMMARY_KIND,
  decodeOwnerNotification,
  encodeOwnerNotification,
  type OwnerNotification,
  ownerNotificationKey,
  ownerNotificationsTopic,
} from './owner-notification';

const orgId = '6f1c2a9e-3b7d-4e0a-9c5f-1a2b3c4d5e6f';

// seed 004 On Completion: "Send summary email to owner"
const summary: OwnerNotification = {
  notificationId: 'e7a1c3f0-1d2b-5c4e-8f90-a1b2c3d4e5f6',
  kind: COMPLETION_SUMMARY_KIND,
  orgId,
  campaignId: '0b0f7a2e-5f61-4f7e-9d7c-1d2f3a4b5c6d',
  channel: 'email',
  recipient: { userId: 'a1b2c3d4-e5f6-4a5b-8c9d-0e1f2a3b4c5d', email: 'owner@example.com', fullName: 'Grace Hopper' },
  subject: 'Campaign completed: Q1 Java Sourcing',
  text: 'Contacts: 500, reached: 420',
  requestedAt: '2026-05-01T12:00:00.000Z',
};

describe('the owner-notification contract', () => {
  it("round-trips the owner's completion summary unchanged", () => {
    const bytes = encodeOwnerNotification(summary);
    expect(bytes[0]).toBe(0x01);
    expect(decodeOwnerNotification(bytes)).toEqual(summary);
  });

  it('refuses a notification that does not fit, naming the field', () => {
    const bad = { ...summary, recipient: { ...summary.recipient, email: null } } as unknown as OwnerNotification;
    expect(() => encodeOwnerNotification(bad)).toThrow(
      expect.objectContaining({ code: 'SCHEMA_MISMATCH', message: expect.stringContaining('recipient.email') }),
    );
  });

  it('refuses bytes that are not a notification with MALFORMED_MESSAGE', () => {
    for (const garbage of [Buffer.alloc(0), Buffer.from('{}'), Buffer.of(0x01, 0xff, 0xff)]) {
      expect(() => decodeOwnerNotification(garbage)).toThrow(expect.objectContaining({ code: 'MALFORMED_MESSAGE' }));
    }
  });

  it('has its own topic beside the dispatch requests, keyed by outreach-<orgId>, created with the outreach topics', () => {
    expect(ownerNotificationKey(orgId)).toBe(`outreach-${orgId}`);
    expect(topicSpecs('outreach', 'p.').find((s) => s.topic === ownerNotificationsTopic('p.'))).toEqual({
      topic: 'p.outreach.owner-notifications',
      numPartitions: 6,
      configEntries: [{ name: 'retention.ms', value: String(30 * 24 * 3_600_000) }],
    });
  });
});
