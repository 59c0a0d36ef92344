import { type CommandEnvelope, CONTRACT_VERSIONS } from '@campaign/contracts';
import { outreach } from '@campaign/domain';
import { type DueTimer, SCHEDULER_ACTOR } from '@campaign/timers';

export type OutreachDueTimer = DueTimer<outreach.OutreachTimerType>;

const text = (value: unknown): string | null => (typeof value === 'string' && value.length > 0 ? value : null);

/**
 * The command a due outreach timer sends, and the stream it is keyed by. The org kept in the
 * timer's payload is the command's tenant (its streams are the org's); the command id
 * `timer-<timerId>` is the same on every attempt, so a re-fire is answered from the first
 * outcome. Null when the payload names no org or campaign (a row no planner wrote).
 */
export const outreachCommandOf = (timer: OutreachDueTimer, issuedAt: string): { envelope: CommandEnvelope; key: string } | null => {
  const orgId = text(timer.payload.orgId);
  const campaignId = text(timer.payload.campaignId);
  if (!orgId || !campaignId) return null;
  const command = outreach.outreachTimerCommand(timer.timerType, { orgId, campaignId, contactId: text(timer.payload.contactId) });
  if (!command) return null;
  const commandId = `timer-${timer.id}`;
  return {
    key: command.streamId,
    envelope: {
      commandId,
      type: command.type,
      // encodeCommand writes the current version whatever this says; it is here for readers.
      schemaVersion: CONTRACT_VERSIONS.outreach?.commands[command.type] ?? 1,
      context: 'outreach',
      issuedAt,
      actor: SCHEDULER_ACTOR,
      correlationId: timer.id,
      causationId: commandId,
      tenant: orgId,
      data: command.data,
    },
  };
};
