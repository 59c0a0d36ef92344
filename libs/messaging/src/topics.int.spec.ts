import { topicSpecs } from '@campaign/contracts';
import { testKafka, uniqueSuffix } from '@campaign/testing';
import { ensureTopics } from './topics';

describe('ensureTopics (real Kafka)', () => {
  it('lets services that start together each create-or-find the same new topics, leaders elected', async () => {
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
    } finally {
      await Promise.all(admins.map((admin) => admin.disconnect()));
    }
  });
});
