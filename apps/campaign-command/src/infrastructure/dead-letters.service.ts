import { CONTRACTS, encodeEvent } from '@campaign/contracts';
import { PostgresEventStore } from '@campaign/eventstore';
import { DeadLetterRedriver, envelopeOf, headerText } from '@campaign/messaging';
import { COMMAND_AUTH_HEADER, CONFIG, KAFKA, PG_POOL, TOKEN_VERIFIER, TokenError, type TokenVerifier } from '@campaign/runtime';
import { Inject, Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import type { Kafka, KafkaMessage, Producer } from 'kafkajs';
import type { Pool } from 'pg';
import type { CommandConfig } from '../config';

/**
 * A command letter is worth republishing only if the command door would accept its signature
 * now: a token past its lifetime (an hour) fails again, so the redrive reports it as still
 * failing instead of hiding that; the sender has to send the command anew.
 */
const commandProblem = (verifier: TokenVerifier) => async (message: KafkaMessage): Promise<string | null> => {
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
  readonly producer: Producer;
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

/** Holds the redriver's producer for the HTTP door (see DeadLettersController). */
@Injectable()
export class DeadLettersService implements OnModuleInit, OnApplicationShutdown {
  private producer: Producer | null = null;
  private instance: DeadLetterRedriver | null = null;

  constructor(
    @Inject(CONFIG) private readonly config: CommandConfig,
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(KAFKA) private readonly kafka: Kafka,
    @Inject(TOKEN_VERIFIER) private readonly verifier: TokenVerifier,
  ) {}

  async onModuleInit(): Promise<void> {
    this.producer = this.kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false });
    await this.producer.connect();
    this.instance = commandRedriver({ config: this.config, kafka: this.kafka, producer: this.producer, pool: this.pool, verifier: this.verifier });
    await this.instance.migrate();
  }

  get redriver(): DeadLetterRedriver {
    if (!this.instance) throw new Error('the dead-letter redriver is not started');
    return this.instance;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.producer?.disconnect();
  }
}
