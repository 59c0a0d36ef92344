import type { Command, CommandMetadata, orchestration } from '@campaign/domain';
import { hasScope, type Principal, type z } from '@campaign/runtime';
import { ForbiddenException } from '@nestjs/common';
import type { CommandBus } from '@nestjs/cqrs';
import { derivedId } from '../shared/derived-id';
import { bodyCommandIdOf, type Headers, metadataFromRequest, personMetadata } from '../shared/request-context';
import { type PersonRequest, type RoutedCommand as SharedRoutedCommand, sendContextCommand, sendPersonRoute } from '../shared/send-command';
import { AGENT_SCOPE } from './orchestration-scopes';

export type OrchestrationMetadata = CommandMetadata & { readonly tenant: string };

/**
 * Who may report on a step over HTTP: a person of the org (the decider judges the role), or an
 * agent's token bound to the org (`org_id` and scope `orchestration:agent`, no role): the
 * agent acts as the platform's service would, for its own org only.
 */
export const reporterMetadata = (caller: Principal, headers: Headers, body: unknown): OrchestrationMetadata => {
  if (caller.role !== null || !hasScope(caller, AGENT_SCOPE)) return personMetadata(caller, headers, body);
  if (!caller.orgId) throw new ForbiddenException({ code: 'TENANT_REQUIRED', message: 'An agent reports for an organization: the token needs an org_id' });
  // An agent is a service of the org's, not a person: the audit names it so.
  return { ...metadataFromRequest(headers, caller, bodyCommandIdOf(body)), actor: `service:${caller.subject}`, tenant: caller.orgId };
};

/** The id of something a request creates: a function of the org, the command id and what it is. */
export const newIdOf = (metadata: OrchestrationMetadata, label: string): string => derivedId(metadata.tenant, metadata.commandId, label);

/** Hands an orchestration command to the bus and maps its outcome to HTTP (rejections raise). */
export const sendOrchestrationCommand = (bus: CommandBus, command: Command, creates = false, extra: Record<string, unknown> = {}) =>
  sendContextCommand(bus, 'orchestration', command, creates, extra);

export type { PersonRequest };

/** What a route makes of a request: its command, and the ids its answer names (those of what it creates, or its path's). */
export type RoutedCommand = SharedRoutedCommand<orchestration.OrchestrationCommand>;

/** A person's orchestration route (shared/send-command.ts sendPersonRoute). */
export const sendPersonCommand = <S extends z.ZodTypeAny>(
  bus: CommandBus,
  request: PersonRequest,
  schema: S,
  creates: boolean,
  route: (fields: z.infer<S>, metadata: OrchestrationMetadata) => RoutedCommand,
) => sendPersonRoute(bus, 'orchestration', request, schema, creates, route);
