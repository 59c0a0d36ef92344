/**
 * What every commerce decider reads of a command besides its data: the tenant (the shop) it
 * acts in, its instant, and who may act. People carry a verified role: viewers read only,
 * editors and admins write; services (agents, the platform) carry none and may do what their
 * token's scope lets the door accept — the door checks scopes, the decider checks roles.
 */
import { type Command, type DomainError } from '../shared/decider';
import { parseInstant, toIso } from '../shared/validation';
import { CommerceErrorCode as Code, reject } from './errors';

/** The shop a command acts in; the adapter always sets it, so its absence is a bug, not bad input. */
export const tenantOf = (command: Command): string => {
  const tenant = command.metadata.tenant;
  if (typeof tenant !== 'string' || tenant.length === 0) throw new Error(`commerce command ${command.type} has no metadata.tenant`);
  return tenant;
};

/** The command's instant as the wire reads it back (timestamp-millis, ISO-8601 in UTC). */
export const nowIsoOf = (command: Command): string => {
  const now = parseInstant(command.metadata.now);
  if (now === null) throw new Error(`command metadata.now is not an ISO instant: ${command.metadata.now}`);
  return toIso(now);
};

export const COMMERCE_WRITERS: readonly string[] = ['editor', 'admin'];

/** Null when the actor may write: a service (no role) or a person with a writer's role. */
export const writerRequired = (command: Command): DomainError | null => {
  const role = command.metadata.role;
  if (role === undefined || COMMERCE_WRITERS.includes(role)) return null;
  return reject(Code.COMMERCE_ROLE_REQUIRED, `${command.type} needs the role ${COMMERCE_WRITERS.join(' or ')}, not ${role}`, {
    role,
    allowed: COMMERCE_WRITERS.join(','),
  });
};
