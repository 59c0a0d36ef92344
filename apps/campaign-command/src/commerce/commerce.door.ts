import type { commerce } from '@campaign/domain';
import type { z } from '@campaign/runtime';
import type { CommandBus } from '@nestjs/cqrs';
import { type PersonRequest, type RoutedCommand as SharedRoutedCommand, sendPersonRoute, type TenantMetadata } from '../shared/send-command';
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
  | commerce.ExpenseCommand
  | commerce.SegmentCommand
  | commerce.CampaignCommand
  | commerce.ContentCommand
  | commerce.EmailListCommand
  | commerce.WorkflowCommand
  | commerce.KpiCommand
  | commerce.ReportCommand
  | commerce.SystemEventCommand;

export type CommerceMetadata = TenantMetadata;
export type { PersonRequest };
export type RoutedCommand = SharedRoutedCommand<CommerceCommand>;

/** The route's view of its request: the parsed body, the metadata, and the minter of the ids of what it creates. */
export type Route<S extends z.ZodTypeAny> = (fields: z.infer<S>, metadata: CommerceMetadata, newId: IdMinter) => RoutedCommand;

/**
 * A person's commerce route (shared/send-command.ts sendPersonRoute), with ids of new things
 * derived from the org and the command id: a retry under the same key names the same things.
 */
export const sendPersonCommand = <S extends z.ZodTypeAny>(bus: CommandBus, request: PersonRequest, schema: S, creates: boolean, route: Route<S>) =>
  sendPersonRoute(bus, 'commerce', request, schema, creates, (fields: z.infer<S>, metadata) =>
    route(fields, metadata, minterOf(metadata.tenant, metadata.commandId)),
  );
