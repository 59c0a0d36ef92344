/**
 * A/B variant assignment. seed 004 assigns `Math.random() < ab_split_percentage / 100 ? 'A' : 'B'`;
 * `decide` must be deterministic (a replayed or retried AddContacts must assign the same
 * variants), so the random draw is replaced by a hash of (campaign, contact) spread over [0, 1).
 */
import type { AbVariant } from './values';

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/**
 * 32-bit multiplication, as Math.imul computes it. Spelled out because Math.imul is two orders
 * of magnitude slower inside jest's VM contexts, and an AddContacts may hash 100,000 contacts.
 */
const mul32 = (a: number, b: number): number => ((a & 0xffff) * b + ((((a >>> 16) * b) & 0xffff) << 16)) | 0;

/** FNV-1a over the UTF-16 code units, then murmur3's finalizer so every input bit reaches the high bits. */
const hash32 = (text: string): number => {
  let hash = FNV_OFFSET | 0;
  for (let i = 0; i < text.length; i += 1) hash = mul32(hash ^ text.charCodeAt(i), FNV_PRIME);
  hash = mul32(hash ^ (hash >>> 16), 0x85ebca6b);
  hash = mul32(hash ^ (hash >>> 13), 0xc2b2ae35);
  return (hash ^ (hash >>> 16)) >>> 0;
};

/** Where (campaign, contact) falls in [0, 1): the same pair always draws the same number. */
export const variantDraw = (campaignId: string, contactId: string): number => hash32(`${campaignId}/${contactId}`) / 2 ** 32;

// seed 004: ab_variant Assignment Logic — variant A for ab_split_percentage % of contacts, B for the rest.
export const assignVariant = (campaignId: string, contactId: string, abSplitPercentage: number): AbVariant =>
  variantDraw(campaignId, contactId) < abSplitPercentage / 100 ? 'A' : 'B';
