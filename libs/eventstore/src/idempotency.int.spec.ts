import { randomUUID } from 'node:crypto';
import { testPool, uniqueSuffix } from '@campaign/testing';
import type { Pool } from 'pg';
import { CommandExecutor, type Executed } from './command-executor';
import { PostgresEventStore } from './event-store';
import { commandKey, IDEMPOTENCY_KEY_REUSED } from './idempotency';
import { type NoteWritten, notesDecider, noteStreamId, type WriteNote, writeNote } from './testing';

describe('idempotency keys: scoped by context and tenant, bound to the request they were first used for', () => {
  let pool: Pool;
  let store: PostgresEventStore;
  let executor: CommandExecutor<WriteNote, NoteWritten, number>;
  const schema = `es_${uniqueSuffix()}`;

  beforeAll(async () => {
    pool = testPool(10);
    store = new PostgresEventStore(pool, schema);
    await store.migrate();
    executor = new CommandExecutor(store, notesDecider, { context: 'notes', schemaVersionOf: () => 1 });
  });
  afterAll(async () => {
    await pool.query(`DROP SCHEMA ${schema} CASCADE`);
    await pool.end();
  });

  const versionOf = async (org: string, noteId: string) => (await store.readStream(noteStreamId(org, noteId))).version;
  const byTenant = (x: { tenant: string }, y: { tenant: string }) => (x.tenant < y.tenant ? -1 : 1);
  const eventsOfKey = async (commandId: string) =>
    (await pool.query(`SELECT tenant, stream_id FROM ${schema}.events WHERE command_id = $1`, [commandId])).rows.sort(byTenant);
  const recordOf = (org: string, commandId: string) => store.findProcessed(commandKey('notes', org, commandId));

  it('another tenant sending the same key runs its own command and sees nothing of the first', async () => {
    const [orgA, orgB, key] = [randomUUID(), randomUUID(), randomUUID()];
    const a = await executor.execute(writeNote(orgA, 'n1', 'from A', key));
    const b = await executor.execute(writeNote(orgB, 'n1', 'from B', key));
    expect(b).toEqual({
      outcome: { status: 'ACCEPTED', commandId: key, streamId: noteStreamId(orgB, 'n1'), streamVersion: 1, eventIds: expect.any(Array) },
      duplicate: false,
    });
    expect(JSON.stringify(b)).not.toContain(orgA);
    expect(await versionOf(orgB, 'n1')).toBe(1);
    expect(await eventsOfKey(key)).toEqual(
      [
        { tenant: orgA, stream_id: noteStreamId(orgA, 'n1') },
        { tenant: orgB, stream_id: noteStreamId(orgB, 'n1') },
      ].sort(byTenant),
    );
    expect((await recordOf(orgA, key))?.outcome).toEqual(a.outcome);
    // Each tenant's repeat gets its own first outcome.
    expect(await executor.execute(writeNote(orgA, 'n1', 'from A', key))).toEqual({ outcome: a.outcome, duplicate: true });
    expect(await executor.execute(writeNote(orgB, 'n1', 'from B', key))).toEqual({ outcome: b.outcome, duplicate: true });
  });

  it('the same key with the same request gets the first outcome; with another request it is refused and nothing is written', async () => {
    const [org, key] = [randomUUID(), randomUUID()];
    const first = await executor.execute(writeNote(org, 'n1', 'hello', key));
    // Another instant, actor and correlation: still the same request.
    expect(await executor.execute(writeNote(org, 'n1', 'hello', key, 'user:2'))).toEqual({ outcome: first.outcome, duplicate: true });

    const otherText = await executor.execute(writeNote(org, 'n1', 'changed', key));
    const otherStream = await executor.execute(writeNote(org, 'n2', 'hello', key));
    for (const refused of [otherText, otherStream]) {
      expect(refused.duplicate).toBe(false);
      expect(refused.outcome).toMatchObject({ status: 'REJECTED', commandId: key, code: IDEMPOTENCY_KEY_REUSED });
      expect(refused.outcome.status === 'REJECTED' && refused.outcome.message).toMatch(/already used for a different request/);
    }
    expect(await versionOf(org, 'n1')).toBe(1);
    expect(await versionOf(org, 'n2')).toBe(0);
    expect(await eventsOfKey(key)).toEqual([{ tenant: org, stream_id: noteStreamId(org, 'n1') }]);
    expect(await recordOf(org, key)).toEqual({ outcome: first.outcome, fingerprint: expect.stringMatching(/^[0-9a-f]{64}$/) });
    // The original request is still answered as before.
    expect(await executor.execute(writeNote(org, 'n1', 'hello', key))).toEqual({ outcome: first.outcome, duplicate: true });
  });

  it('a key first used for a rejected request is refused for another request, not answered with the rejection', async () => {
    const [org, key] = [randomUUID(), randomUUID()];
    const rejected = await executor.execute(writeNote(org, 'n1', '', key));
    expect(rejected.outcome).toMatchObject({ status: 'REJECTED', code: 'NOTE_EMPTY' });
    expect(await executor.execute(writeNote(org, 'n1', '', key))).toEqual({ outcome: rejected.outcome, duplicate: true });
    expect((await executor.execute(writeNote(org, 'n1', 'now with text', key))).outcome).toMatchObject({ code: IDEMPOTENCY_KEY_REUSED });
    expect(await versionOf(org, 'n1')).toBe(0);
    expect((await recordOf(org, key))?.outcome).toEqual(rejected.outcome);
  });

  describe('inside one group-commit batch', () => {
    const statusOf = (executed: Executed) => (executed.outcome.status === 'ACCEPTED' ? 'ACCEPTED' : executed.outcome.code);

    it('a command reusing a key is refused alone; its neighbours land', async () => {
      const org = randomUUID();
      const used = randomUUID();
      const first = await executor.execute(writeNote(org, 'used', 'first', used));
      const [racing, otherOrg, sharedWithOther] = [randomUUID(), randomUUID(), randomUUID()];
      const innocents = Array.from({ length: 60 }, (_, i) => writeNote(org, `i${i}`, `text ${i}`));
      const commands = [
        ...innocents.slice(0, 30),
        writeNote(org, 'used', 'second', used),
        writeNote(org, 'used', 'first', used),
        writeNote(org, 'race-1', 'one', racing),
        writeNote(org, 'race-2', 'two', racing),
        writeNote(org, 'shared', 'mine', sharedWithOther),
        writeNote(otherOrg, 'shared', 'theirs', sharedWithOther),
        ...innocents.slice(30),
      ];
      const results = await Promise.all(commands.map((command) => executor.execute(command)));

      expect(results.slice(0, 30).concat(results.slice(36)).map(statusOf)).toEqual(innocents.map(() => 'ACCEPTED'));
      for (const command of innocents) expect(await versionOf(org, command.data.noteId)).toBe(1);
      expect(statusOf(results[30])).toBe(IDEMPOTENCY_KEY_REUSED);
      expect(results[31]).toEqual({ outcome: first.outcome, duplicate: true });
      expect(await versionOf(org, 'used')).toBe(1);
      // Two requests racing with one key: one lands, the other is refused and writes nothing.
      expect([statusOf(results[32]), statusOf(results[33])].sort()).toEqual(['ACCEPTED', IDEMPOTENCY_KEY_REUSED]);
      expect((await versionOf(org, 'race-1')) + (await versionOf(org, 'race-2'))).toBe(1);
      expect(await eventsOfKey(racing)).toHaveLength(1);
      // Two tenants with one key: both land.
      expect([results[34], results[35]].map(statusOf)).toEqual(['ACCEPTED', 'ACCEPTED']);
      expect([await versionOf(org, 'shared'), await versionOf(otherOrg, 'shared')]).toEqual([1, 1]);
    });
  });
});
