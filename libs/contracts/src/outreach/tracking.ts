import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The tracking token a sender adapter puts in an email's open pixel, click links and
 * unsubscribe link: which org, campaign and contact a hit belongs to, signed so that a hit
 * cannot be forged for another contact. `<org>.<campaign>.<contact>.<hmac>`, URL-safe.
 */
export interface TrackingSubject {
  readonly orgId: string;
  readonly campaignId: string;
  readonly contactId: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const compact = (uuid: string): string => Buffer.from(uuid.replace(/-/g, ''), 'hex').toString('base64url');
const expand = (part: string): string | null => {
  const hex = Buffer.from(part, 'base64url').toString('hex');
  if (hex.length !== 32) return null;
  const uuid = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  return UUID.test(uuid) ? uuid : null;
};
const mac = (body: string, secret: string): Buffer => createHmac('sha256', secret).update(body).digest().subarray(0, 16);

export const signTrackingToken = (subject: TrackingSubject, secret: string): string => {
  const body = [subject.orgId, subject.campaignId, subject.contactId].map(compact).join('.');
  return `${body}.${mac(body, secret).toString('base64url')}`;
};

/** The subject of a genuine token, or null for anything malformed or not signed with `secret`. */
export const verifyTrackingToken = (token: string, secret: string): TrackingSubject | null => {
  const parts = token.split('.');
  if (parts.length !== 4) return null;
  const body = parts.slice(0, 3).join('.');
  // Compared as written: base64url decoding skips stray characters, so bytes alone would accept variants.
  const given = Buffer.from(parts[3]);
  const expected = Buffer.from(mac(body, secret).toString('base64url'));
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  const [orgId, campaignId, contactId] = parts.slice(0, 3).map(expand);
  return orgId && campaignId && contactId ? { orgId, campaignId, contactId } : null;
};

/**
 * Click links: `…/v1/track/click/<token>?url=<target>&sig=<sig>`. The signature binds the target
 * to the token, so a genuine token (one is in every email) cannot send readers anywhere else:
 * analytics-ingest redirects only to a URL signed for that token.
 *
 * It is keyed by a link key derived from the token, so the secret never has to leave the
 * platform: a sender adapter given the link key of a message (clickLinkKey) can sign that
 * message's links, and nothing else. Whoever holds the secret signs with signClickUrl.
 */
const CLICK_KEY_LABEL = 'outreach-click-link\u0000';

/** The key a sender adapter signs one message's links with (base64url). */
export const clickLinkKey = (token: string, secret: string): string => createHmac('sha256', secret).update(CLICK_KEY_LABEL).update(token).digest('base64url');

/**
 * The `sig` query parameter of a click link: over the target URL exactly as it is written in
 * the `url` parameter (before percent-encoding); 22 URL-safe characters.
 */
export const signClickUrlWithKey = (linkKey: string, url: string): string =>
  createHmac('sha256', Buffer.from(linkKey, 'base64url')).update(url).digest().subarray(0, 16).toString('base64url');

export const signClickUrl = (token: string, url: string, secret: string): string => signClickUrlWithKey(clickLinkKey(token, secret), url);

/** True only when `sig` is the signature of exactly `url` for `token` (constant-time). */
export const verifyClickUrl = (token: string, url: string, sig: unknown, secret: string): boolean => {
  if (typeof sig !== 'string') return false;
  // Compared as written: base64url decoding skips stray characters, so bytes alone would let variants through.
  const given = Buffer.from(sig);
  const expected = Buffer.from(signClickUrl(token, url, secret));
  return given.length === expected.length && timingSafeEqual(given, expected);
};
