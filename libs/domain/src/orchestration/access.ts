/**
 * Checks every orchestration decider shares: the org a command acts in, its instant, who may
 * act. People carry a verified role (viewer reads; editor writes campaigns, content and
 * strategies; admin also orchestrators); services carry none and may do what their scope lets
 * the door accept — the door checks scopes, the decider checks roles.
 */
import { type Command, type DomainError } from '../shared/decider';
import { parseInstant, toIso } from '../shared/validation';
import { OrchestrationErrorCode as Code, reject } from './errors';
import type { OrchestrationRole } from './values';

/** The org a command acts in; the adapter always sets it, so its absence is a bug, not bad input. */
export const tenantOf = (command: Command): string => {
  const tenant = command.metadata.tenant;
  if (typeof tenant !== 'string' || tenant.length === 0) throw new Error(`orchestration command ${command.type} has no metadata.tenant`);
  return tenant;
};

/** The command's instant in epoch milliseconds; a missing or malformed one is the adapter's bug. */
export const nowOf = (command: Command): number => {
  const now = parseInstant(command.metadata.now);
  if (now === null) throw new Error(`command metadata.now is not an ISO instant: ${command.metadata.now}`);
  return now;
};

/** The command's instant as the wire reads it back (timestamp-millis, ISO-8601 in UTC). */
export const nowIsoOf = (command: Command): string => toIso(nowOf(command));

/** People who write campaigns, content and strategies. */
export const WRITERS: readonly OrchestrationRole[] = ['editor', 'admin'];
/** People who may change orchestrators (their templates are what agents run). */
export const ADMINS: readonly OrchestrationRole[] = ['admin'];

/** Null when the actor may act: a service (no role) or a person with one of `roles`. */
export const roleRequired = (command: Command, roles: readonly OrchestrationRole[]): DomainError | null => {
  const role = command.metadata.role;
  if (role === undefined || (roles as readonly string[]).includes(role)) return null;
  return reject(Code.ORCHESTRATION_ROLE_REQUIRED, `${command.type} needs the role ${roles.join(' or ')}, not ${role}`, { role, allowed: roles.join(',') });
};

/** For what only a service sends (timers, the reactor): a person is refused whatever the role. */
export const serviceRequired = (command: Command): DomainError | null => {
  const role = command.metadata.role;
  if (role === undefined) return null;
  return reject(Code.ORCHESTRATION_ROLE_REQUIRED, `${command.type} is sent by the platform's services, not by a person`, { role, allowed: 'service' });
};
