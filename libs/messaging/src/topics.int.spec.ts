import { topicSpecs } from '@campaign/contracts';
import { testKafka, uniqueSuffix } from '@campaign/testing';
import { ensureTopics } from './topics';

describe('ensureTopics (real Kafka)', () => {
  it('lets services that start together each create-or-find the same new topics, served by their leaders', async () => {
    const prefix = `topics-${uniqueSuffix()}.`;
    const specs = [...topicSpecs('lifecycle', prefix), ...topicSpecs('outreach', prefix)];
    const admins = Array.from({ length: 4 }, () => testKafka().admin());
    await Promise.all(admins.map((admin) => admin.connect()));
    try {
      await Promise.all(admins.map((admin) => ensureTopics(admin, specs)));
      const metadata = await admins[0].fetchTopicMetadata({ topics: specs.map((s) => s.topic) });
      for (const spec of specs) {
        const topic = metadata.topics.find((t) => t.name === spec.topic);
        expect(topic?.partitions).toHaveLength(spec.numPartitions);
        expect(topic?.partitions.every((p) => p.leader >= 0)).toBe(true);
      }
      // Served, not only named in the metadata: a new consumer's first question (ListOffsets) is answered.
      const offsets = await Promise.all(specs.map((spec) => admins[3].fetchTopicOffsets(spec.topic)));
      expect(offsets.map((o) => o.length)).toEqual(specs.map((spec) => spec.numPartitions));
    } finally {
      await Promise.all(admins.map((admin) => admin.disconnect()));
    }
  });
});
