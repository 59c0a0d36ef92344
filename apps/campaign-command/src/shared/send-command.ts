import type { Command, CommandMetadata } from '@campaign/domain';
import type { Executed } from '@campaign/eventstore';
import { HttpException } from '@nestjs/common';
import type { CommandBus } from '@nestjs/cqrs';
import type { Principal, z } from '@campaign/runtime';
import { ExecuteContextCommand } from './execute-context-command.handler';
import { httpStatusOf } from './http-status';
import { type Headers, parseBody, personMetadata } from './request-context';

/**
 * Hands a context's command to the bus and answers HTTP with its outcome: accepted (with
 * `extra`, e.g. the ids the request created) or a rejection raised with its status.
 */
export const sendContextCommand = async (bus: CommandBus, context: string, command: Command, creates = false, extra: Record<string, unknown> = {}) => {
  const { outcome, duplicate }: Executed = await bus.execute(new ExecuteContextCommand(context, command));
  if (outcome.status === 'REJECTED') throw new HttpException({ ...outcome, duplicate }, httpStatusOf(outcome, creates));
  return { ...extra, ...outcome, duplicate };
};

/** What a person's route reads of its request. */
export interface PersonRequest {
  readonly caller: Principal;
  readonly headers: Headers;
  readonly body: unknown;
}

/** What a route makes of a request: its command, and the ids its answer names (those it creates, or its path's). */
export interface RoutedCommand<C extends Command = Command> {
  readonly command: C;
  readonly ids: Record<string, unknown>;
}

/** A person's command metadata: always in the org of the caller's token. */
export type TenantMetadata = CommandMetadata & { readonly tenant: string };

/**
 * A person's route in a tenant context (a verified JWT with org_id, sub and role): the caller's
 * metadata first (a bad Idempotency-Key is refused before a bad body), then the body parsed
 * against its schema, the command built from both, handed to the bus, its outcome mapped to HTTP.
 */
export const sendPersonRoute = <S extends z.ZodTypeAny, C extends Command>(
  bus: CommandBus,
  context: string,
  request: PersonRequest,
  schema: S,
  creates: boolean,
  route: (fields: z.infer<S>, metadata: TenantMetadata) => RoutedCommand<C>,
) => {
  const metadata = personMetadata(request.caller, request.headers, request.body);
  const { command, ids } = route(parseBody(schema, request.body), metadata);
  return sendContextCommand(bus, context, command, creates, ids);
};
