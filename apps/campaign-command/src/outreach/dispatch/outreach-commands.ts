import { randomUUID } from 'node:crypto';
import type { outreach } from '@campaign/domain';
import type { Executed } from '@campaign/eventstore';

/**
 * How the dispatcher decides: through the same command bus as every other door (bound in
 * outreach-dispatch.providers.ts to outreachBusCommand), never by writing events itself.
 */
export interface OutreachCommands {
  execute(command: outreach.OutreachCommand): Promise<Executed>;
}

export const OUTREACH_COMMANDS = Symbol('OUTREACH_COMMANDS');

export const DISPATCHER_ACTOR = 'service:dispatcher';

export type CommandOf<T extends outreach.OutreachCommand['type']> = Extract<outreach.OutreachCommand, { type: T }>;

/** A command of the dispatcher's own, for the org `orgId` (the command's tenant). */
export const dispatcherCommand = <T extends outreach.OutreachCommand['type']>(
  type: T,
  data: CommandOf<T>['data'],
  orgId: string,
  now: Date,
  commandId: string = randomUUID(),
): CommandOf<T> =>
  ({
    type,
    data,
    metadata: { commandId, now: now.toISOString(), actor: DISPATCHER_ACTOR, tenant: orgId, correlationId: commandId },
  }) as CommandOf<T>;
