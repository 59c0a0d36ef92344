import { type CommandEnvelope, lifecycle as lifecycleWire } from '@campaign/contracts';
import type { lifecycle } from '@campaign/domain';
import { CONFIG, HealthRegistry, JsonLogger, KAFKA, LOGGER, PG_POOL, SCOPES, TOKEN_VERIFIER, type TokenVerifier } from '@campaign/runtime';
import { Inject, Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { Kafka } from 'kafkajs';
import type { Pool } from 'pg';
import type { CommandConfig } from '../config';
import { ContextCommandsConsumer, type Sender } from '../infrastructure/context-commands.consumer';
import { domainCommandOf, withoutNulls } from '../infrastructure/wire-command';
import { ExecuteLifecycleCommand } from './execute-lifecycle-command.handler';

const toDomainCommand = (envelope: CommandEnvelope, sender: Sender): lifecycle.CampaignCommand =>
  domainCommandOf(envelope, sender, withoutNulls(envelope.data)) as lifecycle.CampaignCommand;

/** The Kafka door to the lifecycle commands (`<prefix>lifecycle.commands`). */
@Injectable()
export class LifecycleCommandsConsumer extends ContextCommandsConsumer {
  constructor(
    @Inject(CONFIG) config: CommandConfig,
    @Inject(LOGGER) log: JsonLogger,
    @Inject(KAFKA) kafka: Kafka,
    @Inject(PG_POOL) pool: Pool,
    commandBus: CommandBus,
    health: HealthRegistry,
    @Inject(TOKEN_VERIFIER) verifier: TokenVerifier,
  ) {
    super(
      { config, log, kafka, pool, commandBus, health, verifier },
      {
        context: 'lifecycle',
        groupId: config.COMMAND_CONSUMER_GROUP,
        healthName: 'command-consumer',
        // Every command the lifecycle contract defines; the decider handles each one.
        accepts: new Set(Object.keys(lifecycleWire.lifecycleCommandSchemas)),
        serviceScope: SCOPES.lifecycleWrite,
        toBusCommand: (envelope, sender) => new ExecuteLifecycleCommand(toDomainCommand(envelope, sender)),
      },
    );
  }
}
