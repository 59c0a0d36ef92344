import { randomUUID } from 'node:crypto';
import { ads as adsWire, encodeEvent, type EventEnvelope, partitionKeyOf, topicsFor } from '@campaign/contracts';
import { serviceToken, testKafka, uniqueSuffix, userToken, waitFor } from '@campaign/testing';
import type { Consumer, Kafka, Producer } from 'kafkajs';
import { type IngestApp, startIngestApp } from '../../shared/testing';
import { CAMPAIGN_DIRECTORY, type CampaignDirectory } from '../shared/ads-ingest.ports';

/** An org's registered campaign, as the ads events told the ingest. */
export interface RegisteredCampaign {
  readonly orgId: string;
  readonly accountId: string;
  readonly campaignId: string;
  readonly platform: string;
  readonly platformCampaignId: string;
  readonly currency: string;
}

/**
 * The ingest app as startIngestApp starts it (real Kafka, PostgreSQL, Redis; unique topic
 * prefix; no command side played: a push sends no command), with an ads schema and consumer
 * groups of this run, plus what the tests need: ads events published as campaign-command
 * would, and the facts topic read back.
 */
export class AdsPushBed {
  readonly facts: adsWire.MetricFact[] = [];
  /** The partitions each campaign's facts were read from. */
  readonly partitions = new Map<string, Set<number>>();
  private producer: Producer | null = null;
  private consumer: Consumer | null = null;
  private version = 0;

  private constructor(
    readonly bed: IngestApp,
    readonly kafka: Kafka,
  ) {}

  static async start(env: Record<string, string> = {}): Promise<AdsPushBed> {
    const suffix = uniqueSuffix();
    // The ads settings are read from the environment by the ads providers (ads-ingest.config.ts).
    Object.assign(process.env, {
      ADS_INGEST_SCHEMA: `ads_ingest_it_${suffix.replace(/[^a-z0-9]/g, '')}`,
      ...env,
    });
    const bed = new AdsPushBed(await startIngestApp({ COMMAND_TIMEOUT_MS: '5000' }), testKafka());
    await bed.listen();
    return bed;
  }

  get url(): string {
    return this.bed.url;
  }

  get prefix(): string {
    return this.bed.config.TOPIC_PREFIX;
  }

  get directory(): CampaignDirectory {
    return this.bed.app.get<CampaignDirectory>(CAMPAIGN_DIRECTORY);
  }

