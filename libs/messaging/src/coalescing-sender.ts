import type { Message, Producer } from 'kafkajs';

interface Waiting {
  readonly messages: readonly Message[];
  readonly resolve: () => void;
  readonly reject: (error: Error) => void;
}

/**
 * Sends to one topic, joining the messages of every caller that arrives while a send is on its
 * way into the next one. A producer with one request in flight (idempotent, ordered) would
 * otherwise answer many small callers one round trip each, one after the other. Each caller's
 * promise settles with the send that carried its messages; their order is the callers' order.
 */
export class CoalescingSender {
  private waiting: Waiting[] = [];
  private sending = false;

  constructor(
    private readonly producer: () => Producer | null,
    private readonly topic: string,
  ) {}

  send(messages: readonly Message[]): Promise<void> {
    if (messages.length === 0) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      this.waiting.push({ messages, resolve, reject });
      if (!this.sending) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.sending = true;
    while (this.waiting.length > 0) {
      const group = this.waiting;
      this.waiting = [];
      try {
        const producer = this.producer();
        if (!producer) throw new Error(`no producer for ${this.topic}: the service is stopping`);
        await producer.send({ topic: this.topic, acks: -1, messages: group.flatMap((w) => w.messages) });
        for (const waiting of group) waiting.resolve();
      } catch (error) {
        for (const waiting of group) waiting.reject(error as Error);
      }
    }
    this.sending = false;
  }
}
