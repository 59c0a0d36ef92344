import type { Command, CommandMetadata } from '@campaign/domain';
import type { Executed } from '@campaign/eventstore';
import { type Principal, userClaimsOf } from '@campaign/runtime';
import { HttpException } from '@nestjs/common';
import type { CommandBus } from '@nestjs/cqrs';
import { ExecuteContextCommand } from '../../shared/execute-context-command.handler';
import { httpStatusOf } from '../../shared/http-status';
import { type Headers, metadataFromRequest } from '../../shared/request-context';

/**
 * A person's ads request (a JWT with org_id and role): the org is the command's tenant, the
 * role the decider's to judge (AD_ROLE_REQUIRED), the actor `user:<sub>`.
 */
export const personMetadata = (caller: Principal, headers: Headers, body: unknown): CommandMetadata & { readonly tenant: string } => {
  const claims = userClaimsOf(caller);
  const bodyCommandId = (body as { commandId?: unknown } | null)?.commandId;
  const request = metadataFromRequest(headers, caller, typeof bodyCommandId === 'string' ? bodyCommandId : undefined);
  return { ...request, actor: `user:${claims.sub}`, tenant: claims.org_id, role: claims.role };
};

/** Hands an ads command to the bus and maps its outcome to HTTP (rejections raise). */
export const sendAdsCommand = async (bus: CommandBus, command: Command, creates = false, extra: Record<string, unknown> = {}) => {
  const { outcome, duplicate }: Executed = await bus.execute(new ExecuteContextCommand('ads', command));
  if (outcome.status === 'REJECTED') throw new HttpException({ ...outcome, duplicate }, httpStatusOf(outcome, creates));
  return { ...extra, ...outcome, duplicate };
};
