/**
 * The ads bench's metric rows: `campaigns` × `buckets` 15-minute buckets, figures a fixed
 * function of (campaign, bucket), so the same settings give the same rows in every run and the
 * door's rows, the reference's rows and the facts are the same figures.
 */
import { ads as adsWire } from '@campaign/contracts';

type MetricFact = adsWire.MetricFact;

export const BUCKET_MS = 15 * 60_000;
const PLATFORMS = ['google', 'meta'] as const;

export interface BenchCampaign {
  readonly index: number;
  readonly campaignId: string;
  readonly accountId: string;
  readonly platform: (typeof PLATFORMS)[number];
  readonly platformAccountId: string;
  readonly platformCampaignId: string;
  readonly name: string;
}

/** Two accounts (one per platform connector), campaigns alternating between them. */
export const benchCampaigns = (count: number, tag: string): BenchCampaign[] =>
  Array.from({ length: count }, (_, index) => {
    const platform = PLATFORMS[index % PLATFORMS.length];
    const platformAccountId = `bench-${tag}-${platform}`;
    const platformCampaignId = `bench-${tag}-${index}`;
    return {
      index,
      campaignId: adsWire.adCampaignIdOf(platform, platformCampaignId),
      accountId: adsWire.adAccountIdOf(platform, platformAccountId),
      platform,
      platformAccountId,
      platformCampaignId,
      name: `Bench campaign ${index}`,
    };
  });

/** One campaign's bucket, as pushed and as the reference inserts it. */
export interface BenchRow {
  readonly campaign: BenchCampaign;
  readonly bucket: number;
  readonly time: string;
}

/** Base figures of one bucket; every KPI fits the seed's precision (clicks ≤ impressions, spend > 0). */
export const figuresOf = (campaign: number, bucket: number) => {
  const h = (campaign * 7_919 + bucket * 104_729) % 10_007;
  const impressions = 500 + h;
  const clicks = 5 + (h % 97);
  const spendCents = 150 + ((h * 31) % 20_000);
  const conversions = h % 7 === 0 ? 0 : h % 5;
  const revenueCents = conversions === 0 ? 0 : conversions * (2_000 + ((h * 13) % 9_000));
  return { impressions, clicks, spendCents, conversions, revenueCents };
};

export const cents = (value: number): string => `${Math.trunc(value / 100)}.${String(value % 100).padStart(2, '0')}`;

/** Bucket `b`'s start: `buckets` buckets ending with the one before `end` (a multiple of 15 minutes). */
export const bucketTime = (end: number, buckets: number, b: number): string => new Date(end - (buckets - b) * BUCKET_MS).toISOString();

/** The last whole 15-minute boundary at or before now. */
export const lastBoundary = (now = Date.now()): number => Math.floor(now / BUCKET_MS) * BUCKET_MS;

export const factOf = (orgId: string, campaign: BenchCampaign, time: string, bucket: number, sourceRef: string): MetricFact => ({
  orgId,
  campaignId: campaign.campaignId,
  accountId: campaign.accountId,
  platform: campaign.platform,
  platformCampaignId: campaign.platformCampaignId,
  time,
  ...figuresOf(campaign.index, bucket),
  currency: 'USD',
  source: 'push',
  sourceRef,
  observedAt: time,
});
