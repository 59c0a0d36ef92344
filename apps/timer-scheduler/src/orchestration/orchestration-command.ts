import { type CommandEnvelope, CONTRACT_VERSIONS } from '@campaign/contracts';
import type { orchestration } from '@campaign/domain';
import { type DueTimer, SCHEDULER_ACTOR } from '@campaign/timers';

export type OrchestrationDueTimer = DueTimer<orchestration.OrchestrationTimerType>;

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const text = (value: unknown): string | null => (typeof value === 'string' && value.length > 0 ? value : null);

/**
 * The command a due orchestration timer sends, and the stream it is keyed by: the one its
 * payload carries, as the policy wrote it. The org kept in the payload is the command's tenant
 * (the orchestration Kafka door requires one of a service); the command id `timer-<timerId>` is
 * the same on every attempt, so a re-fire is answered from the first outcome. Null when the
 * payload holds no org or command (a row no planner wrote).
 */
export const orchestrationCommandOf = (timer: OrchestrationDueTimer, issuedAt: string): { envelope: CommandEnvelope; key: string } | null => {
  const orgId = text(timer.payload.orgId);
  const command = timer.payload.command;
  if (!orgId || !isRecord(command) || !text(command.type) || !text(command.streamId) || !isRecord(command.data)) return null;
  const type = command.type as string;
  const commandId = `timer-${timer.id}`;
  return {
    key: command.streamId as string,
    envelope: {
      commandId,
      type,
      // encodeCommand writes the current version whatever this says; it is here for readers.
      schemaVersion: CONTRACT_VERSIONS.orchestration?.commands[type] ?? 1,
      context: 'orchestration',
      issuedAt,
      actor: SCHEDULER_ACTOR,
      correlationId: timer.id,
      causationId: commandId,
      tenant: orgId,
      data: command.data,
    },
  };
};
