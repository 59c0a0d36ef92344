import type { CommandMetadata, commerce } from '@campaign/domain';
import type { Principal, z } from '@campaign/runtime';
import type { CommandBus } from '@nestjs/cqrs';
import { type Headers, parseBody, personMetadata } from '../shared/request-context';
import { sendContextCommand } from '../shared/send-command';
import { type IdMinter, minterOf } from './commerce-scopes';

/** Every command of the context's deciders (deciders.ts COMMERCE_DECIDERS). */
export type CommerceCommand =
  | commerce.AgentCommand
  | commerce.GoalCommand
  | commerce.ConfigurationCommand
  | commerce.ProductCommand
  | commerce.InventoryCommand
  | commerce.CustomerCommand
  | commerce.OrderCommand
  | commerce.BudgetCommand
  | commerce.ExpenseCommand;

export type CommerceMetadata = CommandMetadata & { readonly tenant: string };

/** What a person's route reads of its request. */
export interface PersonRequest {
  readonly caller: Principal;
  readonly headers: Headers;
  readonly body: unknown;
}

/** What a route makes of a request: its command, and the ids its answer names (those it creates, or its path's). */
export interface RoutedCommand {
  readonly command: CommerceCommand;
  readonly ids: Record<string, unknown>;
}

/** The route's view of its request: the parsed body, the metadata, and the minter of the ids of what it creates. */
export type Route<S extends z.ZodTypeAny> = (fields: z.infer<S>, metadata: CommerceMetadata, newId: IdMinter) => RoutedCommand;

/**
 * A person's route (a verified JWT with org_id, sub and role): the caller's metadata first (a
 * bad Idempotency-Key is refused before a bad body), then the body parsed against its strict
 * schema, the command built from both with ids derived from the org and the command id (a
 * retry under the same key names the same things), handed to the bus, its outcome mapped to HTTP.
 */
export const sendPersonCommand = <S extends z.ZodTypeAny>(bus: CommandBus, request: PersonRequest, schema: S, creates: boolean, route: Route<S>) => {
  const metadata = personMetadata(request.caller, request.headers, request.body);
  const { command, ids } = route(parseBody(schema, request.body), metadata, minterOf(metadata.tenant, metadata.commandId));
  return sendContextCommand(bus, 'commerce', command, creates, ids);
};
