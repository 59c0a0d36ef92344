import { randomUUID } from 'node:crypto';
import { testPool, uniqueSuffix } from '@campaign/testing';
import type { Pool } from 'pg';
import { acceptedOn, testMetadata } from '../testing';
import { PostgresEventStore } from '../event-store';
import type { AppendMetadata, NewEvent } from '../types';
import { isSealed } from './cipher';
import { sealLegacyEvents } from './legacy';
import { PersonalDataKeys } from './keys';
import { PersonalData, type PersonalFields } from './personal-data';

const TENANT = 'org-a';
const POLICY: Record<string, PersonalFields> = {
  Added: { fields: ['email', 'name'], identifiers: { email: 'email' }, scope: 'campaignId' },
  Replied: { fields: ['text'], scope: 'campaignId' },
};

const metadata = (tenant = TENANT): AppendMetadata => testMetadata(tenant);
const added = (email: string, campaignId: string, name = 'Pat Doe'): NewEvent => ({
  eventId: randomUUID(),
  type: 'Added',
  schemaVersion: 1,
  data: { email, name, campaignId, company: 'Acme' },
});
const replied = (text: string, campaignId: string): NewEvent => ({ eventId: randomUUID(), type: 'Replied', schemaVersion: 1, data: { text, campaignId } });

