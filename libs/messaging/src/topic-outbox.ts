import { Batcher } from '@campaign/eventstore';
import type { Message, Producer } from 'kafkajs';

/**
 * Messages for one topic, sent in turns: those submitted while a send is on its way go together
 * in the next one. A producer with one request in flight (idempotent, ordered) would otherwise
 * answer many small callers one round trip each. Each submission settles with the send that
 * carried it, in the order submitted; `missing` says why there is no producer to send with.
 */
export const topicOutbox = (producer: () => Producer | null, topic: string, missing: string): Batcher<Message, undefined> =>
  new Batcher(
    async (messages) => {
      const sender = producer();
      if (!sender) throw new Error(missing);
      await sender.send({ topic, acks: -1, messages: [...messages] });
      return messages.map(() => undefined);
    },
    { maxConcurrentFlushes: 1, maxBatch: 1_000 },
  );
