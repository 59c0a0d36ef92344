import { randomUUID } from 'node:crypto';
import { ads as wire, encodeEvent, type EventEnvelope, partitionKeyOf, topicSpecs, topicsFor } from '@campaign/contracts';
import { ensureTopicsOf } from '@campaign/messaging';
import { HealthRegistry, JsonLogger } from '@campaign/runtime';
import { AdPlatformsStandIn, testKafka, testPool, uniqueSuffix, waitFor } from '@campaign/testing';
import type { Kafka, Producer } from 'kafkajs';
import type { Pool } from 'pg';
import type { AdsCommandOutcome, AdsCommandSender } from '../shared/ads-ingest.ports';
import { migrateAdsIngest } from '../shared/ads-ingest.db';
import { KafkaCampaignDirectory } from '../shared/campaign-directory';
import { DirectoryStore } from '../shared/directory.store';
import { MetricFactsProducer } from '../shared/metric-facts.producer';
import { AdActionExecutor } from './action-executor';
import { AdsSyncService } from './ads-sync.service';
import { type AdsSyncSettings, adsSyncSettingsSchema } from './ads-sync.settings';
import { AdsSyncStore } from './ads-sync.store';
import { AdPlatformConnectors } from './connectors/connectors';
import { AdAccountSyncRunner } from './sync-runner';

/** The sync's test helpers: a recording command side, the stand-in's seeded world, ads events on Kafka, the running pieces. */

/** A command as the sync sent it. */
export interface SentCommand {
  readonly type: string;
  readonly data: Record<string, unknown>;
  readonly orgId: string;
  readonly commandId: string;
}

/**
 * The command side as the sync's tests see it: every command recorded, answered ACCEPTED, or
 * as `answer` says (a rejection). Tests of the sync and the executor judge what was sent; the
 * decisions on it are the domain's, tested there.
 */
export class RecordingCommandSender implements AdsCommandSender {
  readonly sent: SentCommand[] = [];

  constructor(private readonly answer: (command: SentCommand) => AdsCommandOutcome = () => ({ status: 'ACCEPTED' })) {}

  async send(type: string, data: Record<string, unknown>, options: { readonly orgId: string; readonly commandId: string }): Promise<AdsCommandOutcome> {
    const command = { type, data, orgId: options.orgId, commandId: options.commandId };
    this.sent.push(command);
    return this.answer(command);
  }

  ofType(type: string): SentCommand[] {
    return this.sent.filter((c) => c.type === type);
  }
}

/** The sync's settings pointing at the stand-in, quick to give up (tests of failures stay short). */
export const standInSettings = (standIn: AdPlatformsStandIn, overrides: Record<string, string> = {}): AdsSyncSettings =>
  adsSyncSettingsSchema.parse({ ...standIn.connectorEnv(), ADS_HTTP_TIMEOUT_MS: '2000', ADS_HTTP_ATTEMPTS: '3', ADS_HTTP_BACKOFF_MS: '10', ...overrides });

export const GOOGLE_CUSTOMER = '1234567890';
export const META_ACCOUNT = '555000111';

