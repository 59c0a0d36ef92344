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
  const given = Buffer.from(parts[3], 'base64url');
  const expected = mac(body, secret);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  const [orgId, campaignId, contactId] = parts.slice(0, 3).map(expand);
  return orgId && campaignId && contactId ? { orgId, campaignId, contactId } : null;
};
