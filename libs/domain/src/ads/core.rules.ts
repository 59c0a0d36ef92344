/**
 * Checks the ads deciders share: the org a command acts in, its instant, who may act, and how a
 * rejection is built. Services (no verified role) act as the system and may do everything a
 * person may; a person needs one of the roles a command names.
 */
import { type Command, DomainError, rejectionsOf } from '../shared/decider';
import { parseInstant } from '../shared/validation';
import { AdsErrorCode as Code } from './errors';
import type { AdRole } from './values';

export const reject = rejectionsOf<Code>();

/** The org a command acts in; the adapter always sets it, so its absence is a bug, not bad input. */
export const tenantOf = (command: Command): string => {
  const tenant = command.metadata.tenant;
  if (typeof tenant !== 'string' || tenant.length === 0) throw new Error(`ads command ${command.type} has no metadata.tenant`);
  return tenant;
};

export const nowOf = (command: Command): number => {
  const now = parseInstant(command.metadata.now);
  if (now === null) throw new Error(`command metadata.now is not an ISO instant: ${command.metadata.now}`);
  return now;
};

/** Null when the actor may act: a service (no role) or a person with one of `roles`. */
export const roleRequired = (command: Command, roles: readonly AdRole[]): DomainError | null => {
  const role = command.metadata.role;
  if (role === undefined || (roles as readonly string[]).includes(role)) return null;
  return reject(Code.AD_ROLE_REQUIRED, `${command.type} needs the role ${roles.join(' or ')}, not ${role}`, { role, allowed: roles.join(',') });
};

/** For what only a service does (a sync's outcome, the analyzer's proposal): a person is refused. */
export const serviceRequired = (command: Command): DomainError | null => {
  const role = command.metadata.role;
  if (role === undefined) return null;
  return reject(Code.AD_ROLE_REQUIRED, `${command.type} is sent by the platform's services, not by a person`, { role, allowed: 'service' });
};

/** Optional text: absent, null, or a string of at most `max` characters. */
export const isOptionalText = (value: unknown, max: number): value is string | null | undefined =>
  value === undefined || value === null || (typeof value === 'string' && value.length <= max);
