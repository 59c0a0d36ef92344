import { ads as adsWire } from '@campaign/contracts';
import { Partitioners } from 'kafkajs';
import { MetricFactEncoder, murmur2, partitionOfCampaign, partitionOfKey, sendsByPartition } from './metric-facts.producer';

const fact = (i: number): adsWire.MetricFact => ({
  orgId: '7b0c1a52-8a7e-4f0e-9d4c-1f2a3b4c5d6e',
  campaignId: adsWire.adCampaignIdOf('google', `c-${i}`),
  accountId: i % 3 === 0 ? null : '3f1e2d3c-4b5a-4968-8776-655443322110',
  platform: i % 2 ? 'meta' : 'google',
  platformCampaignId: `c-${i}${'x'.repeat(i % 40)}`,
  time: new Date(Date.UTC(2026, 11, 1) + (i % 500) * 900_000).toISOString(),
  impressions: i * 7_919,
  clicks: i % 97,
  spendCents: i * 1_000_003,
  conversions: i % 5,
  revenueCents: i % 7 === 0 ? 0 : i * 33,
  currency: 'USD',
  source: 'push',
  sourceRef: `r-${i}`,
  observedAt: '2026-12-05T06:00:00.000Z',
});

// issue 12 point 11(a): the door computes partitions and encodes facts itself, faster — the same partitions and bytes.
describe('metric facts on the wire, as the contract and Kafka define them', () => {
  it('murmur2 and the partition equal Kafka default partitioner (KafkaJS) for every key length', () => {
    const kafkajs = Partitioners.DefaultPartitioner();
    for (let i = 0; i < 3_000; i++) {
      const key = Buffer.from(i % 10 === 0 ? 'k'.repeat(i % 13) : adsWire.metricFactKey(fact(i)));
      for (const partitions of [1, 6, 7]) {
        const partitionMetadata = Array.from({ length: partitions }, (_, p) => ({ partitionId: p, leader: 0, replicas: [0], isr: [0], partitionErrorCode: 0 }));
        expect(partitionOfKey(key, partitions)).toBe(kafkajs({ topic: 't', partitionMetadata, message: { key, value: null } }));
      }
    }
    expect(murmur2(Buffer.from(''))).toBe(275646681);
  });

  it("a fact's partition is its campaign's (the default partitioner's for the campaign id): every bucket of a campaign on one partition, campaigns spread over all", () => {
    const kafkajs = Partitioners.DefaultPartitioner();
    const partitionMetadata = Array.from({ length: 6 }, (_, p) => ({ partitionId: p, leader: 0, replicas: [0], isr: [0], partitionErrorCode: 0 }));
    const used = new Set<number>();
    for (let i = 0; i < 300; i++) {
      const campaignId = fact(i).campaignId;
      const partition = partitionOfCampaign(campaignId, 6);
      expect(partition).toBe(kafkajs({ topic: 't', partitionMetadata, message: { key: campaignId, value: null } }));
      used.add(partition);
    }
    expect(used.size).toBe(6);
  });

  it('the encoder writes the bytes metricFactCodec.encode writes, across slab boundaries, and they decode back', () => {
    const encoder = new MetricFactEncoder();
    const values = Array.from({ length: 5_000 }, (_, i) => ({ fact: fact(i), bytes: encoder.encode(fact(i)) }));
    for (const { fact: f, bytes } of values) {
      expect(Buffer.compare(bytes, adsWire.metricFactCodec.encode(f))).toBe(0);
      expect(adsWire.metricFactCodec.decode(bytes)).toEqual(f);
    }
  });

  it('a fact that does not fit the schema fails as the codec fails, naming the field', () => {
    const encoder = new MetricFactEncoder();
    encoder.encode(fact(1));
    expect(() => encoder.encode({ ...fact(2), clicks: 1.5 })).toThrow(
      expect.objectContaining({ code: 'SCHEMA_MISMATCH', message: expect.stringContaining('clicks') }),
    );
  });

  it("sends carry every partition's batch, each partition's part of a send within the byte limit, in order", () => {
    const messages = Array.from({ length: 60 }, (_, i) => ({ key: `k${i}`, value: Buffer.alloc(100), partition: i % 3 }));
    const sends = sendsByPartition(messages, 1_000);
    for (const send of sends) {
      for (const p of [0, 1, 2]) {
        const part = send.filter((m) => (m as { partition: number }).partition === p);
        expect(part.reduce((n, m) => n + 100 + String(m.key).length + 32, 0)).toBeLessThanOrEqual(1_000);
      }
    }
    expect(sends.length).toBe(3);
    for (const p of [0, 1, 2]) {
      const order = sends.flatMap((send) => send.filter((m) => (m as { partition: number }).partition === p).map((m) => m.key));
      expect(order).toEqual(messages.filter((m) => m.partition === p).map((m) => m.key));
    }
  });
});
