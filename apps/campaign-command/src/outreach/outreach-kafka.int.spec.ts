import { randomUUID } from 'node:crypto';
import { type CommandEnvelope, type CommandResult, decodeCommandResult, envelopeSchemas, FORMAT_V1, parseSchema, topicsFor } from '@campaign/contracts';
import { outreach } from '@campaign/domain';
import { KafkaCommandClient } from '@campaign/messaging';
import { JsonLogger } from '@campaign/runtime';
import { collectMessages, testKafka, testCommandSigner } from '@campaign/testing';
import { type Actor, actor, call, type CommandApp, startCommandApp } from '../testing';

describe('outreach Kafka door (<prefix>outreach.commands → <prefix>outreach.command-results)', () => {
  let app: CommandApp;
  let admin: Actor;
  let client: KafkaCommandClient;
  const kafka = testKafka();

  const envelope = (type: string, data: unknown, tenant: string | null = admin.orgId): CommandEnvelope => ({
    commandId: randomUUID(),
    type,
    schemaVersion: 1,
    context: 'outreach',
    issuedAt: new Date().toISOString(),
    actor: 'service:forged-name',
    correlationId: null,
    causationId: null,
    tenant,
    data,
  });

  /** An active campaign with one contact, set up over HTTP. */
  const activeCampaign = async () => {
    const created = await call(app, 'POST', '/v1/outreach/campaigns', admin, { name: 'Kafka paused campaign' });
    const campaignId = created.body.campaignId as string;
    await call(app, 'POST', `/v1/outreach/campaigns/${campaignId}/contacts`, admin, { contacts: [{ email: 'a@example.com', contact_type: 'candidate' }] });
    expect(await call(app, 'POST', `/v1/outreach/campaigns/${campaignId}/activate`, admin)).toMatchObject({ status: 200 });
    return campaignId;
  };

  beforeAll(async () => {
    app = await startCommandApp();
    admin = actor('admin');
    await call(app, 'POST', '/v1/outreach/organizations', admin, { orgId: admin.orgId, name: 'Kafka Org' });
    await call(app, 'POST', '/v1/outreach/users', admin, { userId: admin.sub, email: 'owner@kafka.test', fullName: 'Kafka Owner', role: 'admin' });
    client = new KafkaCommandClient(
      kafka,
      {
        context: 'outreach',
        topicPrefix: app.config.TOPIC_PREFIX,
        instanceId: randomUUID(),
        clientName: 'outreach-test',
        timeoutMs: 60_000,
        signer: testCommandSigner(['outreach:service']),
      },
      new JsonLogger('test', 'error'),
    );
    await client.start();
  });
  afterAll(async () => {
    await client?.stop();
    await app?.stop();
  });

  it("pauses a campaign for the envelope's tenant and answers on the results topic", async () => {
    const campaignId = await activeCampaign();
    const pause = envelope('PauseCampaign', { campaignId });
    const result = await client.send(pause, outreach.campaignStreamId(admin.orgId, campaignId));
    expect(result).toMatchObject({ commandId: pause.commandId, context: 'outreach', status: 'ACCEPTED', streamVersion: 4 });
    const { events } = await app.store.readStream(outreach.campaignStreamId(admin.orgId, campaignId));
    expect(events.at(-1)).toMatchObject({
      type: 'CampaignStatusChanged',
      actor: 'service:test-service',
      tenant: admin.orgId,
      data: { from: 'active', to: 'paused' },
    });
  });

  it('a command whose tenant is another org finds no campaign', async () => {
    const campaignId = await activeCampaign();
    const pause = envelope('PauseCampaign', { campaignId }, randomUUID());
    expect(await client.send(pause, campaignId)).toMatchObject({ status: 'REJECTED', code: 'CAMPAIGN_NOT_FOUND' });
    expect((await app.store.readStream(outreach.campaignStreamId(admin.orgId, campaignId))).version).toBe(3);
  });

  it('rejects a command without a tenant: it names no org to act in', async () => {
    const campaignId = await activeCampaign();
    expect(await client.send(envelope('PauseCampaign', { campaignId }, null), campaignId)).toMatchObject({ status: 'REJECTED', code: 'TENANT_REQUIRED' });
    expect((await app.store.readStream(outreach.campaignStreamId(admin.orgId, campaignId))).version).toBe(3);
  });

  it("never accepts DispatchContact from Kafka: its checks are the dispatcher's own", async () => {
    const campaignId = await activeCampaign();
    // The contract has no DispatchContact schema, so the envelope is written by hand.
    const raw = envelope('DispatchContact', null);
    const bytes = parseSchema(envelopeSchemas.CommandEnvelope).toBuffer({ ...raw, data: Buffer.from('{}') });
    const producer = kafka.producer();
    await producer.connect();
    const topics = topicsFor('outreach', app.config.TOPIC_PREFIX);
    const value = Buffer.concat([Buffer.of(FORMAT_V1), bytes]);
    await producer.send({
      topic: topics.commands,
      messages: [{ key: campaignId, value, headers: { authorization: await testCommandSigner(['outreach:service']).sign(value) } }],
    });
    await producer.disconnect();
    const results = await collectMessages(kafka, topics.commandResults, (seen) => seen.some((m) => m.message.key?.toString() === raw.commandId));
    const result: CommandResult | undefined = results
      .map((m) => decodeCommandResult(m.message.value ?? Buffer.alloc(0)))
      .find((r) => r.commandId === raw.commandId);
    expect(result).toMatchObject({ status: 'REJECTED', code: 'UNKNOWN_COMMAND' });
  });
});
