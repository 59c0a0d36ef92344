import { CONTRACTS, encodeEvent } from '@campaign/contracts';
import { PostgresEventStore } from '@campaign/eventstore';
import { completeProducer, DeadLetterRedriver, envelopeOf, headerText } from '@campaign/messaging';
import { COMMAND_AUTH_HEADER, CONFIG, type JsonLogger, KAFKA, LOGGER, PG_POOL, TOKEN_VERIFIER, TokenError, type TokenVerifier } from '@campaign/runtime';
import { Inject, Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import type { Kafka, KafkaMessage, Producer } from 'kafkajs';
import type { Pool } from 'pg';
import type { CommandConfig } from '../config';

/**
 * A command letter is worth republishing only if the command door would accept its signature
 * now: a token past its lifetime (an hour) fails again, so the redrive reports it as still
 * failing instead of hiding that; the sender has to send the command anew.
 */
const commandProblem =
  (verifier: TokenVerifier) =>
  async (message: KafkaMessage): Promise<string | null> => {
    const token = headerText(message.headers, COMMAND_AUTH_HEADER);
    if (!token) return `the command carries no signed token in '${COMMAND_AUTH_HEADER}': the door would answer UNAUTHORIZED`;
    try {
      await verifier.verify(token, { bindTo: message.value ?? Buffer.alloc(0) });
      return null;
    } catch (error) {
      if (error instanceof TokenError) return `the command's token is no longer accepted (${error.message}); its sender must send it again`;
      throw error;
    }
  };

export interface RedriverParts {
  readonly config: CommandConfig;
  readonly kafka: Kafka;
  readonly producer: Pick<Producer, 'send'>;
  readonly pool: Pool;
  readonly verifier: TokenVerifier;
}

/** The redriver as the service and its command line both build it: encoding as the relay does. */
export const commandRedriver = ({ config, kafka, producer, pool, verifier }: RedriverParts): DeadLetterRedriver =>
  new DeadLetterRedriver(kafka, producer, pool, new PostgresEventStore(pool, config.EVENTSTORE_SCHEMA), {
    schema: config.EVENTSTORE_SCHEMA,
    topicPrefix: config.TOPIC_PREFIX,
    contexts: Object.keys(CONTRACTS),
    encode: (event) => encodeEvent(envelopeOf(event)),
    commandProblem: commandProblem(verifier),
  });

/**
 * Holds the redriver for the HTTP door (see DeadLettersController). Its producer connects on
 * the first redrive, not at start-up: most instances never redrive, and an idle producer is one
 * more connection per broker and one more producer id for nothing.
 */
@Injectable()
export class DeadLettersService implements OnModuleInit, OnApplicationShutdown {
  private producer: Producer | null = null;
  private connecting: Promise<Producer> | null = null;
  private instance: DeadLetterRedriver | null = null;

  constructor(
    @Inject(CONFIG) private readonly config: CommandConfig,
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(KAFKA) private readonly kafka: Kafka,
    @Inject(TOKEN_VERIFIER) private readonly verifier: TokenVerifier,
    @Inject(LOGGER) private readonly log: JsonLogger,
  ) {}

  async onModuleInit(): Promise<void> {
    const sender: Pick<Producer, 'send'> = { send: async (record) => (await this.connected()).send(record) };
    this.instance = commandRedriver({ config: this.config, kafka: this.kafka, producer: sender, pool: this.pool, verifier: this.verifier });
    await this.instance.migrate();
  }

  get redriver(): DeadLetterRedriver {
    if (!this.instance) throw new Error('the dead-letter redriver is not started');
    return this.instance;
  }

  private connected(): Promise<Producer> {
    this.connecting ??= (async () => {
      const producer = completeProducer(this.kafka, { idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false }, this.log);
      try {
        await producer.connect();
      } catch (error) {
        this.connecting = null;
        throw error;
      }
      return (this.producer = producer);
    })();
    return this.connecting;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.connecting?.catch(() => undefined);
    await this.producer?.disconnect();
  }
}
