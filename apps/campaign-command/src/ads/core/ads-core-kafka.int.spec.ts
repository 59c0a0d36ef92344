import { randomUUID } from 'node:crypto';
import { ads as adsWire, type CommandEnvelope } from '@campaign/contracts';
import { KafkaCommandClient } from '@campaign/messaging';
import { JsonLogger } from '@campaign/runtime';
import { testCommandSigner, testKafka } from '@campaign/testing';
import { type Actor, actor, call, type CommandApp, startCommandApp } from '../../testing';

/** The services' door (the scheduler's sync timer, the sync runner, the analyzer): ads:service, the org as the envelope's tenant. */
describe('ads accounts, campaigns and budgets over the Kafka door (<prefix>ads.commands)', () => {
  let app: CommandApp;
  let admin: Actor;
  let client: KafkaCommandClient;

  const envelope = (type: string, data: unknown, commandId: string = randomUUID()): CommandEnvelope => ({
    commandId,
    type,
    schemaVersion: 1,
    context: 'ads',
    issuedAt: new Date().toISOString(),
    actor: 'service:forged-name',
    correlationId: null,
    causationId: null,
    tenant: admin.orgId,
    data,
  });

  beforeAll(async () => {
    app = await startCommandApp();
    admin = actor('admin');
    client = new KafkaCommandClient(
      testKafka(),
      {
        context: 'ads',
        topicPrefix: app.config.TOPIC_PREFIX,
        instanceId: randomUUID(),
        clientName: 'ads-core-test',
        timeoutMs: 60_000,
        signer: testCommandSigner(['ads:service']),
      },
      new JsonLogger('test', 'error'),
    );
    await client.start();
  });
  afterAll(async () => {
    await client?.stop();
    await app?.stop();
  });

  it('a timer-like sync request, its outcome and the campaigns the sync read are recorded for the tenant', async () => {
    const platformAccountId = `acct-${randomUUID()}`;
    expect(
      await call(app, 'POST', '/v1/ads/accounts', admin, {
        platform: 'meta',
        platform_account_id: platformAccountId,
        name: 'Acme Social',
        currency: 'USD',
        time_zone: 'UTC',
      }),
    ).toMatchObject({ status: 201 });
    const accountId = adsWire.adAccountIdOf('meta', platformAccountId);
    const stream = `ads-account-${accountId}`;
    const syncId = randomUUID();

    // seed 003 data flow: "15min sync" — what the scheduler sends when SYNC_AD_ACCOUNT is due.
    const requested = await client.send(envelope('RequestAdAccountSync', { accountId, syncId, windowDays: null }, `timer-${syncId}`), stream);
    expect(requested).toMatchObject({ status: 'ACCEPTED' });
    const campaignId = adsWire.adCampaignIdOf('meta', `c-${syncId}`);
    const register = { campaignId, accountId, platform: 'meta', platformCampaignId: `c-${syncId}`, name: 'Spring Sale', status: 'ACTIVE' };
    expect(await client.send(envelope('RegisterAdCampaign', register), `ads-campaign-${campaignId}`)).toMatchObject({ status: 'ACCEPTED' });
    const synced = await client.send(
      envelope('RecordAdAccountSynced', { accountId, syncId, campaigns: 1, rows: 288, syncedAt: new Date().toISOString() }),
      stream,
    );
    expect(synced).toMatchObject({ status: 'ACCEPTED' });

    const { events } = await app.store.readStream(stream);
    expect(events.map((e) => e.type)).toEqual(['AdAccountConnected', 'AdAccountSyncRequested', 'AdAccountSynced']);
    expect(events[1]).toMatchObject({ actor: 'service:test-service', tenant: admin.orgId, data: { syncId, orgId: admin.orgId, platform: 'meta' } });
    const campaign = await app.store.readStream(`ads-campaign-${campaignId}`);
    expect(campaign.events[0]).toMatchObject({
      type: 'AdCampaignRegistered',
      data: { orgId: admin.orgId, objective: null, budgetAmount: null, startDate: null },
    });
  });

  it("the analyzer's budget proposal is recorded as ai_suggested", async () => {
    const allocationId = randomUUID();
    const proposal = {
      allocationId,
      periodStart: '2026-06-01',
      periodEnd: '2026-06-30',
      totalBudget: '8000.00',
      allocations: { google: '5000.00', meta: '3000.00' },
    };
    expect(await client.send(envelope('ProposeBudgetAllocation', proposal), `ads-budgets-${admin.orgId}`)).toMatchObject({ status: 'ACCEPTED' });
    const { events } = await app.store.readStream(`ads-budgets-${admin.orgId}`);
    expect(events.at(-1)).toMatchObject({ type: 'BudgetAllocationSet', data: { allocationId, aiSuggested: true, createdBy: 'service:test-service' } });
  });

  it('a rule broken over Kafka is answered with its code on the results topic', async () => {
    const bad = { allocationId: randomUUID(), periodStart: '2026-06-01', periodEnd: '2026-06-30', totalBudget: '100.00', allocations: { google: '100.01' } };
    expect(await client.send(envelope('ProposeBudgetAllocation', bad), `ads-budgets-${admin.orgId}`)).toMatchObject({
      status: 'REJECTED',
      code: 'BUDGET_SPLIT_EXCEEDS_TOTAL',
    });
  });
});
