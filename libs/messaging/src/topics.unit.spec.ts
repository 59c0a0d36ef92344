import { whileRetriable } from './topics';

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
