import type { CommandEnvelope } from '@campaign/contracts';
import type { Command } from '@campaign/domain';
import type { Executed } from '@campaign/eventstore';
import type { z } from '@campaign/runtime';
import type { InjectionToken, Provider, Type } from '@nestjs/common';
import type { Sender } from './context-commands.consumer';

/** What the generic command handler asks of a context: decide and append one of its commands. */
export interface ContextExecutor {
  execute(command: Command): Promise<Executed>;
}

/** How a context's executor is built from the module's providers (a Nest factory provider). */
export interface ExecutorFactory {
  readonly inject: InjectionToken[];
  useFactory(...deps: unknown[]): ContextExecutor;
}

/** What makes a context's Kafka door (`<prefix><context>.commands`) its own. */
export interface CommandDoor {
  /**
   * Appended to COMMAND_CONSUMER_GROUP: KafkaJS assigns partitions assuming every member of a
   * group reads the same topics, so each door beyond the first has a group of its own.
   */
  readonly groupSuffix: string;
  /** The health check's name. */
  readonly healthName: string;
  /** Command types this door accepts (the contract's). */
  readonly accepts: ReadonlySet<string>;
  /** Types answered UNKNOWN_COMMAND even before their data is read (never accepted from the wire). */
  readonly refuses?: ReadonlySet<string>;
  /** Multi-tenant contexts: a command without the envelope's tenant has no org to act in. */
  readonly requiresTenant?: boolean;
  /** The scope a service's token needs to send this context's commands (for any tenant). */
  readonly serviceScope: string;
  /**
   * More scopes that let a service send commands for the envelope's tenant; `permits` says
   * which commands each may send (e.g. an agent's scope: its reports only).
   */
  readonly otherServiceScopes?: readonly string[];
  /** Null when the authenticated sender may send a command of this type; else why not (FORBIDDEN). All, when absent. */
  readonly permits?: (type: string, sender: Sender) => string | null;
  /** The decider's command for a decoded envelope, acting as the authenticated sender. */
  readonly toDomainCommand: (envelope: CommandEnvelope, sender: Sender) => Command;
}

/** A context's part of /openapi.json. */
export interface OpenApiFragment {
  /** How the document's title names the context. */
  readonly title: string;
  readonly paths: Readonly<Record<string, unknown>>;
  readonly schemas?: Readonly<Record<string, unknown>>;
}

/** Everything campaign-command needs to know about one context whose commands it decides. */
export interface CommandContext {
  readonly name: string;
  readonly executor: ExecutorFactory;
  readonly door: CommandDoor;
  readonly controllers: readonly Type[];
  /** The context's settings (`<CONTEXT>_<SETTING>`), merged into the app's config schema. */
  readonly configSchema: z.AnyZodObject;
  /** Providers beyond the executor and the Kafka door, given the app's parsed config. */
  providers(config: Readonly<Record<string, unknown>>): Provider[];
  readonly openApi: OpenApiFragment;
}

type ContextDefinition<S extends z.AnyZodObject> = Omit<CommandContext, 'configSchema' | 'providers'> & {
  readonly configSchema: S;
  readonly providers: (config: z.infer<S>) => Provider[];
};

/** A context's descriptor, its providers typed by its own config fragment (the app's config holds it). */
export const commandContext = <S extends z.AnyZodObject>(definition: ContextDefinition<S>): CommandContext => ({
  ...definition,
  providers: (config) => definition.providers(config as z.infer<S>),
});