  private async listen(): Promise<void> {
    this.producer = this.kafka.producer({ allowAutoTopicCreation: false });
    await this.producer.connect();
    const consumer = this.kafka.consumer({ groupId: `facts-reader-${uniqueSuffix()}` });
    const joined = new Promise<void>((resolve) => consumer.on(consumer.events.GROUP_JOIN, () => resolve()));
    await consumer.connect();
    await consumer.subscribe({ topics: [adsWire.metricFactsTopic(this.prefix)], fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ partition, message }) => {
        if (!message.value) return;
        const fact = adsWire.metricFactCodec.decode(message.value);
        this.facts.push(fact);
        this.partitions.set(fact.campaignId, (this.partitions.get(fact.campaignId) ?? new Set<number>()).add(partition));
      },
    });
    this.consumer = consumer;
    await joined;
  }

  async close(): Promise<void> {
    await this.consumer?.disconnect();
    await this.producer?.disconnect();
    await this.bed.close();
  }

  /** Publishes ads events on `<prefix>ads.events` as the relay does (keyed by stream). */
  async publish(
    ...events: Omit<EventEnvelope, 'eventId' | 'schemaVersion' | 'context' | 'globalPosition' | 'correlationId' | 'causationId' | 'actor'>[]
  ): Promise<void> {
    const messages = events.map((event) => {
      const envelope: EventEnvelope = {
        eventId: randomUUID(),
        schemaVersion: 1,
        context: 'ads',
        globalPosition: String(++this.version),
        correlationId: randomUUID(),
        causationId: null,
        actor: 'user:test',
        ...event,
      };
      return { key: partitionKeyOf(envelope.streamId), value: encodeEvent(envelope) };
    });
    await this.producer?.send({ topic: topicsFor('ads', this.prefix).events, acks: -1, messages });
  }

  /** An account connected and one campaign registered under it, for `orgId`; applied by the directory before it returns. */
  async register(
    orgId: string = randomUUID(),
    options: { platform?: string; currency?: string; timeZone?: string; wait?: boolean } = {},
  ): Promise<RegisteredCampaign> {
    const platform = options.platform ?? 'google';
    const platformAccountId = `acct-${uniqueSuffix()}`;
    const platformCampaignId = `cmp-${uniqueSuffix()}`;
    const accountId = adsWire.adAccountIdOf(platform, platformAccountId);
    const campaignId = adsWire.adCampaignIdOf(platform, platformCampaignId);
    const currency = options.currency ?? 'EUR';
    const now = new Date().toISOString();
    await this.publish(
      {
        type: 'AdAccountConnected',
        streamId: `ads-account-${accountId}`,
        streamVersion: 1,
        occurredAt: now,
        tenant: orgId,
        data: { accountId, orgId, platform, platformAccountId, name: 'Main account', currency, timeZone: options.timeZone ?? 'UTC', connectedAt: now },
      },
      {
        type: 'AdCampaignRegistered',
        streamId: `ads-campaign-${campaignId}`,
        streamVersion: 1,
        occurredAt: now,
        tenant: orgId,
        data: {
          campaignId,
          orgId,
          accountId,
          platform,
          platformCampaignId,
          name: 'Spring sale',
          status: 'ENABLED',
          objective: 'SALES',
          budgetAmount: '100.00',
          budgetType: 'daily',
          startDate: null,
          endDate: null,
          registeredAt: now,
        },
      },
    );
    if (options.wait !== false) await this.directory.caughtUp();
    return { orgId, accountId, campaignId, platform, platformCampaignId, currency };
  }

  factsOf(campaignId: string): adsWire.MetricFact[] {
    return this.facts.filter((fact) => fact.campaignId === campaignId);
  }

  /** Waits until the topic holds facts for the campaign with this source ref. */
  waitForFacts(campaignId: string, sourceRef: string, count: number): Promise<adsWire.MetricFact[]> {
    return waitFor(`${count} fact(s) of ${sourceRef} for campaign ${campaignId}`, async () => {
      const found = this.factsOf(campaignId).filter((fact) => fact.sourceRef === sourceRef);
      return found.length >= count ? found : undefined;
    });
  }

  /**
   * How many records the facts topic holds (the sum of its partitions' end offsets). A push is
   * answered only after its facts are acknowledged, so an unchanged count after a rejected push
   * shows it produced nothing (the tests of one file run one after another).
   */
  async factsTopicEnd(): Promise<number> {
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      const offsets = await admin.fetchTopicOffsets(adsWire.metricFactsTopic(this.prefix));
      return offsets.reduce((sum, partition) => sum + Number(partition.high), 0);
    } finally {
      await admin.disconnect();
    }
  }

  /** Pushes rows as a marketer of `orgId` (JSON unless another content type is given). */
  post(orgId: string, body: unknown, contentType = 'application/json', token = userToken(orgId, 'marketer-1', 'marketer'), query = ''): Promise<Response> {
    return fetch(`${this.url}/v1/ads/metrics${query}`, {
      method: 'POST',
      headers: { 'content-type': contentType, authorization: `Bearer ${token}` },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
  }
}

/** A good row of the campaign's bucket at `time`. */
export const rowOf = (campaign: RegisteredCampaign, time: string, figures: Record<string, unknown> = {}) => ({
  time,
  platform: campaign.platform,
  platform_campaign_id: campaign.platformCampaignId,
  impressions: 1000,
  clicks: 50,
  spend: '25.00',
  conversions: 5,
  revenue: '100.00',
  ...figures,
});

export { serviceToken, userToken };
