import { randomUUID } from 'node:crypto';
import { decodeCommandResult, encodeCommand } from '@campaign/contracts';
import { collectMessages, testCommandSigner, testKafka, testPool, waitFor } from '@campaign/testing';
import { E2E_SECRETS, getJson, OPERATOR_HEADERS, Platform, postJson } from './support/platform';

describe('the platform, four apps as processes', () => {
  const platform = new Platform();
  const command = (path: string) => `${platform.url('campaign-command')}/v1/lifecycle/campaigns${path}`;
  const query = (path: string) => `${platform.url('projection')}/v1/lifecycle${path}`;

  beforeAll(async () => {
    await Promise.all([
      platform.start('campaign-command'),
      platform.start('projection'),
      platform.start('timer-scheduler'),
      platform.start('analytics-ingest'),
    ]);
  });
  afterAll(() => platform.stopAll());

  it('every app reports health and Prometheus metrics', async () => {
    for (const app of ['campaign-command', 'projection', 'timer-scheduler', 'analytics-ingest'] as const) {
      const health = await getJson(`${platform.url(app)}/health`);
      expect(health).toMatchObject({ status: 200, body: { status: 'UP' } });
      const metrics = await fetch(`${platform.url(app)}/metrics`);
      expect(await metrics.text()).toContain(`service="${app}"`);
    }
  });

  it('an HTTP command becomes a read-model row, and the whole life lands in the state log', async () => {
    const created = await postJson(command(''), { durationHours: 24, metadata: { name: 'e2e' } });
    expect(created).toMatchObject({ status: 201, body: { status: 'ACCEPTED', streamVersion: 1 } });
    const campaignId = String(created.body.streamId).replace('campaign-', '');
    const row = await waitFor('the campaign row', async () => {
      const found = await getJson(query(`/campaigns/${campaignId}`));
      return found.status === 200 ? found.body : undefined;
    });
    expect(row).toMatchObject({ id: campaignId, status: 'CREATED', duration_hours: 24, metadata: { name: 'e2e' } });

    for (const action of ['start', 'close', 'open-reward-claim', 'expire']) {
      expect((await postJson(command(`/${campaignId}/${action}`), {})).status).toBe(200);
    }
    const log = await waitFor('five state-log rows', async () => {
      const found = await getJson(query(`/campaigns/${campaignId}/state-log`));
      const items = found.body.items as { from_state: string | null; to_state: string }[];
      return items.length === 5 ? items : undefined;
    });
    expect(log.map((r) => `${r.from_state}→${r.to_state}`)).toEqual([
      'null→CREATED',
      'CREATED→RUNNING',
      'RUNNING→CLOSED',
      'CLOSED→REWARD_CLAIM',
      'REWARD_CLAIM→EXPIRED',
    ]);
  });

  it('rejects a forbidden transition with a code naming both states, and changes nothing', async () => {
    const created = await postJson(command(''), { durationHours: 1 });
    const campaignId = String(created.body.streamId).replace('campaign-', '');
    await waitFor('the campaign row', async () => (await getJson(query(`/campaigns/${campaignId}`))).status === 200);
    const rejected = await postJson(command(`/${campaignId}/close`), {});
    expect(rejected).toMatchObject({
      status: 409,
      body: {
        status: 'REJECTED',
        code: 'INVALID_STATE_TRANSITION',
        message: 'Invalid state transition from CREATED to CLOSED',
        details: { from: 'CREATED', to: 'CLOSED' },
      },
    });
    const malformed = await postJson(command(''), { durationHours: 'soon' });
    expect(malformed).toMatchObject({ status: 400, body: { code: 'INVALID_REQUEST' } });
    const invalid = await postJson(command(''), { durationHours: 0 });
    expect(invalid).toMatchObject({ status: 422, body: { code: 'INVALID_DURATION' } });
    const broken = await fetch(command(''), {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...OPERATOR_HEADERS },
      body: '{"durationHours": 5',
    });
    expect({ status: broken.status, body: await broken.json() }).toMatchObject({ status: 400, body: { status: 'REJECTED', code: 'INVALID_REQUEST' } });
    // The stream itself, not the read model (which might just not have caught up): one event.
    const pool = testPool(1);
    try {
      const { rows } = await pool.query(`SELECT max(stream_version)::int AS version FROM ${platform.env.EVENTSTORE_SCHEMA}.events WHERE stream_id = $1`, [
        `campaign-${campaignId}`,
      ]);
      expect(rows).toEqual([{ version: 1 }]);
    } finally {
      await pool.end();
    }
  });

  it('answers a repeated Idempotency-Key with the first outcome', async () => {
    const key = randomUUID();
    const first = await postJson(command(''), { durationHours: 3 }, { 'idempotency-key': key });
    const again = await postJson(command(''), { durationHours: 3 }, { 'idempotency-key': key });
    expect(again.body).toEqual({ ...first.body, duplicate: true });
  });

  it('a Kafka command gets its result on the results topic, correlated by command id', async () => {
    const kafka = testKafka();
    const producer = kafka.producer();
    await producer.connect();
    const campaignId = randomUUID();
    const accepted = randomUUID();
    const rejected = randomUUID();
    const envelope = (commandId: string, type: string, data: Record<string, unknown>) =>
      encodeCommand({
        commandId,
        type,
        schemaVersion: 1,
        context: 'lifecycle',
        issuedAt: new Date().toISOString(),
        actor: 'service:e2e',
        correlationId: null,
        causationId: null,
        tenant: null,
        data,
      });
    const signer = testCommandSigner(['lifecycle:write'], 'e2e-service', E2E_SECRETS.jwt);
    const signed = async (value: Buffer) => ({ key: campaignId, value, headers: { authorization: await signer.sign(value) } });
    await producer.send({
      topic: platform.topic('commands'),
      messages: [
        await signed(
          envelope(accepted, 'CreateCampaign', { campaignId, durationHours: 5, autoClose: null, rewardsEnabled: null, startTime: null, metadata: null }),
        ),
        await signed(envelope(rejected, 'ExpireCampaign', { campaignId, trigger: null, reason: null })),
      ],
    });
    await producer.disconnect();
    const results = await collectMessages(kafka, platform.topic('command-results'), (all) =>
      [accepted, rejected].every((id) => all.some((m) => m.message.key?.toString() === id)),
    );
    const byId = new Map(results.map((m) => [m.message.key!.toString(), decodeCommandResult(m.message.value!)]));
    expect(byId.get(accepted)).toMatchObject({ status: 'ACCEPTED', streamVersion: 1, streamId: `campaign-${campaignId}` });
    expect(byId.get(rejected)).toMatchObject({ status: 'REJECTED', code: 'INVALID_STATE_TRANSITION', details: { from: 'CREATED', to: 'EXPIRED' } });
  });

  it('serves its OpenAPI document', async () => {
    const doc = await getJson(`${platform.url('campaign-command')}/openapi.json`);
    expect(doc.status).toBe(200);
    expect(Object.keys(doc.body.paths as object)).toContain('/v1/lifecycle/campaigns/{campaignId}/start');
  });
});
