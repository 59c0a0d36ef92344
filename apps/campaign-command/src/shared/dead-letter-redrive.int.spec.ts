import { randomUUID } from 'node:crypto';
import { type CommandEnvelope, CONTRACT_VERSIONS, encodeCommand, topicsFor } from '@campaign/contracts';
import { lifecycle } from '@campaign/domain';
import { DEAD_LETTER_HEADERS, eventPointerDeadLetter, headerText, rawDeadLetter, REDRIVEN_FROM_HEADER } from '@campaign/messaging';
import { messageDigest, signJwt } from '@campaign/runtime';
import { type Collected, collectMessages, serviceToken, TEST_JWT_SECRET, testCommandSigner, testKafka, waitFor } from '@campaign/testing';
import type { KafkaMessage, Producer } from 'kafkajs';
import { type CommandApp, startCommandApp } from '../testing';
import { runRedrive } from './dead-letter-redrive.cli';

interface Listed {
  readonly offset: string;
  readonly kind: string;
  readonly origin: { topic: string; partition: number | null; offset: string | null } | null;
  readonly eventId: string | null;
  readonly consumer: string | null;
  readonly error: string | null;
  readonly key: string | null;
}

describe('redriving the <context>.dead-letter topics', () => {
  let app: CommandApp;
  let producer: Producer;
  const kafka = testKafka();
  const reader = serviceToken(['dead-letters:read']);
  const operator = serviceToken(['dead-letters:read', 'dead-letters:redrive']);
  const topics = (context: string) => topicsFor(context, app.config.TOPIC_PREFIX);

  const http = async (method: string, path: string, token: string | null, body?: unknown) => {
    const response = await fetch(`${app.url}${path}`, {
      method,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  const listed = async (context: string, all = false): Promise<Listed[]> =>
    (await http('GET', `/v1/admin/dead-letters/${context}${all ? '?all=true' : ''}`, reader)).body.letters as Listed[];
  const redrive = (context: string, body: unknown = {}) => http('POST', `/v1/admin/dead-letters/${context}/redrive`, operator, body);
  /** Every message the topic holds now: read until the count its partitions' ends add up to, so a late copy is seen too. */
  const everything = async (topic: string): Promise<Collected[]> => {
    const admin = kafka.admin();
    await admin.connect();
    const ends = await admin.fetchTopicOffsets(topic).finally(() => admin.disconnect());
    const total = ends.reduce((n, p) => n + Number(p.high) - Number(p.low), 0);
    return collectMessages(kafka, topic, (all) => all.length >= total, 30_000);
  };

  const createCampaign = (campaignId: string): CommandEnvelope => ({
    commandId: randomUUID(),
    type: 'CreateCampaign',
    schemaVersion: 1,
    context: 'lifecycle',
    issuedAt: new Date().toISOString(),
    actor: 'service:test-service',
    correlationId: null,
    causationId: null,
    tenant: null,
    data: { campaignId, durationHours: 24, autoClose: null, rewardsEnabled: null, startTime: null, metadata: null },
  });
  /** A letter as the command door would have written it for a command read at (partition 0, offset 0). */
  const commandLetter = (value: Buffer, authorization: string, key: string) => {
    const original = {
      key: Buffer.from(key),
      value,
      headers: { authorization },
      offset: '0',
      timestamp: String(Date.now()),
      attributes: 0,
    } as unknown as KafkaMessage;
    return rawDeadLetter(
      original,
      { topic: topics('lifecycle').commands, partition: 0 },
      app.config.COMMAND_CONSUMER_GROUP,
      'simulated: the door could not read it then',
    );
  };
  /** Puts a letter on the dead-letter topic and answers its offset there. */
  const deadLetter = async (context: string, letter: Parameters<Producer['send']>[0]['messages'][number]): Promise<string> => {
    const [sent] = await producer.send({ topic: topics(context).deadLetter, acks: -1, messages: [letter] });
    return sent.baseOffset as string;
  };
  const appendEvent = async (campaignId: string, data: unknown): Promise<string> => {
    const eventId = randomUUID();
    const streamId = lifecycle.campaignStreamId(campaignId);
    const metadata = {
      context: 'lifecycle',
      occurredAt: new Date().toISOString(),
      correlationId: randomUUID(),
      causationId: null,
      actor: 'service:test',
      tenant: null,
      commandId: randomUUID(),
    };
    await app.store.append(
      streamId,
      0,
      [{ eventId, type: 'CampaignCreated', schemaVersion: CONTRACT_VERSIONS.lifecycle.events.CampaignCreated, data }],
      metadata,
      (streamVersion) => ({
        status: 'ACCEPTED',
        commandId: metadata.commandId,
        streamId,
        streamVersion,
        eventIds: [eventId],
      }),
    );
    return eventId;
  };

  beforeAll(async () => {
    app = await startCommandApp();
    producer = kafka.producer({ allowAutoTopicCreation: false });
    await producer.connect();
  });
  afterAll(async () => {
    await producer?.disconnect();
    await app?.stop();
  });

  it('letters from the command door, the dispatcher and the relay are listed with where they came from and why', async () => {
    const garbageKey = randomUUID();
    await producer.send({ topic: topics('lifecycle').commands, acks: -1, messages: [{ key: garbageKey, value: Buffer.from('no envelope') }] });
    await producer.send({ topic: topics('outreach').events, acks: -1, messages: [{ key: garbageKey, value: Buffer.from('no event') }] });
    const unencodable = await appendEvent(randomUUID(), { campaignId: 'missing every other field' });

    const lifecycleLetters = await waitFor('both lifecycle letters', async () => {
      const letters = await listed('lifecycle');
      return letters.some((l) => l.key === garbageKey) && letters.some((l) => l.eventId === unencodable) && letters;
    });
    expect(lifecycleLetters.find((l) => l.key === garbageKey)).toMatchObject({
      kind: 'raw',
      origin: { topic: topics('lifecycle').commands, offset: expect.stringMatching(/^\d+$/) },
      consumer: app.config.COMMAND_CONSUMER_GROUP,
      error: 'the message is not a command envelope',
    });
    expect(lifecycleLetters.find((l) => l.eventId === unencodable)).toMatchObject({
      kind: 'event-pointer',
      origin: null,
      consumer: expect.stringContaining('outbox-relay'),
      error: expect.any(String),
    });
    const outreachLetter = await waitFor("the dispatcher's letter", async () => (await listed('outreach')).find((l) => l.key === garbageKey));
    expect(outreachLetter).toMatchObject({
      kind: 'raw',
      origin: { topic: topics('outreach').events, partition: expect.any(Number) },
      consumer: 'outreach-dispatch-follower',
    });
    // The relay's pointer still cannot be encoded: redriving it says so and leaves it pending.
    const offset = lifecycleLetters.find((l) => l.eventId === unencodable)?.offset as string;
    expect((await redrive('lifecycle', { offsets: [offset] })).body.results).toEqual([
      expect.objectContaining({ offset, outcome: 'still-failing', reason: expect.objectContaining({ code: 'UNENCODABLE' }) }),
    ]);
    expect((await listed('lifecycle')).some((l) => l.offset === offset)).toBe(true);
  });

  it('a raw command letter is republished byte for byte with its signature, completes, and a second redrive republishes nothing', async () => {
    const campaignId = randomUUID();
    const command = createCampaign(campaignId);
    const value = encodeCommand(command);
    const offset = await deadLetter('lifecycle', commandLetter(value, await testCommandSigner(['lifecycle:write']).sign(value), command.commandId));

    expect((await redrive('lifecycle', { offsets: [offset] })).body.results).toEqual([
      { offset, kind: 'raw', outcome: 'redriven', topic: topics('lifecycle').commands },
    ]);
    await waitFor(
      'the redriven command to create its campaign',
      async () => (await app.store.readStream(lifecycle.campaignStreamId(campaignId))).version === 1,
    );
    expect((await redrive('lifecycle', { offsets: [offset] })).body.results).toEqual([{ offset, kind: 'raw', outcome: 'already-redriven' }]);
    expect((await listed('lifecycle')).some((l) => l.offset === offset)).toBe(false);
    expect((await listed('lifecycle', true)).find((l) => l.offset === offset)).toMatchObject({ redrivenAt: expect.any(String) });

    const from = `${topics('lifecycle').deadLetter}:0:${offset}`;
    const republished = (await everything(topics('lifecycle').commands)).filter((m) => headerText(m.message.headers, REDRIVEN_FROM_HEADER) === from);
    expect(republished).toHaveLength(1);
    expect(republished[0].message.value?.equals(value)).toBe(true);
    expect(headerText(republished[0].message.headers, DEAD_LETTER_HEADERS.kind)).toBeNull();
  });

  it('a command whose token has expired is reported as still failing, not republished', async () => {
    const command = createCampaign(randomUUID());
    const value = encodeCommand(command);
    const past = Math.floor(Date.now() / 1000) - 7_200;
    const expired = signJwt({ sub: 'test-service', scope: 'lifecycle:write', msg: messageDigest(value), iat: past, exp: past + 3_600 }, TEST_JWT_SECRET);
    const offset = await deadLetter('lifecycle', commandLetter(value, expired, command.commandId));
    const { results } = (await redrive('lifecycle', { offsets: [offset] })).body;
    expect(results).toEqual([
      { offset, kind: 'raw', outcome: 'still-failing', reason: { code: 'COMMAND_WOULD_FAIL', message: expect.stringContaining('no longer accepted') } },
    ]);
    expect((await listed('lifecycle')).some((l) => l.offset === offset)).toBe(true);
  });

  it('an event-pointer letter is read again from the store and published to the events topic, once', async () => {
    const campaignId = randomUUID();
    const data = {
      campaignId,
      durationHours: 24,
      autoClose: true,
      rewardsEnabled: false,
      startTime: null,
      endTime: null,
      metadata: {},
      createdAt: new Date().toISOString(),
    };
    const eventId = await appendEvent(campaignId, data);
    const streamId = lifecycle.campaignStreamId(campaignId);
    const pointer = { eventId, streamId, streamVersion: 1, type: 'CampaignCreated', context: 'lifecycle' };
    const offset = await deadLetter('lifecycle', eventPointerDeadLetter(streamId, pointer, 'outbox-relay:test', 'simulated: the encoder was broken then'));

    const cli = await runRedrive(['--context', 'lifecycle', '--offsets', offset], () => app.config);
    expect(cli).toEqual({ code: 0, output: [{ offset, kind: 'event-pointer', outcome: 'redriven', topic: topics('lifecycle').events }] });
    expect((await runRedrive(['--context', 'lifecycle', '--offsets', offset], () => app.config)).output).toEqual([
      { offset, kind: 'event-pointer', outcome: 'already-redriven' },
    ]);

    const from = `${topics('lifecycle').deadLetter}:0:${offset}`;
    await waitFor('the relay to publish the event', async () =>
      (await everything(topics('lifecycle').events)).some((m) => headerText(m.message.headers, 'event-id') === eventId),
    );
    const copies = (await everything(topics('lifecycle').events)).filter((m) => headerText(m.message.headers, 'event-id') === eventId);
    expect(copies.map((m) => headerText(m.message.headers, REDRIVEN_FROM_HEADER))).toEqual([null, from]);
    expect(copies[1].message.key?.toString()).toBe(copies[0].message.key?.toString());
    expect(copies[1].message.value?.equals(copies[0].message.value as Buffer)).toBe(true);
  });

  it('only operators with the scopes may list or redrive; unknown contexts and offsets are refused by name', async () => {
    expect((await http('GET', '/v1/admin/dead-letters/lifecycle', null)).status).toBe(401);
    expect((await http('GET', '/v1/admin/dead-letters/lifecycle', serviceToken(['lifecycle:write']))).status).toBe(403);
    expect((await http('POST', '/v1/admin/dead-letters/lifecycle/redrive', null, {})).status).toBe(401);
    expect(await http('POST', '/v1/admin/dead-letters/lifecycle/redrive', reader, {})).toMatchObject({ status: 403, body: { code: 'FORBIDDEN' } });
    expect(await redrive('billing')).toMatchObject({ status: 404, body: { code: 'UNKNOWN_CONTEXT' } });
    expect(await redrive('lifecycle', { offsets: ['999999999'] })).toMatchObject({ status: 422, body: { code: 'UNKNOWN_OFFSETS' } });
    expect(await redrive('lifecycle', { offsets: ['five'] })).toMatchObject({ status: 400, body: { code: 'INVALID_REQUEST' } });
    expect((await runRedrive(['--context', 'lifecycle', '--offsets', 'five'], () => app.config)).code).toBe(2);
  });
});
