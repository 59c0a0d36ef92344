import { randomBytes, randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import { Batcher } from '../batcher';
import { migrateInTransaction, quoteIdent } from '../sql';
import { DATA_KEY_BYTES, lookupOf } from './cipher';

/**
 * The keys personal data is sealed with, kept apart from the events (schema `privacy` by
 * default): one data key per subject — the stream a person's data is written to, e.g. one
 * contact of one campaign — with the subject's scope (its campaign) and blind lookups (its
 * email, its LinkedIn URL) that find it again for erasure. Erasing a subject deletes its key
 * and keeps the row as the record of the erasure: every copy of its sealed values (event
 * store, Kafka, backups, dead letters) is unreadable from then on.
 *
 * The lookup secret is the tenant's own random secret, kept here too: a lookup is useless
 * without it, and two tenants' lookups of one address never match.
 */
export const personalDataDdl = (schema: string): string => {
  const s = quoteIdent(schema);
  return `
CREATE SCHEMA IF NOT EXISTS ${s};
CREATE TABLE IF NOT EXISTS ${s}.tenant_secrets (
  tenant     TEXT PRIMARY KEY,
  secret     BYTEA NOT NULL,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE TABLE IF NOT EXISTS ${s}.subject_keys (
  key_id     UUID PRIMARY KEY,
  tenant     TEXT NOT NULL,
  subject    TEXT NOT NULL UNIQUE,
  scope      TEXT,
  lookups    TEXT[] NOT NULL DEFAULT '{}',
  data_key   BYTEA,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  erased_at  TIMESTAMPTZ,
  erasure_id TEXT,
  CONSTRAINT erased_has_no_key CHECK ((data_key IS NULL) = (erased_at IS NOT NULL))
);
CREATE INDEX IF NOT EXISTS subject_keys_lookups ON ${s}.subject_keys USING GIN (lookups);
CREATE INDEX IF NOT EXISTS subject_keys_scope ON ${s}.subject_keys (tenant, scope);
CREATE TABLE IF NOT EXISTS ${s}.erasures (
  erasure_id   TEXT PRIMARY KEY,
  tenant       TEXT NOT NULL,
  requested_by TEXT NOT NULL,
  reason       TEXT NOT NULL,
  criterion    TEXT NOT NULL,
  subjects     INTEGER NOT NULL,
  erased_at    TIMESTAMPTZ NOT NULL DEFAULT now()
);
`;
};

/** A value that identifies a person, by kind ('email', 'linkedin'): what erasure finds them by. */
export interface Identifier {
  readonly kind: string;
  readonly value: string;
}

export interface KeyRequest {
  readonly tenant: string;
  readonly subject: string;
  readonly scope: string | null;
  readonly identifiers: readonly Identifier[];
}

/** A subject's key, or null when the subject was erased: nothing of it may be written again. */
export type SubjectKey = { readonly keyId: string; readonly key: Buffer } | null;

export type ErasureCriterion = { readonly identifiers: readonly Identifier[] } | { readonly scope: string };

export interface ErasureRequest {
  readonly erasureId: string;
  readonly tenant: string;
  readonly criterion: ErasureCriterion;
  readonly requestedBy: string;
  readonly reason: string;
}

/** What the audit keeps of a criterion: the kinds of identifiers, never their values. */
const describe = (criterion: ErasureCriterion): string =>
  'scope' in criterion ? `scope ${criterion.scope}` : `identifiers ${criterion.identifiers.map((i) => i.kind).join(',')}`;

interface Cached {
  readonly keyId: string;
  readonly key: Buffer;
  readonly lookups: ReadonlySet<string>;
}

/** Keys kept in memory for sealing: a stale one only makes values unreadable, never readable. */
const SEALING_CACHE_SIZE = 10_000;
/** Subjects per statement: a 100,000-contact AddContacts makes its keys in short statements. */
const INSERT_CHUNK = 5_000;

export class PersonalDataKeys {
  private readonly s: string;
  private readonly secrets = new Map<string, Buffer>();
  private readonly sealing = new Map<string, Cached>();
  private fetching: Promise<void> | null = null;
  /** Concurrent commands' key lookups share one query (each order reads its customer's stream). */
  private readonly opening: Batcher<readonly string[], ReadonlyMap<string, Buffer>>;

  constructor(
    private readonly pool: Pool,
    readonly schema = 'privacy',
  ) {
    this.s = quoteIdent(schema);
    this.opening = new Batcher<readonly string[], ReadonlyMap<string, Buffer>>(async (lists) => {
      const keys = await this.fetchKeys([...new Set(lists.flat())]);
      return lists.map(() => keys);
    });
  }

  async migrate(): Promise<void> {
    await migrateInTransaction(this.pool, async (client) => {
      await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`migrate:${this.schema}`]);
      await client.query(personalDataDdl(this.schema));
    });
  }

  /** The lookups of identifiers in a tenant (how erasure and suppression lists find a person). */
  async lookupsOf(tenant: string, identifiers: readonly Identifier[]): Promise<string[]> {
    const secret = (await this.secretsOf([tenant])).get(tenant) as Buffer;
    return identifiers.map(({ kind, value }) => lookupOf(secret, kind, value));
  }

  /**
   * Each subject's key, made on first use; lookups of new identifiers are added to it. An
   * erased subject answers null. A statement per 5,000 subjects not cached.
   */
  async keysFor(requests: readonly KeyRequest[]): Promise<Map<string, SubjectKey>> {
    const keys = new Map<string, SubjectKey>();
    const secrets = await this.secretsOf([...new Set(requests.map((r) => r.tenant))]);
    const missing = new Map<string, { request: KeyRequest; lookups: string[] }>();
    for (const request of requests) {
      const secret = secrets.get(request.tenant) as Buffer;
      const lookups = [...new Set([...(missing.get(request.subject)?.lookups ?? []), ...request.identifiers.map((i) => lookupOf(secret, i.kind, i.value))])];
      const cached = this.sealing.get(request.subject);
      if (cached && lookups.every((l) => cached.lookups.has(l))) keys.set(request.subject, cached);
      else missing.set(request.subject, { request, lookups });
    }
    if (missing.size === 0) return keys;
    // Keys are made here, many at once (one random draw), and kept only where the subject is new.
    const fresh = [...missing.values()];
    const material = randomBytes(DATA_KEY_BYTES * fresh.length);
    const made = fresh.map((row, i) => ({ ...row, keyId: randomUUID(), key: material.subarray(i * DATA_KEY_BYTES, (i + 1) * DATA_KEY_BYTES) }));
    const known: typeof made = [];
    for (let at = 0; at < made.length; at += INSERT_CHUNK) {
      const chunk = made.slice(at, at + INSERT_CHUNK);
      const { rows: inserted } = await this.pool.query<{ subject: string }>(
        `INSERT INTO ${this.s}.subject_keys (key_id, tenant, subject, scope, lookups, data_key)
         SELECT i.key_id, i.tenant, i.subject, i.scope, ARRAY(SELECT jsonb_array_elements_text(i.lookups::jsonb)), i.data_key
           FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::bytea[]) AS i(key_id, tenant, subject, scope, lookups, data_key)
         ON CONFLICT (subject) DO NOTHING
         RETURNING subject`,
        [
          chunk.map((r) => r.keyId),
          chunk.map((r) => r.request.tenant),
          chunk.map((r) => r.request.subject),
          chunk.map((r) => r.request.scope),
          chunk.map((r) => JSON.stringify(r.lookups)),
          chunk.map((r) => r.key),
        ],
      );
      const created = new Set(inserted.map((row) => row.subject));
      for (const row of chunk) {
        if (created.has(row.request.subject))
          this.remember(keys, row.request.subject, { keyId: row.keyId, key: Buffer.from(row.key), lookups: new Set(row.lookups) });
        else known.push(row);
      }
    }
    // Subjects that had a key already: their lookups gain the new identifiers; their key is theirs.
    for (let at = 0; at < known.length; at += INSERT_CHUNK) {
      const chunk = known.slice(at, at + INSERT_CHUNK);
      const { rows: stored } = await this.pool.query<{ subject: string; key_id: string; data_key: Buffer | null; lookups: string[] }>(
        `UPDATE ${this.s}.subject_keys k
            SET lookups = ARRAY(SELECT DISTINCT x FROM unnest(k.lookups || ARRAY(SELECT jsonb_array_elements_text(i.lookups::jsonb))) AS x ORDER BY x)
           FROM unnest($1::text[], $2::text[]) AS i(subject, lookups)
          WHERE k.subject = i.subject
          RETURNING k.subject, k.key_id, k.data_key, k.lookups`,
        [chunk.map((r) => r.request.subject), chunk.map((r) => JSON.stringify(r.lookups))],
      );
      for (const row of stored) {
        if (row.data_key === null) {
          this.sealing.delete(row.subject);
          keys.set(row.subject, null);
        } else this.remember(keys, row.subject, { keyId: row.key_id, key: row.data_key, lookups: new Set(row.lookups) });
      }
    }
    return keys;
  }

  private remember(keys: Map<string, SubjectKey>, subject: string, cached: Cached): void {
    if (this.sealing.size >= SEALING_CACHE_SIZE) this.sealing.delete(this.sealing.keys().next().value as string);
    this.sealing.set(subject, cached);
    keys.set(subject, cached);
  }

  /** The keys with these ids; an erased (or unknown) key is absent: its values stay sealed. */
  async open(keyIds: readonly string[]): Promise<ReadonlyMap<string, Buffer>> {
    return keyIds.length === 0 ? new Map() : this.opening.submit(keyIds);
  }

  private async fetchKeys(keyIds: readonly string[]): Promise<Map<string, Buffer>> {
    const { rows } = await this.pool.query<{ key_id: string; data_key: Buffer }>(
      `SELECT key_id, data_key FROM ${this.s}.subject_keys WHERE key_id = ANY($1::uuid[]) AND data_key IS NOT NULL`,
      [[...new Set(keyIds)]],
    );
    return new Map(rows.map((row) => [row.key_id, row.data_key]));
  }

  /**
   * Deletes the keys of every subject the criterion finds in the tenant and records the
   * erasure. Repeating an erasure id answers the subjects it erased then, and erases nothing.
   */
  async erase(request: ErasureRequest): Promise<string[]> {
    const { tenant, criterion } = request;
    const lookups = 'identifiers' in criterion ? await this.lookupsOf(tenant, criterion.identifiers) : [];
    const scope = 'scope' in criterion ? criterion.scope : null;
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      // One erasure at a time per tenant: a repeat waits for the first and answers as it did.
      await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`erase:${tenant}`]);
      const done = await client.query(`SELECT 1 FROM ${this.s}.erasures WHERE erasure_id = $1`, [request.erasureId]);
      if (done.rowCount) {
        const { rows } = await client.query<{ subject: string }>(`SELECT subject FROM ${this.s}.subject_keys WHERE erasure_id = $1`, [request.erasureId]);
        await client.query('COMMIT');
        return rows.map((row) => row.subject).sort();
      }
      const { rows } = await client.query<{ subject: string }>(
        `UPDATE ${this.s}.subject_keys
            SET data_key = NULL, erased_at = now(), erasure_id = $4
          WHERE tenant = $1 AND (lookups && $2::text[] OR scope = $3) AND data_key IS NOT NULL
          RETURNING subject`,
        [tenant, lookups, scope, request.erasureId],
      );
      await client.query(
        `INSERT INTO ${this.s}.erasures (erasure_id, tenant, requested_by, reason, criterion, subjects)
         VALUES ($1, $2, $3, $4, $5, $6)`,
        [request.erasureId, tenant, request.requestedBy, request.reason, describe(criterion), rows.length],
      );
      await client.query('COMMIT');
      for (const { subject } of rows) this.sealing.delete(subject);
      return rows.map((row) => row.subject).sort();
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  /** The tenants' lookup secrets; concurrent callers share one fetch (a bulk asks once). */
  private async secretsOf(tenants: readonly string[]): Promise<Map<string, Buffer>> {
    const unknown = tenants.filter((t) => !this.secrets.has(t));
    if (unknown.length > 0) {
      const fetching = (this.fetching ??= this.fetchSecrets(unknown).finally(() => (this.fetching = null)));
      await fetching;
      return this.secretsOf(tenants);
    }
    return new Map(tenants.map((t) => [t, this.secrets.get(t) as Buffer]));
  }

  private async fetchSecrets(unknown: readonly string[]): Promise<void> {
    await this.pool.query(
      `INSERT INTO ${this.s}.tenant_secrets (tenant, secret) SELECT * FROM unnest($1::text[], $2::bytea[]) ON CONFLICT (tenant) DO NOTHING`,
      [unknown, unknown.map(() => randomBytes(DATA_KEY_BYTES))],
    );
    const { rows } = await this.pool.query<{ tenant: string; secret: Buffer }>(`SELECT tenant, secret FROM ${this.s}.tenant_secrets WHERE tenant = ANY($1)`, [
      unknown,
    ]);
    for (const row of rows) this.secrets.set(row.tenant, row.secret);
  }
}
