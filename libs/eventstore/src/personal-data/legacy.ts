import type { Pool } from 'pg';
import { inTransaction, quoteIdent } from '../sql';
import type { NewEvent } from '../types';
import { isSealed } from './cipher';
import type { PersonalData, PersonalDataPolicy } from './personal-data';

const BATCH = 500;

/**
 * Events written before personal data was sealed hold it in clear, and an erasure could not
 * reach them. Once, at start, they are sealed in place, oldest first, in batches — the one
 * rewrite of the log the platform ever does, and it changes no value a reader opens. Progress
 * is kept in the key store (`legacy_sealing`), so a restart resumes; one instance works at a
 * time. Returns how many events were sealed.
 */
export const sealLegacyEvents = async (pool: Pool, eventSchema: string, personalData: PersonalData, policy: PersonalDataPolicy): Promise<number> => {
  const events = `${quoteIdent(eventSchema)}.events`;
  const progress = `${quoteIdent(personalData.keys.schema)}.legacy_sealing`;
  await pool.query(`CREATE TABLE IF NOT EXISTS ${progress} (event_schema TEXT PRIMARY KEY, through BIGINT NOT NULL, done BOOLEAN NOT NULL DEFAULT FALSE)`);
  let sealed = 0;
  for (;;) {
    const outcome = await inTransaction(pool, async (client) => {
      const locked = await client.query<{ ok: boolean }>('SELECT pg_try_advisory_xact_lock(hashtext($1)) AS ok', [`seal-legacy:${eventSchema}`]);
      if (!locked.rows[0].ok) return null;
      await client.query(`INSERT INTO ${progress} (event_schema, through) VALUES ($1, 0) ON CONFLICT DO NOTHING`, [eventSchema]);
      const { rows: marks } = await client.query<{ through: string; done: boolean }>(`SELECT through, done FROM ${progress} WHERE event_schema = $1`, [
        eventSchema,
      ]);
      if (marks[0].done) return null;
      const { rows } = await client.query<{
        global_position: string;
        stream_id: string;
        context: string;
        tenant: string | null;
        event_id: string;
        event_type: string;
        schema_version: number;
        data: unknown;
      }>(
        `SELECT global_position, stream_id, context, tenant, event_id, event_type, schema_version, data FROM ${events}
          WHERE global_position > $1 ORDER BY global_position LIMIT ${BATCH}`,
        [marks[0].through],
      );
      if (rows.length === 0) {
        await client.query(`UPDATE ${progress} SET done = TRUE WHERE event_schema = $1`, [eventSchema]);
        return null;
      }
      let count = 0;
      for (const row of rows) {
        const fields = policy(row.context, row.event_type);
        const data = row.data as Record<string, unknown> | null;
        if (!fields || !data || !fields.fields.some((field) => typeof data[field] === 'string' && !isSealed(data[field]))) continue;
        const event: NewEvent = { eventId: row.event_id, type: row.event_type, schemaVersion: row.schema_version, data };
        const [[resealed]] = await personalData.seal(row.context, row.tenant, [{ streamId: row.stream_id, events: [event] }]);
        await client.query(`UPDATE ${events} SET data = $2 WHERE global_position = $1`, [row.global_position, JSON.stringify(resealed.data)]);
        count += 1;
      }
      await client.query(`UPDATE ${progress} SET through = $2 WHERE event_schema = $1`, [eventSchema, rows[rows.length - 1].global_position]);
      return count;
    });
    if (outcome === null) return sealed;
    sealed += outcome;
  }
};
