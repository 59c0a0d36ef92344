import { randomBytes } from 'node:crypto';
import { encodeEvent, envelopeSchemas, type EventEnvelope, FORMAT_V1, parseSchema, topicsFor } from '@campaign/contracts';
import { createHttpApp, JsonLogger } from '@campaign/runtime';
import { collectMessages, TEST_JWT_SECRET, testKafka, testPool, uniqueSuffix, waitFor } from '@campaign/testing';
import type { INestApplication } from '@nestjs/common';
import type { Pool } from 'pg';
import { ProjectionModule } from './app.module';
import { projectionConfigSchema } from './config';
import { CampaignHistory } from './lifecycle/testing';

/**
 * The projection as it runs (Kafka consumer, decoding, dead-letter producer): a message it
 * cannot read is set aside on `<context>.dead-letter` byte for byte, and the events after it on
 * the same partition are still projected.
 */
describe('projection: an undecodable message on an events topic', () => {
  const suffix = uniqueSuffix();
  const config = projectionConfigSchema.parse({
    ...process.env,
    HTTP_PORT: '0',
    LOG_LEVEL: 'error',
    TOPIC_PREFIX: `pdl${suffix}.`,
    LIFECYCLE_SCHEMA: `lc_pdl_${suffix}`,
    OUTREACH_SCHEMA: `or_pdl_${suffix}`,
    PROJECTION_GROUP: `projection-${suffix}`,
    JWT_SECRET: TEST_JWT_SECRET,
  });
  const topics = topicsFor('lifecycle', config.TOPIC_PREFIX);
  const kafka = testKafka();
  const producer = kafka.producer();
  let app: INestApplication;
  let pool: Pool;

  beforeAll(async () => {
    app = await createHttpApp(ProjectionModule.forRoot(config, new JsonLogger('projection', 'error')), new JsonLogger('projection', 'error'));
    await app.init();
    await producer.connect();
    pool = testPool(2);
  });
  afterAll(async () => {
    await producer.disconnect();
    await app?.close();
    for (const schema of [config.LIFECYCLE_SCHEMA, config.OUTREACH_SCHEMA]) await pool?.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await pool?.end();
  });

  /** A well-formed envelope of an event type no context defines: its data cannot be read. */
  const unknownType = (like: EventEnvelope): Buffer =>
    Buffer.concat([
      Buffer.of(FORMAT_V1),
      parseSchema(envelopeSchemas.EventEnvelope).toBuffer({ ...like, type: 'CampaignTeleported', data: Buffer.from('{}') }),
    ]);

  it('random bytes and an envelope of an unknown type land on lifecycle.dead-letter, and a valid event after them on the partition is projected', async () => {
    const [created] = new CampaignHistory().run('CreateCampaign', { durationHours: 2 }, 0).envelopes;
    const poison = [
      { key: created.streamId, value: randomBytes(64), partition: 0 },
      { key: created.streamId, value: unknownType(created), partition: 0 },
    ];
    await producer.send({ topic: topics.events, acks: -1, messages: [...poison, { key: created.streamId, value: encodeEvent(created), partition: 0 }] });

    const campaignId = (created.data as { campaignId: string }).campaignId;
    await waitFor(
      'the valid event after the poison to be projected',
      async () => (await pool.query(`SELECT 1 FROM ${config.LIFECYCLE_SCHEMA}.campaigns WHERE id = $1`, [campaignId])).rowCount === 1,
      { timeoutMs: 60_000 },
    );
    const letters = await collectMessages(kafka, topics.deadLetter, (all) => all.length >= poison.length, 60_000);
    expect(letters.map((l) => l.message.value)).toEqual(poison.map((p) => p.value));
    expect(letters.map((l) => l.message.headers?.['dead-letter-origin-topic']?.toString())).toEqual([topics.events, topics.events]);
    expect(letters.map((l) => l.message.headers?.['dead-letter-origin-offset']?.toString())).toEqual(['0', '1']);
  });
});