describe('personal data sealed in the event store, erased by deleting its key', () => {
  let pool: Pool;
  let keys: PersonalDataKeys;
  let store: PostgresEventStore;
  const suffix = uniqueSuffix();
  const schema = `es_pd_${suffix}`;

  beforeAll(async () => {
    pool = testPool(10);
    keys = new PersonalDataKeys(pool, `privacy_${suffix}`);
    await keys.migrate();
    store = new PostgresEventStore(pool, schema, new PersonalData(keys, (_context, type) => POLICY[type]));
    await store.migrate();
  });
  afterAll(async () => {
    await pool.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE; DROP SCHEMA IF EXISTS privacy_${suffix} CASCADE`);
    await pool.end();
  });

  const append = async (streamId: string, events: NewEvent[], tenant = TENANT) => {
    const { version } = await store.readStream(streamId);
    await store.append(streamId, version, events, metadata(tenant), acceptedOn(streamId));
  };
  const storedData = async (streamId: string) =>
    (
      await pool.query<{ data: Record<string, unknown> }>(`SELECT data FROM ${schema}.events WHERE stream_id = $1 ORDER BY stream_version`, [streamId])
    ).rows.map((r) => r.data);
  const everything = async () => (await pool.query<{ dump: string }>(`SELECT string_agg(data::text, ' ') AS dump FROM ${schema}.events`)).rows[0].dump ?? '';

  it('personal fields are stored sealed; a command reading its stream sees them opened; other fields stay readable', async () => {
    const stream = `contact-${randomUUID()}`;
    const campaignId = randomUUID();
    await append(stream, [added('pat@person.test', campaignId), replied('Happy to talk on Monday', campaignId)]);
    const [stored, reply] = await storedData(stream);
    expect(isSealed(stored.email)).toBe(true);
    expect(isSealed(stored.name)).toBe(true);
    expect(isSealed(reply.text)).toBe(true);
    expect(stored.company).toBe('Acme');
    expect(stored.campaignId).toBe(campaignId);
    expect(await everything()).not.toContain('pat@person.test');
    const { events } = await store.readStream(stream);
    expect(events.map((e) => e.data)).toEqual([
      { email: 'pat@person.test', name: 'Pat Doe', campaignId, company: 'Acme' },
      { text: 'Happy to talk on Monday', campaignId },
    ]);
  });

  it('erasing a person by email deletes the keys of every stream that named them; the events then open as null', async () => {
    const [first, second, other] = [`contact-${randomUUID()}`, `contact-${randomUUID()}`, `contact-${randomUUID()}`];
    await append(first, [added('Sam@Person.test', randomUUID(), 'Sam One')]);
    await append(second, [added('sam@person.test ', randomUUID(), 'Sam Two')]);
    await append(other, [added('kim@person.test', randomUUID(), 'Kim')]);
    const erased = await keys.erase({
      erasureId: randomUUID(),
      tenant: TENANT,
      criterion: { identifiers: [{ kind: 'email', value: 'sam@person.test' }] },
      requestedBy: 'user:admin',
      reason: 'request',
    });
    expect(erased).toEqual([first, second].sort());
    for (const stream of [first, second]) {
      const { events } = await store.readStream(stream);
      expect(events[0].data).toMatchObject({ email: null, name: null, company: 'Acme' });
    }
    expect((await store.readStream(other)).events[0].data).toMatchObject({ email: 'kim@person.test', name: 'Kim' });
  });

  it('a later fact about an erased person is written without their values (never in clear)', async () => {
    const stream = `contact-${randomUUID()}`;
    const campaignId = randomUUID();
    await append(stream, [added('lee@person.test', campaignId)]);
    await keys.erase({
      erasureId: randomUUID(),
      tenant: TENANT,
      criterion: { identifiers: [{ kind: 'email', value: 'lee@person.test' }] },
      requestedBy: 'u',
      reason: 'r',
    });
    await append(stream, [replied('Call me at 555-0100', campaignId)]);
    expect((await storedData(stream))[1].text).toBeNull();
    expect(await everything()).not.toContain('555-0100');
  });

  it('another tenant cannot erase (or find) a person of this tenant', async () => {
    const stream = `contact-${randomUUID()}`;
    await append(stream, [added('ana@person.test', randomUUID())]);
    const erased = await keys.erase({
      erasureId: randomUUID(),
      tenant: 'org-b',
      criterion: { identifiers: [{ kind: 'email', value: 'ana@person.test' }] },
      requestedBy: 'u',
      reason: 'r',
    });
    expect(erased).toEqual([]);
    expect((await store.readStream(stream)).events[0].data).toMatchObject({ email: 'ana@person.test' });
  });

  // seed 004: Data Privacy — "Campaign data retained for 2 years": retention erases a campaign's subjects.
  it('retention erases every subject of one campaign and nothing of another', async () => {
    const [expired, kept] = [randomUUID(), randomUUID()];
    const streams = [`contact-${randomUUID()}`, `contact-${randomUUID()}`, `contact-${randomUUID()}`];
    await append(streams[0], [added('a@person.test', expired)]);
    await append(streams[1], [added('b@person.test', expired)]);
    await append(streams[2], [added('c@person.test', kept)]);
    const erased = await keys.erase({
      erasureId: randomUUID(),
      tenant: TENANT,
      criterion: { scope: expired },
      requestedBy: 'service:timers',
      reason: 'retention',
    });
    expect(erased).toEqual([streams[0], streams[1]].sort());
    expect((await store.readStream(streams[2])).events[0].data).toMatchObject({ email: 'c@person.test' });
  });

  it('repeating an erasure answers the same subjects and erases nothing more', async () => {
    const erasureId = randomUUID();
    const stream = `contact-${randomUUID()}`;
    await append(stream, [added('rae@person.test', randomUUID())]);
    const request = { erasureId, tenant: TENANT, criterion: { identifiers: [{ kind: 'email', value: 'rae@person.test' }] }, requestedBy: 'u', reason: 'r' };
    const first = await keys.erase(request);
    const later = `contact-${randomUUID()}`;
    await append(later, [added('rae@person.test', randomUUID())]);
    expect(await keys.erase(request)).toEqual(first);
    expect((await store.readStream(later)).events[0].data).toMatchObject({ email: 'rae@person.test' });
    const audit = await pool.query(`SELECT requested_by, reason, criterion, subjects FROM privacy_${suffix}.erasures WHERE erasure_id = $1`, [erasureId]);
    expect(audit.rows).toEqual([{ requested_by: 'u', reason: 'r', criterion: 'identifiers email', subjects: 1 }]);
  });

  it('events written before sealing existed are sealed in place once, and erasure then reaches them', async () => {
    const legacySchema = `es_legacy_${suffix}`;
    const legacy = new PostgresEventStore(pool, legacySchema);
    await legacy.migrate();
    const stream = `contact-${randomUUID()}`;
    const campaignId = randomUUID();
    await legacy.append(stream, 0, [added('old@person.test', campaignId, 'Olde Name'), replied('old reply text', campaignId)], metadata(), acceptedOn(stream));
    const dump = async () => (await pool.query<{ dump: string }>(`SELECT string_agg(data::text, ' ') AS dump FROM ${legacySchema}.events`)).rows[0].dump;
    expect(await dump()).toContain('old@person.test');
    const personalData = new PersonalData(keys, (_context, type) => POLICY[type]);
    expect(await sealLegacyEvents(pool, legacySchema, personalData, (_context, type) => POLICY[type])).toBe(2);
    expect(await sealLegacyEvents(pool, legacySchema, personalData, (_context, type) => POLICY[type])).toBe(0);
    expect(await dump()).not.toMatch(/old@person\.test|Olde Name|old reply text/);
    const sealedStore = new PostgresEventStore(pool, legacySchema, personalData);
    expect((await sealedStore.readStream(stream)).events.map((e) => e.data)).toEqual([
      { email: 'old@person.test', name: 'Olde Name', campaignId, company: 'Acme' },
      { text: 'old reply text', campaignId },
    ]);
    await keys.erase({
      erasureId: randomUUID(),
      tenant: TENANT,
      criterion: { identifiers: [{ kind: 'email', value: 'old@person.test' }] },
      requestedBy: 'u',
      reason: 'r',
    });
    expect((await sealedStore.readStream(stream)).events.map((e) => e.data)).toEqual([
      { email: null, name: null, campaignId, company: 'Acme' },
      { text: null, campaignId },
    ]);
    await pool.query(`DROP SCHEMA ${legacySchema} CASCADE`);
  });
});
