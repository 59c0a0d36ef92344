import { type CommandEnvelope, outreach as outreachWire } from '@campaign/contracts';
import { CONFIG, HealthRegistry, JsonLogger, KAFKA, LOGGER, PG_POOL, SCOPES, TOKEN_VERIFIER, type TokenVerifier } from '@campaign/runtime';
import { Inject, Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { Kafka } from 'kafkajs';
import type { Pool } from 'pg';
import type { CommandConfig } from '../config';
import { ContextCommandsConsumer, type Sender } from '../infrastructure/context-commands.consumer';
import { domainCommandOf, withoutNulls } from '../infrastructure/wire-command';
import { ExecuteOutreachCommand, type IncomingOutreachCommand } from './execute-outreach-command.handler';

const dataOf = (envelope: CommandEnvelope): Record<string, unknown> => {
  const data = withoutNulls(envelope.data);
  // An update's changes are a patch: a null there is a field not given, not a field cleared.
  if (envelope.type === 'UpdateCampaign' && typeof data.changes === 'object' && data.changes !== null) {
    return { ...data, changes: withoutNulls(data.changes) };
  }
  return data;
};

/**
 * Internal services (`outreach:service`) act for the envelope's org with no role: the deciders
 * let a service do what a user of any role may; a user acts in its own org with its role.
 * CompleteCampaign carries no report on the wire; the handler fills it.
 */
const toDomainCommand = (envelope: CommandEnvelope, sender: Sender): IncomingOutreachCommand => domainCommandOf(envelope, sender, dataOf(envelope)) as IncomingOutreachCommand;

const INTERNAL = new Set<string>(outreachWire.OUTREACH_INTERNAL_COMMANDS);

/**
 * The Kafka door to the outreach commands (`<prefix>outreach.commands`), results on
 * `<prefix>outreach.command-results`. DispatchContact is refused: its checks (suppression
 * list, bounces, sending windows) are facts only the dispatcher may look up.
 */
@Injectable()
export class OutreachCommandsConsumer extends ContextCommandsConsumer {
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
        context: 'outreach',
        // A group of its own: KafkaJS assigns partitions assuming every member reads the same topics.
        groupId: `${config.COMMAND_CONSUMER_GROUP}-outreach`,
        healthName: 'outreach-command-consumer',
        accepts: new Set(Object.keys(outreachWire.outreachCommandSchemas).filter((type) => !INTERNAL.has(type))),
        refuses: INTERNAL,
        requiresTenant: true,
        serviceScope: SCOPES.outreachService,
        toBusCommand: (envelope, sender) => new ExecuteOutreachCommand(toDomainCommand(envelope, sender)),
      },
    );
  }
}
