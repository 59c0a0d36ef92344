import { randomUUID } from 'node:crypto';
import type { CommandEnvelope } from '@campaign/contracts';
import { lifecycle } from '@campaign/domain';
import { KafkaCommandClient } from '@campaign/messaging';
import { JsonLogger } from '@campaign/runtime';
import { testKafka, testCommandSigner } from '@campaign/testing';
import { type CommandApp, startCommandApp } from '../testing';

/** The lifecycle Kafka door, run by the consumer class it now shares with outreach. */
describe('lifecycle Kafka door (<prefix>lifecycle.commands → <prefix>lifecycle.command-results)', () => {
  let app: CommandApp;
  let client: KafkaCommandClient;

  const envelope = (type: string, data: unknown): CommandEnvelope => ({
    commandId: randomUUID(),
    type,
    schemaVersion: 1,
    context: 'lifecycle',
    issuedAt: new Date().toISOString(),
    actor: 'service:test',
    correlationId: null,
    causationId: null,
    tenant: null,
    data,
  });

  beforeAll(async () => {
    app = await startCommandApp();
    client = new KafkaCommandClient(
      testKafka(),
      {
        context: 'lifecycle',
        topicPrefix: app.config.TOPIC_PREFIX,
        instanceId: randomUUID(),
        clientName: 'lifecycle-test',
        timeoutMs: 60_000,
        signer: testCommandSigner(['lifecycle:write']),
      },
      new JsonLogger('test', 'error'),
    );
    await client.start();
  });
  afterAll(async () => {
    await client?.stop();
    await app?.stop();
  });

  it('creates and starts a campaign, answering each command on the results topic', async () => {
    const campaignId = randomUUID();
    const stream = lifecycle.campaignStreamId(campaignId);
    const create = envelope('CreateCampaign', { campaignId, durationHours: 24, autoClose: null, rewardsEnabled: null, startTime: null, metadata: null });
    expect(await client.send(create, stream)).toMatchObject({ commandId: create.commandId, context: 'lifecycle', status: 'ACCEPTED', streamVersion: 1 });
    expect(await client.send(envelope('StartCampaign', { campaignId, trigger: null, reason: null }), stream)).toMatchObject({
      status: 'ACCEPTED',
      streamVersion: 2,
    });
    expect(await client.send(create, stream)).toMatchObject({ status: 'ACCEPTED', streamVersion: 1 });
    expect(await client.send(envelope('OpenRewardClaim', { campaignId, trigger: null, reason: null }), stream)).toMatchObject({
      status: 'REJECTED',
      code: 'INVALID_STATE_TRANSITION',
    });
    expect((await app.store.readStream(stream)).version).toBe(2);
  });
});
