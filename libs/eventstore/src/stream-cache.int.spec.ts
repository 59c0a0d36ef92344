import { randomUUID } from 'node:crypto';
import { testPool, uniqueSuffix } from '@campaign/testing';
import type { Pool } from 'pg';
import { acceptedOn, testMetadata } from './testing';
import { PostgresEventStore } from './event-store';
import { commandKey } from './idempotency';
import { PersonalData, PersonalDataKeys, type PersonalFields, sealLegacyEvents } from './personal-data';
import type { AppendMetadata, NewEvent } from './types';

const TENANT = 'org-a';
const POLICY: Record<string, PersonalFields> = { Added: { fields: ['email'], identifiers: { email: 'email' } } };
const policy = (_context: string, type: string) => POLICY[type];

const metadata = (): AppendMetadata => testMetadata(TENANT);
const noted = (text: string): NewEvent => ({ eventId: randomUUID(), type: 'Noted', schemaVersion: 1, data: { text } });
const added = (email: string): NewEvent => ({ eventId: randomUUID(), type: 'Added', schemaVersion: 1, data: { email, company: 'Acme' } });

describe('streams held in memory by the command side (stream-cache.ts)', () => {
  let pool: Pool;
  let keys: PersonalDataKeys;
  const suffix = uniqueSuffix();
  const schema = `es_cache_${suffix}`;

  beforeAll(async () => {
    pool = testPool(6);
    keys = new PersonalDataKeys(pool, `privacy_cache_${suffix}`);
    await keys.migrate();
    await new PostgresEventStore(pool, schema).migrate();
  });
  afterAll(async () => {
    await pool.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE; DROP SCHEMA IF EXISTS privacy_cache_${suffix} CASCADE`);
    await pool.end();
  });

  const erase = (email: string) =>
    keys.erase({ erasureId: randomUUID(), tenant: TENANT, criterion: { identifiers: [{ kind: 'email', value: email }] }, requestedBy: 'u', reason: 'r' });
  const load = (store: PostgresEventStore, streamId: string, alsoReads: string[] = []) =>
    store.load(streamId, commandKey('test', TENANT, randomUUID()), alsoReads);

  it("another writer's appends to a held stream are seen by the next load, whole and in order", async () => {
    const reader = new PostgresEventStore(pool, schema);
    const writer = new PostgresEventStore(pool, schema);
    const catalog = `catalog-${randomUUID()}`;
    await writer.append(catalog, 0, [noted('one'), noted('two')], metadata(), acceptedOn(catalog));
    expect((await load(reader, `order-${randomUUID()}`, [catalog])).alsoRead.map((e) => e.data)).toEqual([{ text: 'one' }, { text: 'two' }]);
    await writer.append(catalog, 2, [noted('three')], metadata(), acceptedOn(catalog));
    const { alsoRead } = await load(reader, `order-${randomUUID()}`, [catalog]);
    expect(alsoRead.map((e) => [e.streamVersion, e.data])).toEqual([
      [1, { text: 'one' }],
      [2, { text: 'two' }],
      [3, { text: 'three' }],
    ]);
    const own = await load(reader, catalog);
    expect(own.version).toBe(3);
    await expect(reader.append(catalog, own.version, [noted('four')], metadata(), acceptedOn(catalog))).resolves.toMatchObject({ streamVersion: 4 });
  });

  it('a held stream with sealed personal data opens as null once the person is erased', async () => {
    const store = new PostgresEventStore(pool, schema, new PersonalData(keys, policy));
    const contact = `contact-${randomUUID()}`;
    await store.append(contact, 0, [added('kim@person.test')], metadata(), acceptedOn(contact));
    expect((await load(store, contact)).events[0].data).toEqual({ email: 'kim@person.test', company: 'Acme' });
    await erase('kim@person.test');
    expect((await load(store, contact)).events[0].data).toEqual({ email: null, company: 'Acme' });
  });

  it('an event still holding personal data in clear is never held: once sealed in place and erased, it opens as null', async () => {
    const legacySchema = `es_cache_legacy_${suffix}`;
    const legacy = new PostgresEventStore(pool, legacySchema);
    await legacy.migrate();
    const contact = `contact-${randomUUID()}`;
    await legacy.append(contact, 0, [added('old@person.test')], metadata(), acceptedOn(contact));
    const personalData = new PersonalData(keys, policy);
    const store = new PostgresEventStore(pool, legacySchema, personalData);
    expect((await load(store, contact)).events[0].data).toEqual({ email: 'old@person.test', company: 'Acme' });
    expect(await sealLegacyEvents(pool, legacySchema, personalData, policy)).toBe(1);
    await erase('old@person.test');
    expect((await load(store, contact)).events[0].data).toEqual({ email: null, company: 'Acme' });
    await pool.query(`DROP SCHEMA ${legacySchema} CASCADE`);
  });
});
