import { signTrackingToken, verifyTrackingToken } from './tracking';

const SECRET = 'tracking-secret-for-tests-0123456789';
const subject = {
  orgId: '123e4567-e89b-12d3-a456-426614174000',
  campaignId: '0b6f4c1e-2a3d-4e5f-9a8b-7c6d5e4f3a2b',
  contactId: 'f47ac10b-58cc-4372-a567-0e02b2c3d479',
};

describe('tracking tokens', () => {
  it('round-trips the org, campaign and contact it was signed for', () => {
    expect(verifyTrackingToken(signTrackingToken(subject, SECRET), SECRET)).toEqual(subject);
  });

  it('is URL-safe and short enough for a pixel URL', () => {
    const token = signTrackingToken(subject, SECRET);
    expect(token).toMatch(/^[A-Za-z0-9_.-]+$/);
    expect(token.length).toBeLessThan(100);
  });

  it('rejects a token pointed at another contact or signed with another secret', () => {
    const [org, campaign, , sig] = signTrackingToken(subject, SECRET).split('.');
    const other = signTrackingToken({ ...subject, contactId: '9b2f1a3c-4d5e-4f60-8a7b-1c2d3e4f5a6b' }, SECRET).split('.')[2];
    expect(verifyTrackingToken([org, campaign, other, sig].join('.'), SECRET)).toBeNull();
    expect(verifyTrackingToken(signTrackingToken(subject, 'another-secret-another-secret'), SECRET)).toBeNull();
    expect(verifyTrackingToken('not-a-token', SECRET)).toBeNull();
  });
});
