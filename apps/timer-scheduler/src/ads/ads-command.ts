import { type CommandEnvelope, CONTRACT_VERSIONS } from '@campaign/contracts';
import { ads } from '@campaign/domain';
import { type DueTimer, SCHEDULER_ACTOR } from '@campaign/timers';

export type AdsDueTimer = DueTimer<ads.AdsTimerType>;

const text = (value: unknown): string | null => (typeof value === 'string' && value.length > 0 ? value : null);

/**
 * The command a due ads timer sends, and the stream it is keyed by. The org kept in the timer's
 * payload is the command's tenant (the ads Kafka door requires one of a service); the command
 * id `timer-<timerId>` is the same on every attempt, so a re-fire is answered from the first
 * outcome. Null when the payload names no org or subject (a row no planner wrote).
 */
export const adsCommandOf = (timer: AdsDueTimer, issuedAt: string): { envelope: CommandEnvelope; key: string } | null => {
  const orgId = text(timer.payload.orgId);
  const subjectId = text(timer.payload.subjectId);
  if (!orgId || !subjectId) return null;
  const command = ads.adsTimerCommand(timer.timerType, { orgId, subjectId, timerId: timer.id });
  const commandId = `timer-${timer.id}`;
  return {
    key: command.streamId,
    envelope: {
      commandId,
      type: command.type,
      // encodeCommand writes the current version whatever this says; it is here for readers.
      schemaVersion: CONTRACT_VERSIONS.ads?.commands[command.type] ?? 1,
      context: 'ads',
      issuedAt,
      actor: SCHEDULER_ACTOR,
      correlationId: timer.id,
      causationId: commandId,
      tenant: orgId,
      data: command.data,
    },
  };
};
