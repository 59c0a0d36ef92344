import { CONFIG, HealthRegistry, type JsonLogger, KAFKA, LOGGER, PG_POOL, TOKEN_VERIFIER, type TokenVerifier } from '@campaign/runtime';
import type { Provider } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { Kafka } from 'kafkajs';
import type { Pool } from 'pg';
import type { CommandConfig } from '../config';
import type { CommandContext, ContextExecutor } from './command-context';
import { ContextCommandsConsumer, type ContextDoor } from './context-commands.consumer';
import { CONTEXT_EXECUTORS, ExecuteContextCommand, ExecuteContextCommandHandler } from './execute-context-command.handler';

const executorToken = (context: CommandContext): string => `${context.name}.executor`;

/** Each context's executor, the map the one command handler chooses from, and the handler. */
const executorProviders = (contexts: readonly CommandContext[]): Provider[] => [
  ...contexts.map((context): Provider => ({ provide: executorToken(context), inject: context.executor.inject, useFactory: context.executor.useFactory })),
  {
    provide: CONTEXT_EXECUTORS,
    inject: contexts.map(executorToken),
    useFactory: (...executors: ContextExecutor[]) => new Map(contexts.map((context, i) => [context.name, executors[i]])),
  },
  ExecuteContextCommandHandler,
];

/** The Kafka door a context's descriptor describes, in the app's one consumer group (plus the door's suffix). */
export const contextDoorOf = (context: CommandContext, config: CommandConfig): ContextDoor => {
  const { groupSuffix, toDomainCommand, ...door } = context.door;
  return {
    ...door,
    context: context.name,
    groupId: `${config.COMMAND_CONSUMER_GROUP}${groupSuffix}`,
    toBusCommand: (envelope, sender) => new ExecuteContextCommand(context.name, toDomainCommand(envelope, sender)),
  };
};

const commandsConsumerProvider = (context: CommandContext): Provider => ({
  provide: `${context.name}.commands-consumer`,
  inject: [CONFIG, LOGGER, KAFKA, PG_POOL, CommandBus, HealthRegistry, TOKEN_VERIFIER],
  useFactory: (config: CommandConfig, log: JsonLogger, kafka: Kafka, pool: Pool, commandBus: CommandBus, health: HealthRegistry, verifier: TokenVerifier) =>
    new ContextCommandsConsumer({ config, log, kafka, pool, commandBus, health, verifier }, contextDoorOf(context, config)),
});

/** Everything the contexts bring to CommandModule: executors, the command handler, Kafka doors, their own providers. */
export const contextProviders = (contexts: readonly CommandContext[], config: CommandConfig): Provider[] => [
  ...executorProviders(contexts),
  ...contexts.map(commandsConsumerProvider),
  ...contexts.flatMap((context) => context.providers(config)),
];
