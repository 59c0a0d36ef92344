import { type CommandEnvelope, type CommandResult, decodeCommand, encodeCommandResult, topicsFor } from '@campaign/contracts';
import type { Consumer, Kafka, Producer } from 'kafkajs';
import { sleep, uniqueSuffix } from './helpers';

/** What a played command side answers a command: a result, or null to stay silent (the sender times out). */
export type PlayedAnswer = Pick<CommandResult, 'status' | 'code' | 'message'> & Partial<Pick<CommandResult, 'details'>>;
export type Responder = (command: CommandEnvelope) => PlayedAnswer | null;

export const acceptAll: Responder = () => ({ status: 'ACCEPTED', code: null, message: null });

/**
 * A context's command side, played over real Kafka for the specs of a service that sends it
 * commands: reads `<prefix><context>.commands`, decodes each command with the contracts, keeps it
 * (and its key), and answers on the results topic as `responder` says, after `answerDelayMs`.
 */
export class PlayedCommandSide {
  readonly received: CommandEnvelope[] = [];
  /** Each command's Kafka key (the stream it addresses), by command id. */
  readonly keys = new Map<string, string>();
  responder: Responder = acceptAll;
  /** How long each answer is held back (the consumer waits, like a slow command side). */
  answerDelayMs = 0;
  private consumer: Consumer | null = null;
  private producer: Producer | null = null;

  constructor(
    private readonly kafka: Kafka,
    private readonly prefix: string,
    private readonly context: string,
  ) {}

  async start(): Promise<void> {
    const topics = topicsFor(this.context, this.prefix);
    this.producer = this.kafka.producer({ allowAutoTopicCreation: false });
    await this.producer.connect();
    const consumer = this.kafka.consumer({ groupId: `played-${this.context}-command-side-${uniqueSuffix()}` });
    const joined = new Promise<void>((resolve) => consumer.on(consumer.events.GROUP_JOIN, () => resolve()));
    await consumer.connect();
    await consumer.subscribe({ topics: [topics.commands], fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) => {
        if (!message.value) return;
        const command = decodeCommand(message.value);
        this.received.push(command);
        this.keys.set(command.commandId, message.key?.toString() ?? '');
        const answer = this.responder(command);
        if (!answer) return;
        if (this.answerDelayMs > 0) await sleep(this.answerDelayMs);
        const result: CommandResult = {
          commandId: command.commandId,
          context: this.context,
          streamId: null,
          streamVersion: null,
          details: null,
          processedAt: new Date().toISOString(),
          ...answer,
        };
        await this.producer?.send({ topic: topics.commandResults, messages: [{ key: command.commandId, value: encodeCommandResult(result) }] });
      },
    });
    this.consumer = consumer;
    await joined;
  }

  async stop(): Promise<void> {
    await this.consumer?.disconnect();
    await this.producer?.disconnect();
  }

  /** The commands whose data holds `value` in `field` (e.g. every command about one campaign). */
  commandsWith(field: string, value: unknown): CommandEnvelope[] {
    return this.received.filter((command) => (command.data as Record<string, unknown>)[field] === value);
  }
}
