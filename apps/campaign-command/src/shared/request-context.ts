import { randomUUID } from 'node:crypto';
import type { CommandMetadata } from '@campaign/domain';
import { isReservedCommandId, RESERVED_COMMAND_ID_PREFIXES } from '@campaign/eventstore';
import { BadRequestException } from '@nestjs/common';
import { type Principal, userClaimsOf, type z } from '@campaign/runtime';

export type Headers = Readonly<Record<string, string | string[] | undefined>>;

const header = (headers: Headers, name: string): string | undefined => {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
};

/**
 * Command metadata from an HTTP request. The Idempotency-Key header (or a `commandId` in the
 * body) is the command id: send the same one again and the first answer comes back. The actor
 * is the verified caller, never a header. Ids with the prefixes the platform's own services use
 * are refused: sent first from outside, they would turn a timer's or the dispatcher's command
 * into a repeat of the caller's.
 */
export const metadataFromRequest = (headers: Headers, caller: Principal, bodyCommandId?: string): CommandMetadata => {
  const commandId = header(headers, 'idempotency-key') ?? bodyCommandId ?? randomUUID();
  if (commandId.length === 0 || commandId.length > 200) throw invalid(['Idempotency-Key: 1 to 200 characters']);
  if (isReservedCommandId(commandId))
    throw invalid([`Idempotency-Key: must not start with a prefix reserved for internal commands (${RESERVED_COMMAND_ID_PREFIXES.join(', ')})`]);
  return {
    commandId,
    now: new Date().toISOString(),
    actor: caller.actor,
    correlationId: header(headers, 'x-correlation-id') ?? commandId,
  };
};

/** The command id a body may carry instead of the Idempotency-Key header. */
export const bodyCommandIdOf = (body: unknown): string | undefined => {
  const commandId = (body as { commandId?: unknown } | null)?.commandId;
  return typeof commandId === 'string' ? commandId : undefined;
};

/**
 * A person's request in an org-scoped context (a verified JWT with org_id, sub and role): the
 * org is the command's tenant, so another org's ids are simply not found; the role is the
 * decider's to judge; the actor is `user:<sub>`.
 */
export const personMetadata = (caller: Principal, headers: Headers, body: unknown): CommandMetadata & { readonly tenant: string } => {
  const claims = userClaimsOf(caller);
  const request = metadataFromRequest(headers, caller, bodyCommandIdOf(body));
  return { ...request, actor: `user:${claims.sub}`, tenant: claims.org_id, role: claims.role };
};

const invalid = (problems: string[]) =>
  new BadRequestException({ status: 'REJECTED', code: 'INVALID_REQUEST', message: 'The request body is not valid', details: { problems } });

/** Parses a body against its schema; shape errors are a 400 with every problem listed. */
export const parseBody = <S extends z.ZodTypeAny>(schema: S, body: unknown): z.infer<S> => {
  const parsed = schema.safeParse(body ?? {});
  if (parsed.success) return parsed.data;
  throw invalid(parsed.error.issues.map((issue) => `${issue.path.join('.') || '(body)'}: ${issue.message}`));
};
