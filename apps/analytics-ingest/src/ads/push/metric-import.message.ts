import { contextScope, type Principal } from '@campaign/runtime';
import { PUSH_ROLES } from './push-roles';

/** A Kafka import as it arrives: `{importId, orgId, rows}`, JSON. */
export interface MetricImport {
  readonly importId: string;
  readonly orgId: string;
  readonly rows: unknown;
}

/** The answer on `<prefix>ads.metric-import-results`, keyed by importId: the same for a redelivered import. */
export type MetricImportResult =
  | { readonly importId: string; readonly orgId: string | null; readonly status: 'ACCEPTED'; readonly accepted: number }
  | {
      readonly importId: string;
      readonly orgId: string | null;
      readonly status: 'REJECTED';
      readonly code: string;
      readonly message: string;
      readonly rejectedRows?: number;
      readonly errors?: readonly { readonly row: number; readonly code: string; readonly field: string; readonly message: string }[];
    };

const IMPORT_ID = /^[A-Za-z0-9._:-]{1,200}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The import id of a message, when it has a usable one (else the message cannot be answered). */
export const importIdOf = (value: Buffer | null): { readonly importId: string; readonly body: Record<string, unknown> } | null => {
  try {
    const body: unknown = JSON.parse((value ?? Buffer.alloc(0)).toString('utf8'));
    if (typeof body !== 'object' || body === null || Array.isArray(body)) return null;
    const importId = (body as Record<string, unknown>).importId;
    return typeof importId === 'string' && IMPORT_ID.test(importId) ? { importId, body: body as Record<string, unknown> } : null;
  } catch {
    return null;
  }
};

/** The import's org as the body names it (a UUID, lower case), or null. */
export const namedOrgOf = (body: Record<string, unknown>): string | null =>
  typeof body.orgId === 'string' && UUID.test(body.orgId) ? body.orgId.toLowerCase() : null;

/**
 * Which org a verified sender may import for, as the command door decides for commands: a
 * service granted `ads:service` acts for the org the import names; an org-bound principal
 * (role marketer/admin, or scope `ads:write`) for its own org only. A string says why not.
 */
export const importingOrgOf = (principal: Principal, namedOrg: string | null): string | { readonly refusal: string } => {
  if (principal.scopes.has(contextScope('ads', 'service'))) return namedOrg ?? { refusal: 'an import names its organization in orgId (a UUID)' };
  if (!principal.orgId) return { refusal: 'the token grants neither ads:service nor an organization' };
  if (namedOrg !== null && namedOrg !== principal.orgId) return { refusal: `a principal of org ${principal.orgId} cannot import for org ${namedOrg}` };
  if (!(principal.role !== null && PUSH_ROLES.has(principal.role)) && !principal.scopes.has(contextScope('ads', 'write'))) {
    return { refusal: 'importing metric rows needs the role marketer or admin (or scope ads:write)' };
  }
  return principal.orgId;
};
