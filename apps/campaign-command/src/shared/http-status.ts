import type { CommandOutcome } from '@campaign/eventstore';

/**
 * How a rejection code reads over HTTP: the subject is missing (404), the actor may not (403),
 * the request clashes with the current state (409), a sending window is full (429), or the
 * request itself is invalid (422). Codes follow the seeds' naming, so families are matched by
 * their parts, whichever context uses them: `*_NOT_FOUND`, `*_ALREADY_*`, `*_INVALID_STATUS*`,
 * `INVALID_STATE_*`, `*_READ_ONLY`, `*_NOT_ACTIVE`, `*_NOT_RUNNING`, `*_NOT_OPEN`, `*_NOT_PENDING`, `*_DISABLED`,
 * `*_HAS_ACTIVE_*`, `*_TRANSITION_INVALID`, `*_CONFLICT`.
 */
const CONFLICT_PATTERNS = [
  /_ALREADY_/,
  /(^|_)INVALID_STATUS/,
  /^INVALID_STATE_/,
  /_READ_ONLY$/,
  /_NOT_ACTIVE$/,
  /_NOT_RUNNING$/,
  /_NOT_OPEN$/,
  /_NOT_PENDING$/,
  /_DISABLED$/,
  // seed 003: an ad account connected by another org, not connected by this one; another org's campaign.
  /_CONNECTED_ELSEWHERE$/,
  /_NOT_CONNECTED$/,
  /_UNAVAILABLE$/,
  // seed 000: an orchestrator with bound workflows (RESTRICT), a status the transition table does
  // not lead to from here, a second, different report of a finished step.
  /_HAS_ACTIVE_/,
  /_TRANSITION_INVALID$/,
  /_CONFLICT$/,
  // seed 001: a value another stream holds (an email, a SKU, a name, a budget's period); a parent
  // whose children (NO ACTION) or history (RESTRICT) must go first; an order's status; stock gone.
  /_TAKEN$/,
  /_HAS_(CHILDREN|EXECUTIONS)$/,
  /_STATUS_INVALID$/,
  /^INSUFFICIENT_/,
];
const TOO_MANY = new Set(['CAMPAIGN_SEND_LIMIT_EXCEEDED']);

export const httpStatusOf = (outcome: CommandOutcome, created: boolean): number => {
  if (outcome.status === 'ACCEPTED') return created ? 201 : 200;
  const { code } = outcome;
  if (code.endsWith('_NOT_FOUND')) return 404;
  // AD_ROLE_REQUIRED (seed 003's roles): the actor's role may not do this.
  if (code === 'FORBIDDEN' || code.endsWith('_ROLE_REQUIRED')) return 403;
  if (CONFLICT_PATTERNS.some((pattern) => pattern.test(code))) return 409;
  if (TOO_MANY.has(code)) return 429;
  return 422;
};
