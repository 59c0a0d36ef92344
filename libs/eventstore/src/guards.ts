/**
 * Guards: values held across streams, written in the same statement as the events that take
 * or release them (the domain's `Guard`, libs/domain/src/shared/decider.ts). Two tables:
 * - `guard_claims`: (context, tenant, key) → the stream holding it. A second holder breaks the
 *   primary key, so of two racing claims exactly one commits.
 * - `guard_counters`: (context, tenant, key) → a value with CHECK (value >= 0). Deltas of one
 *   statement are summed per key first (a statement may touch a row once); a statement that
 *   would take a counter below zero fails as a whole, and the group commit then retries each
 *   command alone, so only the one that overdraws is rejected.
 * Keys are stored as SHA-256 digests: a claimed email is personal data, and the guard tables
 * must not keep what crypto-shredding erases from the log.
 */
import { createHash } from 'node:crypto';
import type { Guard } from '@campaign/domain';
import type { Queryable } from './batched-io';

/** A guard with the stream it is appended to (the holder of a claim). */
export type StreamGuard = Guard & { readonly holder: string };

export const storedGuardKey = (key: string): string => createHash('sha256').update(key).digest('hex');

/** A guard refused the append: nothing was written. `available` is a counter's value when it refused. */
export class GuardViolationError extends Error {
  constructor(
    readonly guard: Extract<Guard, { code: string }>,
    readonly available: number | null,
  ) {
    super(guard.message);
    this.name = 'GuardViolationError';
  }
}

export const PG_CHECK_VIOLATION = '23514';

export const isGuardViolation = (error: unknown): boolean => {
  const pgError = error as { code?: string; constraint?: string };
  return pgError?.constraint === 'guard_claims_pkey' || (pgError?.code === PG_CHECK_VIOLATION && pgError.constraint === 'guard_counters_value_check');
};

export const guardsDdl = (s: string): string => `
CREATE TABLE IF NOT EXISTS ${s}.guard_claims (
  context TEXT NOT NULL,
  tenant  TEXT NOT NULL,
  key     TEXT NOT NULL,
  holder  TEXT NOT NULL,
  CONSTRAINT guard_claims_pkey PRIMARY KEY (context, tenant, key)
);
CREATE TABLE IF NOT EXISTS ${s}.guard_counters (
  context TEXT NOT NULL,
  tenant  TEXT NOT NULL,
  key     TEXT NOT NULL,
  value   BIGINT NOT NULL CONSTRAINT guard_counters_value_check CHECK (value >= 0),
  CONSTRAINT guard_counters_pkey PRIMARY KEY (context, tenant, key)
);
`;

interface GuardRows {
  readonly claims: object[];
  readonly releases: object[];
  readonly counts: object[];
}

/** The rows of each kind for one statement; `requests` carry their context and tenant. */
export const guardRows = (requests: readonly { metadata: { context: string; tenant: string | null }; guards?: readonly StreamGuard[] }[]): GuardRows => {
  const rows: GuardRows = { claims: [], releases: [], counts: [] };
  for (const { metadata, guards } of requests) {
    for (const guard of guards ?? []) {
      const row = { context: metadata.context, tenant: metadata.tenant ?? '', key: storedGuardKey(guard.key), holder: guard.holder };
      if (guard.kind === 'claim') (rows.claims as object[]).push(row);
      else if (guard.kind === 'release') (rows.releases as object[]).push(row);
      else (rows.counts as object[]).push({ ...row, delta: guard.delta });
    }
  }
  return rows;
};

/**
 * Which of one command's guards refused it (called after its append failed alone): a claim
 * held by another stream, or the counter its deltas would overdraw.
 */
export const violatedGuard = async (
  db: Queryable,
  table: string,
  metadata: { context: string; tenant: string | null },
  guards: readonly StreamGuard[],
): Promise<GuardViolationError | null> => {
  const tenant = metadata.tenant ?? '';
  const claims = guards.filter((g) => g.kind === 'claim');
  const counts = guards.filter((g): g is Extract<StreamGuard, { kind: 'count' }> => g.kind === 'count');
  const keys = [...claims, ...counts].map((g) => storedGuardKey(g.key));
  const { rows } = (await db.query(
    `SELECT 'claim' AS kind, key, holder, NULL::bigint AS value FROM ${table}.guard_claims WHERE context = $1 AND tenant = $2 AND key = ANY($3::text[])
     UNION ALL
     SELECT 'count', key, NULL, value FROM ${table}.guard_counters WHERE context = $1 AND tenant = $2 AND key = ANY($3::text[])`,
    [metadata.context, tenant, keys],
  )) as { rows: { kind: string; key: string; holder: string | null; value: string | null }[] };
  for (const claim of claims) {
    const held = rows.find((r) => r.kind === 'claim' && r.key === storedGuardKey(claim.key));
    if (held && held.holder !== claim.holder) return new GuardViolationError(claim as Extract<Guard, { code: string }>, null);
  }
  const deltas = new Map<string, number>();
  for (const count of counts) deltas.set(count.key, (deltas.get(count.key) ?? 0) + count.delta);
  for (const count of counts) {
    const value = Number(rows.find((r) => r.kind === 'count' && r.key === storedGuardKey(count.key))?.value ?? 0);
    if (value + (deltas.get(count.key) ?? 0) < 0) return new GuardViolationError(count, value);
  }
  return null;
};
