/**
 * The real-time figures' Redis keys, under the configured prefix. Day keys are per UTC day
 * (YYYY-MM-DD), so a new day starts from nothing and yesterday's expire on their own.
 */
export class RealtimeKeys {
  constructor(private readonly prefix: string) {}

  /** Present once the day's totals were built (rebuilt from PostgreSQL when missing). */
  dayReady(day: string): string {
    return `${this.prefix}rt:${day}:ready`;
  }

  /** A campaign's buckets of the day and their figures: the "previous" of a restated bucket. */
  buckets(day: string, campaignId: string): string {
    return `${this.prefix}rt:${day}:b:${campaignId}`;
  }

  campaignPrefix(day: string): string {
    return `${this.prefix}rt:${day}:c:`;
  }

  campaign(day: string, campaignId: string): string {
    return `${this.campaignPrefix(day)}${campaignId}`;
  }

  platform(day: string, orgId: string, platform: string): string {
    return `${this.prefix}rt:${day}:o:${orgId}:p:${platform}`;
  }

  orgCampaigns(day: string, orgId: string): string {
    return `${this.prefix}rt:${day}:o:${orgId}:campaigns`;
  }

  orgPlatforms(day: string, orgId: string): string {
    return `${this.prefix}rt:${day}:o:${orgId}:platforms`;
  }

  syncsReady(): string {
    return `${this.prefix}rt:syncs:ready`;
  }

  /** An org's accounts and their last sync instants. */
  syncs(orgId: string): string {
    return `${this.prefix}rt:syncs:o:${orgId}`;
  }
}
