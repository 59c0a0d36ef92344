import { randomUUID } from 'node:crypto';
import { testPool, uniqueSuffix } from '@campaign/testing';
import type { Pool } from 'pg';
import { CommandExecutor } from './command-executor';
import { PostgresEventStore } from './event-store';
import { commandKey } from './idempotency';
import { notesDecider, noteStreamId, type WriteNote, writeNote } from './testing';

/** The tables as they were when a command id alone was the key. */
const oldDdl = (schema: string) => `
CREATE SCHEMA ${schema};
CREATE TABLE ${schema}.events (
  global_position BIGSERIAL NOT NULL, transaction_id XID8 NOT NULL DEFAULT pg_current_xact_id(), event_id UUID NOT NULL,
  context TEXT NOT NULL, stream_id TEXT NOT NULL, stream_version INTEGER NOT NULL CHECK (stream_version > 0),
  event_type TEXT NOT NULL, schema_version INTEGER NOT NULL, data JSONB NOT NULL, occurred_at TIMESTAMPTZ NOT NULL,
  correlation_id TEXT NOT NULL, causation_id TEXT, actor TEXT NOT NULL, tenant TEXT, command_id TEXT,
  PRIMARY KEY (stream_id, stream_version), UNIQUE (event_id)
);
CREATE TABLE ${schema}.processed_commands (
  command_id TEXT PRIMARY KEY, context TEXT NOT NULL, stream_id TEXT NOT NULL, result JSONB NOT NULL,
  processed_at TIMESTAMPTZ NOT NULL DEFAULT now()
);`;

describe('processed_commands: migrated in place, pruned after the idempotency window', () => {
  let pool: Pool;
  const schemas: string[] = [];

  const freshSchema = () => {
    const schema = `es_${uniqueSuffix()}`;
    schemas.push(schema);
    return schema;
  };
  const executorOn = (store: PostgresEventStore) => new CommandExecutor(store, notesDecider, { context: 'notes', schemaVersionOf: () => 1 });

  beforeAll(() => {
    pool = testPool(10);
  });
  afterAll(async () => {
    for (const schema of schemas) await pool.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await pool.end();
  });

  it('a database keyed by command id alone is migrated on start-up, and its recorded commands still deduplicate for their own tenant', async () => {
    const schema = freshSchema();
    const [orgA, orgB, accepted, rejected, lifecycleKey] = [randomUUID(), randomUUID(), randomUUID(), randomUUID(), randomUUID()];
    const stream = noteStreamId(orgA, 'n1');
    const acceptedOutcome = { status: 'ACCEPTED', commandId: accepted, streamId: stream, streamVersion: 1, eventIds: [randomUUID()] };
    const rejectedOutcome = { status: 'REJECTED', commandId: rejected, streamId: stream, code: 'NOTE_EMPTY', message: 'a note needs text', details: {} };
    await pool.query(oldDdl(schema));
    await pool.query(
      `INSERT INTO ${schema}.events (event_id, context, stream_id, stream_version, event_type, schema_version, data, occurred_at, correlation_id, actor, tenant, command_id)
       VALUES ($1, 'notes', $2, 1, 'NoteWritten', 1, '{"text":"hello"}', now(), $3, 'user:1', $4, $3)`,
      [acceptedOutcome.eventIds[0], stream, accepted, orgA],
    );
    await pool.query(
      `INSERT INTO ${schema}.processed_commands (command_id, context, stream_id, result)
       VALUES ($1, 'notes', $2, $3), ($4, 'notes', $2, $5), ($6, 'lifecycle', 'campaign-x', $7)`,
      [accepted, stream, acceptedOutcome, rejected, rejectedOutcome, lifecycleKey, { ...acceptedOutcome, commandId: lifecycleKey }],
    );

    // Two processes starting at once, then a restart.
    const store = new PostgresEventStore(pool, schema);
    await Promise.all([store.migrate(), new PostgresEventStore(pool, schema).migrate()]);
    await store.migrate();

    const executor = executorOn(store);
    expect(await executor.execute(writeNote(orgA, 'n1', 'hello', accepted))).toEqual({ outcome: acceptedOutcome, duplicate: true });
    expect(await executor.execute(writeNote(orgA, 'n1', '', rejected))).toEqual({ outcome: rejectedOutcome, duplicate: true });
    expect((await store.readStream(stream)).version).toBe(1);
    expect(await store.findProcessed(commandKey('lifecycle', null, lifecycleKey))).toEqual({
      outcome: { ...acceptedOutcome, commandId: lifecycleKey },
      fingerprint: null,
    });
    // The old key is org A's now, not everyone's.
    expect(await executor.execute(writeNote(orgB, 'n1', 'hello', accepted))).toMatchObject({
      outcome: { status: 'ACCEPTED', streamId: noteStreamId(orgB, 'n1') },
      duplicate: false,
    });
  });

  it('prunes in batches only the keys older than the window; a pruned key is a new command again', async () => {
    const store = new PostgresEventStore(pool, freshSchema());
    await store.migrate();
    const executor = executorOn(store);
    const org = randomUUID();
    const commands = Array.from({ length: 6 }, (_, i) => writeNote(org, `n${i}`, `text ${i}`));
    for (const command of commands) await executor.execute(command);
    const age = async (days: number, command: WriteNote) =>
      pool.query(`UPDATE ${store.schema}.processed_commands SET processed_at = now() - make_interval(days => $1) WHERE command_id = $2`, [
        days,
        command.metadata.commandId,
      ]);
    await Promise.all([8, 8, 8, 30, 6, 0].map((days, i) => age(days, commands[i])));

    expect(await store.pruneProcessedCommands(undefined, 2)).toBe(4);
    const remembered = async () => {
      const { rows } = await pool.query(`SELECT command_id FROM ${store.schema}.processed_commands`);
      return rows.map((row) => row.command_id).sort();
    };
    expect(await remembered()).toEqual([commands[4], commands[5]].map((c) => c.metadata.commandId).sort());
    expect(await store.pruneProcessedCommands(new Date(Date.now() - 5 * 86_400_000), 10)).toBe(1);
    expect(await remembered()).toEqual([commands[5].metadata.commandId]);

    expect(await executor.execute(commands[5])).toMatchObject({ duplicate: true });
    expect(await executor.execute(commands[0])).toMatchObject({ outcome: { status: 'ACCEPTED', streamVersion: 2 }, duplicate: false });
  });
});
