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
import type { Queryable } from './append-statement';

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

interface Guarded {
  readonly metadata: { readonly context: string; readonly tenant: string | null };
  readonly guards?: readonly StreamGuard[];
}

/** The claims' holders and the counters' values of every key the requests name, as committed now. */
const currentValues = async (db: Queryable, table: string, requests: readonly Guarded[]) => {
  const rows = requests.flatMap((r) =>
    (r.guards ?? []).map((g) => ({ context: r.metadata.context, tenant: r.metadata.tenant ?? '', key: storedGuardKey(g.key) })),
  );
  const { rows: found } = (await db.query(
    `WITH k AS (SELECT DISTINCT * FROM jsonb_to_recordset($1::jsonb) AS k(context text, tenant text, key text))
     SELECT 'claim' AS kind, c.context, c.tenant, c.key, c.holder, NULL::bigint AS value FROM ${table}.guard_claims c JOIN k USING (context, tenant, key)
     UNION ALL
     SELECT 'count', c.context, c.tenant, c.key, NULL, c.value FROM ${table}.guard_counters c JOIN k USING (context, tenant, key)`,
    [JSON.stringify(rows)],
  )) as { rows: { kind: string; context: string; tenant: string; key: string; holder: string | null; value: string | null }[] };
  const holders = new Map<string, string>();
  const values = new Map<string, number>();
  for (const row of found) {
    const id = `${row.context}|${row.tenant}|${row.key}`;
    if (row.kind === 'claim') holders.set(id, row.holder ?? '');
    else values.set(id, Number(row.value));
  }
  return { holders, values };
};

const scopedKey = (request: Guarded) => (guard: StreamGuard) => `${request.metadata.context}|${request.metadata.tenant ?? ''}|${storedGuardKey(guard.key)}`;

/** The first of one request's guards that the simulated state refuses; null when all pass. */
const refusal = (request: Guarded, holders: Map<string, string>, values: Map<string, number>): GuardViolationError | null => {
  const key = scopedKey(request);
  const guards = request.guards ?? [];
  for (const claim of guards.filter((g) => g.kind === 'claim')) {
    const held = holders.get(key(claim));
    if (held !== undefined && held !== claim.holder) return new GuardViolationError(claim as Extract<Guard, { code: string }>, null);
  }
  const deltas = new Map<string, number>();
  for (const count of guards) if (count.kind === 'count') deltas.set(key(count), (deltas.get(key(count)) ?? 0) + count.delta);
  for (const count of guards) {
    if (count.kind !== 'count') continue;
    const value = values.get(key(count)) ?? 0;
    if (value + (deltas.get(key(count)) ?? 0) < 0) return new GuardViolationError(count, value);
  }
  return null;
};

/** The request's effect on the simulated state once it is judged to pass. */
const applied = (request: Guarded, holders: Map<string, string>, values: Map<string, number>): void => {
  const key = scopedKey(request);
  for (const guard of request.guards ?? []) {
    if (guard.kind === 'release' && holders.get(key(guard)) === guard.holder) holders.delete(key(guard));
    else if (guard.kind === 'claim') holders.set(key(guard), guard.holder);
    else if (guard.kind === 'count') values.set(key(guard), (values.get(key(guard)) ?? 0) + guard.delta);
  }
};

/**
 * Judges the requests of a statement that failed on a guard, in their order, against the
 * committed state: each that passes takes its effect, each that would be refused takes none and
 * gets the guard that refuses it. One query instead of a retry per request; the verdicts are a
 * forecast (the state may move before the passing ones are written), so callers write the
 * passing ones and judge the rest again after them.
 */
export const judgeGuards = async (db: Queryable, table: string, requests: readonly Guarded[]): Promise<(GuardViolationError | null)[]> => {
  const { holders, values } = await currentValues(db, table, requests);
  return requests.map((request) => {
    const refused = refusal(request, holders, values);
    if (!refused) applied(request, holders, values);
    return refused;
  });
};
