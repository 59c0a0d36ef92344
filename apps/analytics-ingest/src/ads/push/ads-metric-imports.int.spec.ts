import { randomUUID } from 'node:crypto';
import { ads as adsWire } from '@campaign/contracts';
import { testCommandSigner, uniqueSuffix, waitFor } from '@campaign/testing';
import type { Consumer, Producer } from 'kafkajs';
import type { MetricImportResult } from './metric-import.message';
import { AdsPushBed, rowOf } from './testing';

/** The Kafka push door `<prefix>ads.metric-imports`, against real Kafka, PostgreSQL and Redis. */
describe('ads.metric-imports (the bulk push door on Kafka)', () => {
  let ads: AdsPushBed;
  let producer: Producer;
  let consumer: Consumer;
  const results: MetricImportResult[] = [];
  const loader = testCommandSigner(['ads:service'], 'metrics-loader');

  beforeAll(async () => {
    ads = await AdsPushBed.start();
    producer = ads.kafka.producer({ allowAutoTopicCreation: false });
    await producer.connect();
    consumer = ads.kafka.consumer({ groupId: `import-results-${uniqueSuffix()}` });
    const joined = new Promise<void>((resolve) => consumer.on(consumer.events.GROUP_JOIN, () => resolve()));
    await consumer.connect();
    await consumer.subscribe({ topics: [adsWire.metricImportResultsTopic(ads.prefix)], fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) => {
        const result = JSON.parse(message.value?.toString() ?? '{}') as MetricImportResult;
        expect(message.key?.toString()).toBe(result.importId);
        results.push(result);
      },
    });
    await joined;
  });
  afterAll(async () => {
    await consumer?.disconnect();
    await producer?.disconnect();
    await ads?.close();
  });

  /** Sends an import, signed (bound to its bytes) unless told otherwise; `timestamp` pins it (a redelivery). */
  const send = async (body: object, options: { sign?: (value: Buffer) => Promise<string>; timestamp?: string } = {}) => {
    const value = Buffer.from(JSON.stringify(body));
    const headers = options.sign === undefined ? { authorization: await loader.sign(value) } : { authorization: await options.sign(value) };
    await producer.send({
      topic: adsWire.metricImportsTopic(ads.prefix),
      acks: -1,
      messages: [{ key: String((body as { importId?: string }).importId), value, headers, timestamp: options.timestamp }],
    });
  };
  const resultsOf = (importId: string, count = 1) =>
    waitFor(`${count} result(s) of import ${importId}`, async () => {
      const found = results.filter((result) => result.importId === importId);
      return found.length >= count ? found : undefined;
    });

  it('a signed import of good rows is answered ACCEPTED by importId and its facts are on the facts topic', async () => {
    const campaign = await ads.register();
    const importId = `import-${randomUUID()}`;
    await send({ importId, orgId: campaign.orgId, rows: [rowOf(campaign, '2026-06-01T00:00:00Z'), rowOf(campaign, '2026-06-01T00:15:00Z')] });
    expect(await resultsOf(importId)).toEqual([{ importId, orgId: campaign.orgId, status: 'ACCEPTED', accepted: 2 }]);
    const facts = await ads.waitForFacts(campaign.campaignId, importId, 2);
    expect(facts[0]).toMatchObject({ orgId: campaign.orgId, source: 'push', sourceRef: importId, currency: 'EUR' });
  });

  it('an import with a bad row is REJECTED with every bad row and produces nothing', async () => {
    const campaign = await ads.register();
    const other = await ads.register();
    const before = await ads.factsTopicEnd();
    const importId = `import-${randomUUID()}`;
    await send({
      importId,
      orgId: campaign.orgId,
      rows: [
        rowOf(campaign, '2026-06-02T00:00:00Z'),
        rowOf(other, '2026-06-02T00:00:00Z'),
        rowOf(campaign, '2026-06-02T00:15:00Z', { impressions: 1, clicks: 20 }),
      ],
    });
    const [result] = await resultsOf(importId);
    expect(result).toMatchObject({ status: 'REJECTED', code: 'METRIC_ROWS_REJECTED', rejectedRows: 2 });
    expect(result.status === 'REJECTED' && result.errors).toEqual([
      expect.objectContaining({ row: 2, code: 'AD_CAMPAIGN_NOT_REGISTERED' }),
      expect.objectContaining({ row: 3, code: 'METRIC_KPI_OUT_OF_RANGE', field: 'ctr' }),
    ]);
    expect(await ads.factsTopicEnd()).toBe(before);
  });

  it('a redelivered import publishes the same facts again (same keys) and answers the same', async () => {
    const campaign = await ads.register();
    const importId = `import-${randomUUID()}`;
    const body = { importId, orgId: campaign.orgId, rows: [rowOf(campaign, '2026-06-03T00:00:00Z')] };
    const timestamp = String(Date.now());
    await send(body, { timestamp });
    await send(body, { timestamp });
    const [first, second] = await resultsOf(importId, 2);
    expect(second).toEqual(first);
    const [a, b] = await ads.waitForFacts(campaign.campaignId, importId, 2);
    expect(b).toEqual(a);
    expect(adsWire.metricFactKey(b)).toBe(adsWire.metricFactKey(a));
  });

  it('an unsigned import, a token bound to other bytes, or a sender without ads:service is refused', async () => {
    const campaign = await ads.register();
    const rows = [rowOf(campaign, '2026-06-04T00:00:00Z')];
    const unsigned = `import-${randomUUID()}`;
    await send({ importId: unsigned, orgId: campaign.orgId, rows }, { sign: async () => '' });
    const moved = `import-${randomUUID()}`;
    await send({ importId: moved, orgId: campaign.orgId, rows }, { sign: () => loader.sign(Buffer.from('other bytes')) });
    const weak = `import-${randomUUID()}`;
    await send({ importId: weak, orgId: campaign.orgId, rows }, { sign: (value) => testCommandSigner(['ads:read']).sign(value) });
    expect((await resultsOf(unsigned))[0]).toMatchObject({ status: 'REJECTED', code: 'UNAUTHORIZED' });
    expect((await resultsOf(moved))[0]).toMatchObject({ status: 'REJECTED', code: 'UNAUTHORIZED' });
    expect((await resultsOf(weak))[0]).toMatchObject({ status: 'REJECTED', code: 'FORBIDDEN' });
    expect(ads.factsOf(campaign.campaignId)).toEqual([]);
  });

  it('an import without rows is answered with its code (METRIC_BODY_INVALID)', async () => {
    const campaign = await ads.register();
    const empty = `import-${randomUUID()}`;
    await send({ importId: empty, orgId: campaign.orgId, rows: [] });
    expect((await resultsOf(empty))[0]).toMatchObject({ status: 'REJECTED', code: 'METRIC_BODY_INVALID' });
  });
});
