import { nameUuid } from '../name-uuid';

/**
 * seed 003: `UNIQUE(platform, platform_campaign_id)` holds across the whole table, so an ad
 * campaign's id is a function of that pair (and an account's of its platform and platform id):
 * every door that meets a platform's campaign — a sync, a pushed row, a person — names the same
 * stream, and that stream is the reservation of the pair.
 */
const adsId = (kind: string, platform: string, platformId: string): string => nameUuid('ads', kind, platform, platformId);

export const adAccountIdOf = (platform: string, platformAccountId: string): string => adsId('account', platform, platformAccountId);

export const adCampaignIdOf = (platform: string, platformCampaignId: string): string => adsId('campaign', platform, platformCampaignId);
