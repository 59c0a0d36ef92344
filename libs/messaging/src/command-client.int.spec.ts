import { randomUUID } from 'node:crypto';
import { decodeCommand, encodeCommandResult, topicSpecs, topicsFor } from '@campaign/contracts';
import { testKafka, uniqueSuffix, testCommandSigner, waitFor } from '@campaign/testing';
import { KafkaCommandClient } from './command-client';
import { ensureTopics } from './topics';

const silent = { log: () => undefined, warn: () => undefined, error: () => undefined };

describe('KafkaCommandClient (real Kafka)', () => {
  const prefix = `cc-${uniqueSuffix()}.`;
  const topics = topicsFor('lifecycle', prefix);
  const kafka = testKafka();
  const client = new KafkaCommandClient(
    kafka,
    {
      context: 'lifecycle',
      topicPrefix: prefix,
      instanceId: randomUUID(),
      clientName: 'cc-test',
      timeoutMs: 30_000,
      signer: testCommandSigner(['lifecycle:write']),
    },
    silent,
  );
  const responder = kafka.consumer({ groupId: `responder-${uniqueSuffix()}` });
  const producer = kafka.producer();
  const received: string[] = [];

  beforeAll(async () => {
    const admin = kafka.admin();
    await admin.connect();
    await ensureTopics(admin, topicSpecs('lifecycle', prefix));
    await admin.disconnect();
    await producer.connect();
    await responder.connect();
    await responder.subscribe({ topics: [topics.commands], fromBeginning: true });
    // Plays campaign-command: answers every command once it has seen it, by command id.
    await responder.run({
      eachMessage: async ({ message }) => {
        const command = decodeCommand(message.value!);
        received.push(command.commandId);
        await producer.send({
          topic: topics.commandResults,
          messages: [
            {
              key: command.commandId,
              value: encodeCommandResult({
                commandId: command.commandId,
                context: 'lifecycle',
                status: 'ACCEPTED',
                streamId: `campaign-${(command.data as { campaignId: string }).campaignId}`,
                streamVersion: 2,
                code: null,
                message: null,
                details: null,
                processedAt: new Date().toISOString(),
              }),
            },
          ],
        });
      },
    });
    await client.start();
  });
  afterAll(async () => {
    await client.stop();
    await responder.disconnect();
    await producer.disconnect();
  });

  it('reads every result written once start() has returned: its group starts at the end as of then', async () => {
    // A result already on the topic before the client starts (another instance's).
    await producer.send({ topic: topics.commandResults, messages: [{ key: 'earlier', value: Buffer.from('not for this client') }] });
    const admin = kafka.admin();
    await admin.connect();
    const instanceId = randomUUID();
    const late = new KafkaCommandClient(
      kafka,
      { context: 'lifecycle', topicPrefix: prefix, instanceId, clientName: 'cc-late', timeoutMs: 30_000, signer: testCommandSigner(['lifecycle:write']) },
      silent,
    );
    try {
      const ends = await admin.fetchTopicOffsets(topics.commandResults);
      await late.start();
      // Left to the consumer, "latest" would be looked up after the join, racing the first
      // result: the group's position is the ends as they were before start() (committed with
      // its first fetch).
      const byPartition = (rows: readonly { partition: number; offset: string }[]) =>
        rows.map(({ partition, offset }) => ({ partition, offset })).sort((a, b) => a.partition - b.partition);
      const positions = async () => {
        const [committed] = await admin.fetchOffsets({ groupId: `cc-late-results-${instanceId}`, topics: [topics.commandResults] });
        return byPartition(committed.partitions);
      };
      await waitFor('the group to be positioned', async () => JSON.stringify(await positions()) === JSON.stringify(byPartition(ends)), { timeoutMs: 10_000 });
      const campaignId = randomUUID();
      const envelope = {
        commandId: randomUUID(),
        type: 'StartCampaign',
        schemaVersion: 1,
        context: 'lifecycle',
        issuedAt: new Date().toISOString(),
        actor: 'service:test',
        correlationId: null,
        causationId: null,
        tenant: null,
        data: { campaignId, trigger: null, reason: null },
      };
      expect(await late.send(envelope, `campaign-${campaignId}`)).toMatchObject({ commandId: envelope.commandId, status: 'ACCEPTED' });
    } finally {
      await late.stop();
      await admin.disconnect();
    }
  });

  it('answers two callers of the same command id, sent while the first is in flight, with the one result', async () => {
    const campaignId = randomUUID();
    const envelope = {
      commandId: randomUUID(),
      type: 'StartCampaign',
      schemaVersion: 1,
      context: 'lifecycle',
      issuedAt: new Date().toISOString(),
      actor: 'service:test',
      correlationId: null,
      causationId: null,
      tenant: null,
      data: { campaignId, trigger: null, reason: null },
    };
    const [first, second] = await Promise.all([client.send(envelope, `campaign-${campaignId}`), client.send(envelope, `campaign-${campaignId}`)]);
    expect(first).toMatchObject({ commandId: envelope.commandId, status: 'ACCEPTED' });
    expect(second).toEqual(first);
    expect(received.filter((id) => id === envelope.commandId)).toHaveLength(1);
  });
});