/** Two accounts with two campaigns each, and three local days of figures. */
export const seedStandIn = (standIn: AdPlatformsStandIn): void => {
  const data = standIn.data;
  data.addAccount({ platform: 'google', platformAccountId: GOOGLE_CUSTOMER, currency: 'USD', timeZone: 'America/New_York' });
  data.addAccount({ platform: 'meta', platformAccountId: META_ACCOUNT, currency: 'EUR', timeZone: 'Europe/Berlin' });
  const campaign = { objective: 'SEARCH', budgetType: 'daily' as const, startDate: '2024-03-01', endDate: null };
  data.addCampaign({
    ...campaign,
    platform: 'google',
    platformAccountId: GOOGLE_CUSTOMER,
    platformCampaignId: '111',
    name: 'Brand',
    status: 'ENABLED',
    budgetAmount: '50.00',
  });
  data.addCampaign({
    ...campaign,
    platform: 'google',
    platformAccountId: GOOGLE_CUSTOMER,
    platformCampaignId: '222',
    name: 'Generic',
    status: 'ENABLED',
    budgetAmount: '80.00',
  });
  const meta = { ...campaign, objective: 'OUTCOME_SALES', platform: 'meta' as const, platformAccountId: META_ACCOUNT, status: 'ACTIVE' };
  data.addCampaign({ ...meta, platformCampaignId: '2385000001', name: 'Prospecting', budgetAmount: '150.00' });
  data.addCampaign({ ...meta, platformCampaignId: '2385000002', name: 'Retargeting', budgetAmount: '40.00' });
  for (const date of ['2024-03-09', '2024-03-10', '2024-03-11']) {
    for (const [id, hour] of [
      ['111', 1],
      ['111', 14],
      ['222', 9],
    ] as const) {
      data.setMetrics([
        { platform: 'google', platformCampaignId: id, date, hour, impressions: 1000, clicks: 40, spend: '12.34', conversions: 2, revenue: '60.50' },
      ]);
    }
    for (const id of ['2385000001', '2385000002']) {
      data.setMetrics([{ platform: 'meta', platformCampaignId: id, date, impressions: 5000, clicks: 100, spend: '45.67', conversions: 3, revenue: '150.00' }]);
    }
  }
};

/**
 * Ads events as the command side writes them, put on a test's `<prefix>ads.events` (Avro, keyed
 * by stream): what the sync's consumer reads in production.
 */
export class AdsEventsWriter {
  private readonly versions = new Map<string, number>();
  private producer: Producer | null = null;

  constructor(
    private readonly kafka: Kafka,
    private readonly topic: string,
  ) {}

  async start(): Promise<void> {
    this.producer = this.kafka.producer({ allowAutoTopicCreation: false });
    await this.producer.connect();
  }

  stop(): Promise<void> | undefined {
    return this.producer?.disconnect();
  }

  /** Appends to the stream (the next version) and publishes; `version` repeats an earlier event (a redelivery). */
  async write(
    streamId: string,
    type: string,
    data: Record<string, unknown>,
    options: { tenant: string; occurredAt?: string; version?: number },
  ): Promise<EventEnvelope> {
    const version = options.version ?? (this.versions.get(streamId) ?? 0) + 1;
    if (options.version === undefined) this.versions.set(streamId, version);
    const envelope: EventEnvelope = {
      eventId: randomUUID(),
      type,
      schemaVersion: 1,
      context: 'ads',
      streamId,
      streamVersion: version,
      globalPosition: String(Date.now()),
      occurredAt: options.occurredAt ?? new Date().toISOString(),
      correlationId: randomUUID(),
      causationId: null,
      actor: 'test',
      tenant: options.tenant,
      data,
    };
    await this.producer?.send({ topic: this.topic, acks: -1, messages: [{ key: partitionKeyOf(streamId), value: encodeEvent(envelope) }] });
    return envelope;
  }
}

export const accountStream = (accountId: string) => `ads-account-${accountId}`;
export const automationStream = (orgId: string) => `ads-automation-${orgId}`;

export const connectedEvent = (orgId: string, platform: string, platformAccountId: string, currency: string, timeZone: string) => ({
  accountId: wire.adAccountIdOf(platform, platformAccountId),
  orgId,
  platform,
  platformAccountId,
  name: `${platform} account`,
  currency,
  timeZone,
  connectedAt: new Date().toISOString(),
});

export const registeredEvent = (orgId: string, platform: string, platformAccountId: string, platformCampaignId: string, budgetAmount: string) => ({
  campaignId: wire.adCampaignIdOf(platform, platformCampaignId),
  orgId,
  accountId: wire.adAccountIdOf(platform, platformAccountId),
  platform,
  platformCampaignId,
  name: `campaign ${platformCampaignId}`,
  status: 'active',
  objective: null,
  budgetAmount,
  budgetType: 'daily',
  startDate: null,
  endDate: null,
  registeredAt: new Date().toISOString(),
});

