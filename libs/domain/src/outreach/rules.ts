/**
 * Checks every outreach decider shares: who may act, the org a command belongs to, formats
 * seed 004 names (email, dates), and how a rejection is built.
 */
import { type Command, DomainError, rejectionsOf } from '../shared/decider';
import { parseInstant } from '../shared/validation';
import { OutreachErrorCode as Code } from './errors';
import { USER_ROLES, type UserRole } from './values';

export const reject = rejectionsOf<Code>();

/** The org a command acts in; the adapter always sets it, so its absence is a bug, not bad input. */
export const tenantOf = (command: Command): string => {
  const tenant = command.metadata.tenant;
  if (typeof tenant !== 'string' || tenant.length === 0) throw new Error(`outreach command ${command.type} has no metadata.tenant`);
  return tenant;
};

export const nowOf = (command: Command): number => {
  const now = parseInstant(command.metadata.now);
  if (now === null) throw new Error(`command metadata.now is not an ISO instant: ${command.metadata.now}`);
  return now;
};

/** The UTC calendar date (YYYY-MM-DD) of the command's instant: seed 004's "today". */
export const todayOf = (command: Command): string => new Date(nowOf(command)).toISOString().slice(0, 10);

/**
 * Null when the actor may act: an internal service (no verified role) or one of `roles`.
 * seed 004: campaigns_team_view — the TA/recruiting roles work on the org's campaigns.
 */
export const forbidden = (command: Command, roles: readonly UserRole[] = USER_ROLES): DomainError | null => {
  const role = command.metadata.role;
  if (role === undefined || (roles as readonly string[]).includes(role)) return null;
  return reject(Code.FORBIDDEN, `Role ${role} may not ${command.type}`, { role, allowed: roles.join(',') });
};

/** The user id of a `user:<uuid>` actor, else null (a service). */
export const actorUserId = (command: Command): string | null =>
  command.metadata.actor.startsWith('user:') ? command.metadata.actor.slice('user:'.length) : null;

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
/** RFC 5321 caps a forward path at 254 characters. */
export const isEmail = (value: unknown): value is string => typeof value === 'string' && value.length <= 254 && EMAIL.test(value);

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
/** A real calendar date written YYYY-MM-DD (seed 004: start_date and end_date are DATE). */
export const isDate = (value: unknown): value is string => {
  const match = typeof value === 'string' ? DATE.exec(value) : null;
  return match !== null && parseInstant(`${value}T00:00:00Z`) !== null;
};

export const isHttpUrl = (value: unknown): value is string => {
  if (typeof value !== 'string' || value.length > 2048) return false;
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
};

/** Optional text: absent, null, or a string of at most `max` characters. */
export const isOptionalText = (value: unknown, max: number): boolean =>
  value === undefined || value === null || (typeof value === 'string' && value.length <= max);
