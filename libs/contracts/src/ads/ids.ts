import { createHash } from 'node:crypto';

/**
 * seed 003: `UNIQUE(platform, platform_campaign_id)` holds across the whole table, so an ad
 * campaign's id is a function of that pair (and an account's of its platform and platform id):
 * every door that meets a platform's campaign — a sync, a pushed row, a person — names the same
 * stream, and that stream is the reservation of the pair.
 */
const nameUuid = (kind: string, platform: string, platformId: string): string => {
  const hash = createHash('sha1').update(`ads\u0000${kind}\u0000${platform}\u0000${platformId}`).digest();
  hash[6] = (hash[6] & 0x0f) | 0x50;
  hash[8] = (hash[8] & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
};

export const adAccountIdOf = (platform: string, platformAccountId: string): string => nameUuid('account', platform, platformAccountId);

export const adCampaignIdOf = (platform: string, platformCampaignId: string): string => nameUuid('campaign', platform, platformCampaignId);