export const actionRequestedEvent = (
  orgId: string,
  actionId: string,
  campaignId: string,
  spec: { actionType: string; platform: string; previousState: Record<string, unknown>; newState: Record<string, unknown>; changeAmount: string },
) => ({
  actionId,
  orgId,
  recommendationId: null,
  campaignId,
  ...spec,
  reasoning: 'test',
  confidence: 0.9,
  requestedBy: 'ai',
  requestedAt: new Date().toISOString(),
  approvalRequired: false,
});

export interface SyncHarness {
  readonly kafka: Kafka;
  readonly pool: Pool;
  readonly prefix: string;
  readonly standIn: AdPlatformsStandIn;
  readonly commands: RecordingCommandSender;
  readonly events: AdsEventsWriter;
  readonly directory: KafkaCampaignDirectory;
  /** The first command matching, once sent. */
  sent(what: string, match: (command: SentCommand) => boolean): Promise<SentCommand>;
  stop(): Promise<void>;
}

/**
 * The sync's real pieces on a test's own topics and schema: the events consumer and its outbox
 * workers, the connectors against a seeded stand-in, H5's facts producer and campaign
 * directory; the command side records what it is sent. Both accounts are connected for `orgId`.
 */
export const startSyncHarness = async (orgId: string, staleAfterMs = 3_600_000): Promise<SyncHarness> => {
  const logger = new JsonLogger('ads-sync-test', 'error');
  const suffix = uniqueSuffix();
  const prefix = `t${suffix}.`;
  const schema = `ads_sync_${suffix}`;
  const kafka = testKafka();
  const pool = testPool(4);
  await ensureTopicsOf(kafka, topicSpecs('ads', prefix));
  await migrateAdsIngest(pool, schema);
  const standIn = await AdPlatformsStandIn.start();
  seedStandIn(standIn);
  const settings = standInSettings(standIn, { ADS_SYNC_GROUP: `sync-${suffix}`, ADS_SYNC_POLL_MS: '50' });
  const commands = new RecordingCommandSender();
  const facts = new MetricFactsProducer(kafka, prefix, 512 * 1024, logger);
  await facts.start();
  const health = new HealthRegistry();
  const directory = new KafkaCampaignDirectory(
    kafka,
    new DirectoryStore(pool, schema),
    { topicPrefix: prefix, groupId: `dir-${suffix}`, sessionTimeoutMs: 10_000 },
    health,
    logger,
  );
  await directory.start();
  const connectors = AdPlatformConnectors.fromSettings(settings);
  const store = new AdsSyncStore(pool, schema);
  const runner = new AdAccountSyncRunner(connectors, store, commands, facts, { staleAfterMs }, logger);
  const executor = new AdActionExecutor(connectors, store, directory, commands, { staleAfterMs }, logger);
  const service = new AdsSyncService(
    kafka,
    store,
    runner,
    executor,
    { ...settings, ADS_SYNC_GROUP: `sync-${suffix}`, topicPrefix: prefix, sessionTimeoutMs: 10_000 },
    health,
    logger,
  );
  await service.start();
  const events = new AdsEventsWriter(kafka, topicsFor('ads', prefix).events);
  await events.start();
  for (const [platform, id, currency, zone] of [
    ['google', GOOGLE_CUSTOMER, 'USD', 'America/New_York'],
    ['meta', META_ACCOUNT, 'EUR', 'Europe/Berlin'],
  ] as const) {
    await events.write(accountStream(wire.adAccountIdOf(platform, id)), 'AdAccountConnected', connectedEvent(orgId, platform, id, currency, zone), {
      tenant: orgId,
    });
  }
  return {
    kafka,
    pool,
    prefix,
    standIn,
    commands,
    events,
    directory,
    sent: (what, match) => waitFor(what, async () => commands.sent.find(match)),
    stop: async () => {
      await events.stop();
      await service.stop();
      await directory.stop();
      await facts.stop();
      await standIn.close();
      await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await pool.end();
    },
  };
};
