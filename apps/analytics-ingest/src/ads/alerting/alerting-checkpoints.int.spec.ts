import { randomUUID } from 'node:crypto';
import { ads as adsWire } from '@campaign/contracts';
import { kafkaClusterId } from '@campaign/messaging';
import { testKafka, waitFor } from '@campaign/testing';
import { type AlertingBed, hourlyFacts, produceFacts, startAlertingBed } from './testing';
import { HOUR_MS } from './window-totals';

// The alerting part keeps the facts topic's offsets beside its buckets (alerting_checkpoints).
// Kafka's data replaced while PostgreSQL is kept (a developer's fresh `.data/`, a new cluster) or
// the topic made again: the stored offsets belong to another log and must not hide its records.
describe("ads alerting: a checkpoint of another log does not hide the new log's facts", () => {
  let bed: AlertingBed;
  let partitions: number[];
  const end = Math.floor(Date.now() / HOUR_MS) * HOUR_MS;

  beforeAll(async () => {
    bed = await startAlertingBed();
    const admin = testKafka().admin();
    await admin.connect();
    partitions = (await admin.fetchTopicOffsets(adsWire.metricFactsTopic(bed.prefix))).map((p) => p.partition);
    await admin.disconnect();
  }, 60_000);
  afterAll(() => bed.close());

  const checkpointsAt = async (nextOffset: number, clusterId: string | null) => {
    for (const partition of partitions) {
      await bed.pool.query(
        `INSERT INTO "${bed.schema}".alerting_checkpoints (topic, partition, next_offset, cluster_id) VALUES ($1, $2, $3, $4)
         ON CONFLICT (topic, partition) DO UPDATE SET next_offset = EXCLUDED.next_offset, cluster_id = EXCLUDED.cluster_id`,
        [adsWire.metricFactsTopic(bed.prefix), partition, nextOffset, clusterId],
      );
    }
  };
  const bucketsOf = async (campaignId: string): Promise<number> =>
    Number((await bed.pool.query(`SELECT count(*) AS n FROM "${bed.schema}".alerting_buckets WHERE campaign_id = $1`, [campaignId])).rows[0].n);

  it('checkpoints taken in another Kafka cluster are dropped: every fact of the new topic is kept, offsets below the old ones too', async () => {
    // Offset 1 in every partition under a cluster that no longer exists: without the cluster
    // check, each partition's record at offset 0 would be skipped as already applied.
    await checkpointsAt(1, 'a-cluster-whose-data-was-wiped');
    const subject = { orgId: randomUUID(), campaignId: randomUUID() };
    await produceFacts(bed.producer, bed.prefix, hourlyFacts(subject, end - 24 * HOUR_MS, end, {}));
    await waitFor('all 24 buckets kept', async () => (await bucketsOf(subject.campaignId)) === 24);
    const { rows } = await bed.pool.query<{ cluster_id: string }>(`SELECT DISTINCT cluster_id FROM "${bed.schema}".alerting_checkpoints WHERE next_offset > 1`);
    expect(rows.map((r) => r.cluster_id)).toEqual([await kafkaClusterId(testKafka())]);
  });

  it('checkpoints past the partition end (the topic made again) are dropped; a checkpoint of this log still skips what it covers', async () => {
    await checkpointsAt(1_000_000, await kafkaClusterId(testKafka()));
    const subject = { orgId: randomUUID(), campaignId: randomUUID() };
    await produceFacts(bed.producer, bed.prefix, hourlyFacts(subject, end - 12 * HOUR_MS, end, {}));
    await waitFor('all 12 buckets kept', async () => (await bucketsOf(subject.campaignId)) === 12);

    // Trusted: the same log, offsets below the checkpoint are a redelivery and change nothing.
    const redelivered = hourlyFacts({ orgId: subject.orgId, campaignId: randomUUID() }, end - HOUR_MS, end, {});
    const { rows } = await bed.pool.query<{ partition: number; next_offset: string }>(
      `SELECT partition, next_offset::text FROM "${bed.schema}".alerting_checkpoints WHERE topic = $1 AND next_offset > 0 LIMIT 1`,
      [adsWire.metricFactsTopic(bed.prefix)],
    );
    const outcome = await bed.store.applyFacts(
      adsWire.metricFactsTopic(bed.prefix),
      rows[0].partition,
      [{ offset: String(BigInt(rows[0].next_offset) - 1n), fact: redelivered[0] }],
      { clusterId: await kafkaClusterId(testKafka()), highWatermark: rows[0].next_offset },
    );
    expect(outcome).toEqual({ applied: 0, outlived: null });
    expect(await bucketsOf(redelivered[0].campaignId)).toBe(0);
  });
});
