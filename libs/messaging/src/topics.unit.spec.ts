import type { Admin } from 'kafkajs';
import { ensureTopics, whileRetriable } from './topics';

const kafkaError = (message: string, retriable: boolean) => Object.assign(new Error(message), { retriable });

describe('whileRetriable', () => {
  it('asks again while Kafka answers with a retriable error (a leader not in place yet), then returns the answer', async () => {
    let calls = 0;
    const answer = await whileRetriable(async () => {
      calls += 1;
      if (calls < 3) throw kafkaError('This server is not the leader for that topic-partition', true);
      return 'offsets';
    }, 'the partitions');
    expect([answer, calls]).toEqual(['offsets', 3]);
  });

  it('throws an error that is not retriable at once', async () => {
    let calls = 0;
    const attempt = async () => {
      calls += 1;
      throw kafkaError('Topic authorization failed', false);
    };
    await expect(whileRetriable(attempt, 'the partitions')).rejects.toThrow('Topic authorization failed');
    expect(calls).toBe(1);
  });

  it('gives up with the last error once the wait is over', async () => {
    const attempt = async () => {
      throw kafkaError('This server is not the leader for that topic-partition', true);
    };
    await expect(whileRetriable(attempt, 'the partitions', undefined, 250)).rejects.toThrow('not the leader');
  });
});

describe("ensureTopics right after a broker's first start", () => {
  it('a create that fails while the new topics propagate ("does not host this topic-partition") waits until they are listed', async () => {
    const spec = { topic: 'fresh.events', numPartitions: 2 };
    let listed = 0;
    const admin = {
      // Not there at first; after the create, still missing from one more answer (propagating).
      listTopics: async () => (++listed <= 2 ? [] : [spec.topic]),
      createTopics: async () => {
        throw kafkaError('This server does not host this topic-partition', true);
      },
      fetchTopicMetadata: async () => ({ topics: [{ name: spec.topic, partitions: [{ leader: 1 }, { leader: 1 }] }] }),
      fetchTopicOffsets: async () => [{ partition: 0 }, { partition: 1 }],
    } as unknown as Admin;
    await expect(ensureTopics(admin, [spec])).resolves.toBeUndefined();
    expect(listed).toBe(3);
  });

  it('a create that fails for good (the topics never appear) still fails with its own error', async () => {
    const admin = {
      listTopics: async () => [],
      createTopics: async () => {
        throw kafkaError('Topic authorization failed', false);
      },
    } as unknown as Admin;
    await expect(ensureTopics(admin, [{ topic: 'denied.events', numPartitions: 1 }])).rejects.toThrow('Topic authorization failed');
  });
});
