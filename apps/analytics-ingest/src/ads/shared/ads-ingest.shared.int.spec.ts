import { randomUUID } from 'node:crypto';
import { type CommandEnvelope, decodeCommand, encodeCommandResult, topicsFor } from '@campaign/contracts';
import { authConfigSchema, COMMAND_AUTH_HEADER, createTokenVerifier } from '@campaign/runtime';
import { TEST_JWT_SECRET, uniqueSuffix, waitFor } from '@campaign/testing';
import type { Pool } from 'pg';
import { AdsPushBed } from '../push/testing';
import { ADS_COMMAND_SENDER, ADS_INGEST_DB, ADS_INGEST_SCHEMA, type AdsCommandSender } from './ads-ingest.ports';

/** The pieces the ads ingest's parts share, in the started app (real Kafka and PostgreSQL). */
describe('ads ingest shared pieces', () => {
  let ads: AdsPushBed;
  beforeAll(async () => (ads = await AdsPushBed.start()));
  afterAll(() => ads?.close());

  it('the ingest schema is migrated at start and reachable through ADS_INGEST_DB', async () => {
    const pool = ads.bed.app.get<Pool>(ADS_INGEST_DB);
    const schema = ads.bed.app.get<string>(ADS_INGEST_SCHEMA);
    const { rows } = await pool.query<{ table_name: string }>('SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY 1', [schema]);
    // The other parts keep their own tables in the same schema.
    expect(rows.map((row) => row.table_name)).toEqual(expect.arrayContaining(['accounts', 'campaigns']));
  });

  it('the directory keeps campaigns and accounts from ads.events: registered, details changed, disconnected; a redelivered event changes nothing', async () => {
    const campaign = await ads.register(undefined, { currency: 'GBP', timeZone: 'Europe/London' });
    const now = new Date().toISOString();
    await ads.publish(
      {
        type: 'AdCampaignDetailsChanged',
        streamId: `ads-campaign-${campaign.campaignId}`,
        streamVersion: 2,
        occurredAt: now,
        tenant: campaign.orgId,
        data: { campaignId: campaign.campaignId, changes: { name: 'Summer sale', status: 'PAUSED' }, changedAt: now },
      },
      // The registration again (a redelivery): older than what was applied, it is ignored.
      {
        type: 'AdCampaignRegistered',
        streamId: `ads-campaign-${campaign.campaignId}`,
        streamVersion: 1,
        occurredAt: now,
        tenant: campaign.orgId,
        data: {
          campaignId: campaign.campaignId,
          orgId: campaign.orgId,
          accountId: campaign.accountId,
          platform: campaign.platform,
          platformCampaignId: campaign.platformCampaignId,
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
      {
        type: 'AdAccountDisconnected',
        streamId: `ads-account-${campaign.accountId}`,
        streamVersion: 2,
        occurredAt: now,
        tenant: campaign.orgId,
        data: { accountId: campaign.accountId, disconnectedAt: now },
      },
    );
    await ads.directory.caughtUp();
    const entry = (await ads.directory.entries([campaign.campaignId])).get(campaign.campaignId);
    expect(entry).toEqual({
      campaignId: campaign.campaignId,
      orgId: campaign.orgId,
      accountId: campaign.accountId,
      platform: 'google',
      platformCampaignId: campaign.platformCampaignId,
      name: 'Summer sale',
      status: 'PAUSED',
      budgetAmount: '100.00',
      currency: 'GBP',
      timeZone: 'Europe/London',
      accountConnected: false,
    });
    expect((await ads.directory.campaignsOfOrg(campaign.orgId)).map((e) => e.campaignId)).toEqual([campaign.campaignId]);
    expect(await ads.directory.campaignsOfOrg(randomUUID())).toEqual([]);
  });

  it('ADS_COMMAND_SENDER sends a command on ads.commands signed with ads:service, the org as tenant, and returns its result', async () => {
    const topics = topicsFor('ads', ads.prefix);
    const received: { command: CommandEnvelope; token: string; value: Buffer }[] = [];
    const producer = ads.kafka.producer({ allowAutoTopicCreation: false });
    await producer.connect();
    const consumer = ads.kafka.consumer({ groupId: `ads-command-side-${uniqueSuffix()}` });
    const joined = new Promise<void>((resolve) => consumer.on(consumer.events.GROUP_JOIN, () => resolve()));
    await consumer.connect();
    await consumer.subscribe({ topics: [topics.commands], fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) => {
        const value = message.value ?? Buffer.alloc(0);
        const command = decodeCommand(value);
        received.push({ command, token: String(message.headers?.[COMMAND_AUTH_HEADER]), value });
        const result = { commandId: command.commandId, context: 'ads', status: 'REJECTED' as const, streamId: null, streamVersion: null };
        await producer.send({
          topic: topics.commandResults,
          messages: [
            {
              key: command.commandId,
              value: encodeCommandResult({
                ...result,
                code: 'AD_ACCOUNT_NOT_CONNECTED',
                message: 'not connected',
                details: null,
                processedAt: new Date().toISOString(),
              }),
            },
          ],
        });
      },
    });
    await joined;
    try {
      const orgId = randomUUID();
      const campaignId = randomUUID();
      const sender = ads.bed.app.get<AdsCommandSender>(ADS_COMMAND_SENDER);
      const commandId = randomUUID();
      const outcome = await sender.send(
        'RegisterAdCampaign',
        {
          campaignId,
          accountId: randomUUID(),
          platform: 'google',
          platformCampaignId: 'c-1',
          name: null,
          status: null,
          objective: null,
          budgetAmount: null,
          budgetType: null,
          startDate: null,
          endDate: null,
        },
        { orgId, commandId },
      );
      expect(outcome).toEqual({ status: 'REJECTED', code: 'AD_ACCOUNT_NOT_CONNECTED', message: 'not connected' });
      const [sent] = await waitFor('the command on ads.commands', async () => (received.length > 0 ? received : undefined));
      expect(sent.command).toMatchObject({ commandId, type: 'RegisterAdCampaign', context: 'ads', tenant: orgId, actor: 'service:analytics-ingest' });
      const principal = await createTokenVerifier(authConfigSchema.parse({ JWT_SECRET: TEST_JWT_SECRET })).verify(sent.token, { bindTo: sent.value });
      expect([...principal.scopes]).toEqual(['ads:service']);
      expect(principal.orgId).toBeNull();
    } finally {
      await consumer.disconnect();
      await producer.disconnect();
    }
  });
});
