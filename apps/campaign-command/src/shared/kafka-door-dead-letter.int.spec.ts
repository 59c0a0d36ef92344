import { randomBytes, randomUUID } from 'node:crypto';
import { type CommandEnvelope, decodeCommandResult, encodeCommand, topicsFor } from '@campaign/contracts';
import { lifecycle } from '@campaign/domain';
import { collectMessages, testCommandSigner, testKafka, waitFor } from '@campaign/testing';
import type { Consumer } from 'kafkajs';
import { type CommandApp, startCommandApp } from '../testing';

/**
 * The Kafka command door as it runs: a message that is no command is set aside on
 * `<context>.dead-letter` byte for byte, and the signed command behind it on the same
 * partition is still executed and answered.
 */
describe('Kafka command door: an undecodable message', () => {
  let app: CommandApp;
  const kafka = testKafka();
  const producer = kafka.producer();
  let results: Consumer;
  const answered = new Map<string, string>();

  beforeAll(async () => {
    app = await startCommandApp();
    await producer.connect();
    results = kafka.consumer({ groupId: `results-${randomUUID()}` });
    await results.connect();
    await results.subscribe({ topics: [topicsFor('lifecycle', app.config.TOPIC_PREFIX).commandResults], fromBeginning: true });
    await results.run({
      eachMessage: async ({ message }) => {
        const result = decodeCommandResult(message.value ?? Buffer.alloc(0));
        answered.set(result.commandId, result.status);
      },
    });
  });
  afterAll(async () => {
    await results?.disconnect();
    await producer.disconnect();
    await app?.stop();
  });

  const createCampaign = (campaignId: string): CommandEnvelope => ({
    commandId: randomUUID(),
    type: 'CreateCampaign',
    schemaVersion: 1,
    context: 'lifecycle',
    issuedAt: new Date().toISOString(),
    actor: 'service:test',
    correlationId: null,
    causationId: null,
    tenant: null,
    data: { campaignId, durationHours: 24, autoClose: null, rewardsEnabled: null, startTime: null, metadata: null },
  });

  it('random bytes and a cut-off envelope go to lifecycle.dead-letter; the signed command after them on the partition is ACCEPTED', async () => {
    const topics = topicsFor('lifecycle', app.config.TOPIC_PREFIX);
    const campaignId = randomUUID();
    const valid = createCampaign(campaignId);
    const bytes = encodeCommand(valid);
    const authorization = await testCommandSigner(['lifecycle:write']).sign(bytes);
    // Signed as sent, so only its data is wrong: its head (id, type) reads, the rest is missing.
    const whole = encodeCommand(createCampaign(randomUUID()));
    const cut = whole.subarray(0, whole.length - 8);
    const poison = [
      { key: `poison-${randomUUID()}`, value: randomBytes(64), partition: 0 },
      { key: `poison-${randomUUID()}`, value: cut, partition: 0, headers: { authorization: await testCommandSigner(['lifecycle:write']).sign(cut) } },
    ];
    await producer.send({
      topic: topics.commands,
      acks: -1,
      messages: [...poison, { key: valid.commandId, value: bytes, partition: 0, headers: { authorization } }],
    });

    expect(await waitFor(`the result of ${valid.commandId}`, async () => answered.get(valid.commandId), { timeoutMs: 60_000 })).toBe('ACCEPTED');
    expect((await app.store.readStream(lifecycle.campaignStreamId(campaignId))).version).toBe(1);
    const letters = await collectMessages(kafka, topics.deadLetter, (all) => poison.every((p) => all.some((l) => l.message.key?.toString() === p.key)), 60_000);
    const mine = poison.map((p) => letters.find((l) => l.message.key?.toString() === p.key)?.message);
    expect(mine.map((m) => m?.value)).toEqual(poison.map((p) => p.value));
    expect(mine.map((m) => m?.headers?.['dead-letter-origin-topic']?.toString())).toEqual([topics.commands, topics.commands]);
    // Neither was answered as a command: there is no command in them to answer.
    expect(poison.filter((p) => answered.has(p.key))).toEqual([]);
  });
});
