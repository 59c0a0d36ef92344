import { createHash, randomUUID } from 'node:crypto';
import {
  type CommandEnvelope,
  type CommandResult,
  decodeCommandResult,
  encodeCommand,
  envelopeSchemas,
  FORMAT_V1,
  parseSchema,
  topicsFor,
} from '@campaign/contracts';
import { lifecycle, outreach } from '@campaign/domain';
import { signJwt } from '@campaign/runtime';
import { collectMessages, TEST_JWT_SECRET, testCommandSigner, testKafka } from '@campaign/testing';
import { type Actor, actor, call, type CommandApp, startCommandApp } from '../testing';

/**
 * The Kafka command doors take the sender's identity from the signed envelope (a token in the
 * `authorization` header bound to the message's bytes), never from the envelope's own fields.
 */
describe('Kafka command doors: who sent it, and what it may do', () => {
  let app: CommandApp;
  let admin: Actor;
  const kafka = testKafka();
  const producer = kafka.producer();

  const envelope = (context: string, type: string, data: unknown, tenant: string | null = null): CommandEnvelope => ({
    commandId: randomUUID(),
    type,
    schemaVersion: 1,
    context,
    issuedAt: new Date().toISOString(),
    actor: 'service:forged-name',
    correlationId: null,
    causationId: null,
    tenant,
    data,
  });

  /** Sends raw bytes with an optional authorization header and waits for that command's result. */
  const send = async (context: string, commandId: string, value: Buffer, authorization?: string): Promise<CommandResult> => {
    const topics = topicsFor(context, app.config.TOPIC_PREFIX);
    await producer.send({ topic: topics.commands, messages: [{ key: commandId, value, headers: authorization ? { authorization } : {} }] });
    const seen = await collectMessages(kafka, topics.commandResults, (all) => all.some((m) => m.message.key?.toString() === commandId));
    const result = seen.map((m) => decodeCommandResult(m.message.value ?? Buffer.alloc(0))).find((r) => r.commandId === commandId);
    if (!result) throw new Error(`no result for ${commandId}`);
    return result;
  };
  const signedBy = (scopes: string[]) => async (value: Buffer) => testCommandSigner(scopes).sign(value);
  const create = (campaignId: string) =>
    envelope('lifecycle', 'CreateCampaign', { campaignId, durationHours: 24, autoClose: null, rewardsEnabled: null, startTime: null, metadata: null });

  beforeAll(async () => {
    app = await startCommandApp();
    admin = actor('admin');
    await call(app, 'POST', '/v1/outreach/organizations', admin, { orgId: admin.orgId, name: 'Door Org' });
    await call(app, 'POST', '/v1/outreach/users', admin, { userId: admin.sub, email: 'owner@door.test', fullName: 'Door Owner', role: 'admin' });
    await producer.connect();
  });
  afterAll(async () => {
    await producer.disconnect();
    await app?.stop();
  });

  it('an unsigned command is answered UNAUTHORIZED and writes nothing', async () => {
    const campaignId = randomUUID();
    const command = create(campaignId);
    expect(await send('lifecycle', command.commandId, encodeCommand(command))).toMatchObject({ status: 'REJECTED', code: 'UNAUTHORIZED' });
    expect((await app.store.readStream(lifecycle.campaignStreamId(campaignId))).version).toBe(0);
  });

  it('a token taken from one command and put on another is refused: it is bound to the bytes it signed', async () => {
    const first = encodeCommand(create(randomUUID()));
    const token = await signedBy(['lifecycle:write'])(first);
    const campaignId = randomUUID();
    const other = create(campaignId);
    expect(await send('lifecycle', other.commandId, encodeCommand(other), token)).toMatchObject({ status: 'REJECTED', code: 'UNAUTHORIZED' });
    expect((await app.store.readStream(lifecycle.campaignStreamId(campaignId))).version).toBe(0);
  });

  it("a service without the context's scope is FORBIDDEN; with it, the event records the token's subject as actor", async () => {
    const refused = create(randomUUID());
    const refusedBytes = encodeCommand(refused);
    expect(await send('lifecycle', refused.commandId, refusedBytes, await signedBy(['outreach:service'])(refusedBytes))).toMatchObject({ code: 'FORBIDDEN' });
    const campaignId = randomUUID();
    const accepted = create(campaignId);
    const bytes = encodeCommand(accepted);
    expect(await send('lifecycle', accepted.commandId, bytes, await signedBy(['lifecycle:write'])(bytes))).toMatchObject({ status: 'ACCEPTED' });
    const { events } = await app.store.readStream(lifecycle.campaignStreamId(campaignId));
    expect(events[0].actor).toBe('service:test-service');
  });

  it("a user of org B naming org A as tenant is FORBIDDEN, and A's campaign is unchanged", async () => {
    const created = await call(app, 'POST', '/v1/outreach/campaigns', admin, { name: 'Tenant door campaign' });
    const campaignId = created.body.campaignId as string;
    const stream = outreach.campaignStreamId(admin.orgId, campaignId);
    const before = (await app.store.readStream(stream)).version;
    const intruder = actor('admin');
    const command = envelope('outreach', 'UpdateCampaign', { campaignId, changes: { name: 'taken over' } }, admin.orgId);
    const bytes = encodeCommand(command);
    const token = signJwt(
      {
        sub: intruder.sub,
        org_id: intruder.orgId,
        role: 'admin',
        msg: createHash('sha256').update(bytes).digest('base64url'),
        exp: Math.floor(Date.now() / 1000) + 60,
      },
      TEST_JWT_SECRET,
    );
    expect(await send('outreach', command.commandId, bytes, token)).toMatchObject({ status: 'REJECTED', code: 'FORBIDDEN' });
    expect((await app.store.readStream(stream)).version).toBe(before);
  });

  it('an unknown command type is answered UNKNOWN_COMMAND (not left without a result)', async () => {
    const raw = envelope('lifecycle', 'DropEverything', null);
    const bytes = Buffer.concat([Buffer.of(FORMAT_V1), parseSchema(envelopeSchemas.CommandEnvelope).toBuffer({ ...raw, data: Buffer.from('{}') })]);
    expect(await send('lifecycle', raw.commandId, bytes, await signedBy(['lifecycle:write'])(bytes))).toMatchObject({
      status: 'REJECTED',
      code: 'UNKNOWN_COMMAND',
    });
  });

  // An unpaired surrogate cannot travel in Avro (strings are UTF-8 on the wire): U+0000 can.
  it('text PostgreSQL cannot hold (U+0000) is answered INVALID_TEXT, and the door keeps working', async () => {
    const campaignId = randomUUID();
    const setUp = create(campaignId);
    const setUpBytes = encodeCommand(setUp);
    await send('lifecycle', setUp.commandId, setUpBytes, await signedBy(['lifecycle:write'])(setUpBytes));
    for (const reason of ['bad\u0000reason', '\u0000']) {
      const start = envelope('lifecycle', 'StartCampaign', { campaignId, trigger: null, reason });
      const bytes = encodeCommand(start);
      expect(await send('lifecycle', start.commandId, bytes, await signedBy(['lifecycle:write'])(bytes))).toMatchObject({
        status: 'REJECTED',
        code: 'INVALID_TEXT',
      });
    }
    expect((await app.store.readStream(lifecycle.campaignStreamId(campaignId))).version).toBe(1);
    const start = envelope('lifecycle', 'StartCampaign', { campaignId, trigger: null, reason: 'fine' });
    const bytes = encodeCommand(start);
    expect(await send('lifecycle', start.commandId, bytes, await signedBy(['lifecycle:write'])(bytes))).toMatchObject({ status: 'ACCEPTED', streamVersion: 2 });
  });

  it('a message declaring 2^31−1 contacts in 5 bytes goes to the dead-letter topic, its sender gets MALFORMED_MESSAGE; the door lives on and answers the next command', async () => {
    const topics = topicsFor('outreach', app.config.TOPIC_PREFIX);
    const raw = envelope('outreach', 'AddContacts', null, admin.orgId);
    // campaignId (a 36-character string), then an array block claiming 2^31−1 items and nothing after.
    const campaignId = Buffer.from(randomUUID());
    const zigzag = (n: number) => {
      const out: number[] = [];
      let v = n * 2;
      while (v >= 0x80) {
        out.push(v % 0x80 | 0x80);
        v = Math.floor(v / 0x80);
      }
      out.push(v);
      return out;
    };
    const data = Buffer.concat([Buffer.from(zigzag(campaignId.length)), campaignId, Buffer.from(zigzag(2 ** 31 - 1))]);
    const value = Buffer.concat([Buffer.of(FORMAT_V1), parseSchema(envelopeSchemas.CommandEnvelope).toBuffer({ ...raw, data })]);
    await producer.send({
      topic: topics.commands,
      messages: [{ key: raw.commandId, value, headers: { authorization: await signedBy(['outreach:service'])(value) } }],
    });
    const dead = await collectMessages(kafka, topics.deadLetter, (all) => all.some((m) => m.message.key?.toString() === raw.commandId));
    expect(dead.find((m) => m.message.key?.toString() === raw.commandId)?.message.headers?.error?.toString()).toContain('declares 2147483647 items');
    const answers = await collectMessages(kafka, topics.commandResults, (all) => all.some((m) => m.message.key?.toString() === raw.commandId));
    const answer = answers.find((m) => m.message.key?.toString() === raw.commandId);
    expect(decodeCommandResult(answer?.message.value ?? Buffer.alloc(0))).toMatchObject({ status: 'REJECTED', code: 'MALFORMED_MESSAGE' });
    const campaignIdOk = randomUUID();
    const next = create(campaignIdOk);
    const bytes = encodeCommand(next);
    expect(await send('lifecycle', next.commandId, bytes, await signedBy(['lifecycle:write'])(bytes))).toMatchObject({ status: 'ACCEPTED' });
  });
});
