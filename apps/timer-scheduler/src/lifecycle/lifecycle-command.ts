import { CONTRACT_VERSIONS } from '@campaign/contracts';
import { lifecycle } from '@campaign/domain';
import { type DueTimer, SCHEDULER_ACTOR } from '@campaign/timers';
import type { TimerCommand } from '../shared/timer-context';

/** The lifecycle command a due timer sends (seed 002), keyed by its campaign's stream. */
export const lifecycleCommandOf = (timer: DueTimer<lifecycle.TimerType>, issuedAt: string): TimerCommand => {
  const { type, data } = lifecycle.timerCommandOf(timer.timerType, timer.campaignId);
  const commandId = `timer-${timer.id}`;
  return {
    key: lifecycle.campaignStreamId(timer.campaignId),
    envelope: {
      commandId,
      type,
      schemaVersion: CONTRACT_VERSIONS.lifecycle.commands[type],
      context: 'lifecycle',
      issuedAt,
      actor: SCHEDULER_ACTOR,
      correlationId: timer.id,
      causationId: commandId,
      tenant: null,
      data,
    },
  };
};
