import { clickLinkKey, signClickUrl, signClickUrlWithKey, signTrackingToken, verifyClickUrl, verifyTrackingToken } from './tracking';

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

  it('rejects a genuine token with anything added to its signature (base64url decoding would skip it)', () => {
    const token = signTrackingToken(subject, SECRET);
    for (const extra of ['\uFFFD', '=', '!', '.']) expect(verifyTrackingToken(`${token}${extra}`, SECRET)).toBeNull();
  });
});

describe('click link signatures', () => {
  const token = signTrackingToken(subject, SECRET);
  const url = 'https://intime.com/jobs/senior-java-developer?ref=mail';

  it('verifies the URL it was signed for, with the token it was signed for', () => {
    const sig = signClickUrl(token, url, SECRET);
    expect(sig).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(verifyClickUrl(token, url, sig, SECRET)).toBe(true);
  });

  it('refuses another URL, even one that differs by a character or only in case', () => {
    const sig = signClickUrl(token, url, SECRET);
    expect(verifyClickUrl(token, 'https://evil.example/phish', sig, SECRET)).toBe(false);
    expect(verifyClickUrl(token, `${url}&x=1`, sig, SECRET)).toBe(false);
    expect(verifyClickUrl(token, url.replace('intime', 'INTIME'), sig, SECRET)).toBe(false);
  });

  it("refuses the signature of the same URL under another contact's token or another secret", () => {
    const other = signTrackingToken({ ...subject, contactId: '9b2f1a3c-4d5e-4f60-8a7b-1c2d3e4f5a6b' }, SECRET);
    expect(verifyClickUrl(token, url, signClickUrl(other, url, SECRET), SECRET)).toBe(false);
    expect(verifyClickUrl(token, url, signClickUrl(token, url, 'another-secret-another-secret'), SECRET)).toBe(false);
  });

  it('refuses a missing, repeated, padded or altered signature', () => {
    const sig = signClickUrl(token, url, SECRET);
    expect(verifyClickUrl(token, url, undefined, SECRET)).toBe(false);
    expect(verifyClickUrl(token, url, [sig, sig], SECRET)).toBe(false);
    expect(verifyClickUrl(token, url, '', SECRET)).toBe(false);
    expect(verifyClickUrl(token, url, `${sig}=`, SECRET)).toBe(false);
    expect(verifyClickUrl(token, url, `${sig.slice(0, -1)}${sig.endsWith('A') ? 'B' : 'A'}`, SECRET)).toBe(false);
    expect(verifyClickUrl(token, url, 'é'.repeat(11), SECRET)).toBe(false);
  });

  it("a sender given only a message's link key signs that message's links, and no other message's", () => {
    expect(signClickUrlWithKey(clickLinkKey(token, SECRET), url)).toBe(signClickUrl(token, url, SECRET));
    const other = signTrackingToken({ ...subject, contactId: '9b2f1a3c-4d5e-4f60-8a7b-1c2d3e4f5a6b' }, SECRET);
    expect(verifyClickUrl(other, url, signClickUrlWithKey(clickLinkKey(token, SECRET), url), SECRET)).toBe(false);
  });
});
