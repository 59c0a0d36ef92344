import type { CommandOutcome } from '@campaign/eventstore';

/**
 * How a rejection code reads over HTTP: the subject is missing (404), the request clashes
 * with the campaign's current state (409), or the request itself is invalid (422).
 */
const CONFLICTS = new Set([
  'CAMPAIGN_ALREADY_EXISTS',
  'INVALID_STATE_TRANSITION',
  'CAMPAIGN_NOT_RUNNING',
  'REWARDS_DISABLED',
  'REWARD_CLAIM_NOT_OPEN',
  'REWARD_ALREADY_CLAIMED',
  'PARTICIPANT_ALREADY_JOINED',
]);
const NOT_FOUND = new Set(['CAMPAIGN_NOT_FOUND']);

export const httpStatusOf = (outcome: CommandOutcome, created: boolean): number => {
  if (outcome.status === 'ACCEPTED') return created ? 201 : 200;
  if (NOT_FOUND.has(outcome.code)) return 404;
  if (CONFLICTS.has(outcome.code)) return 409;
  return 422;
};
