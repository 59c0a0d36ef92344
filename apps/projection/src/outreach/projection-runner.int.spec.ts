import type { EventEnvelope } from '@campaign/contracts';
import { dumpTables } from '@campaign/testing';
import type { Pool } from 'pg';
import { ProjectionRunner } from '../shared/projection-runner';
import { OUTREACH_TABLES } from './outreach.schema';
import { OutreachHistory, threeContactHistory, useOutreachSchemas } from './testing';

const checkpointsOf = async (pool: Pool, schema: string) =>
  (await pool.query(`SELECT stream_id, stream_version FROM ${schema}.projection_checkpoints ORDER BY stream_id`)).rows;

/** Three contacts of one email campaign taken a few steps each, as a list of batches of `size`. */
const batchesOf = (size: number) => {
  const { h, campaignId, contacts } = threeContactHistory();
  const batches: EventEnvelope[][] = [];
  for (let i = 0; i < h.envelopes.length; i += size) batches.push(h.envelopes.slice(i, i + size));
  return { h, campaignId, contacts, batches };
};

describe("ProjectionRunner in rebuild mode (the shadow schema's one writer)", () => {
  const schemas = useOutreachSchemas();
  const { projectionIn } = schemas;
  let pool: Pool;
  beforeAll(() => (pool = schemas.pool()));

  it("keeps checkpoints in memory and writes them once, equal to a live consumer's, so live consumption skips every replayed event", async () => {
    const { h, batches } = batchesOf(4);
    const live = await projectionIn('prr_live');
    for (const batch of batches) await live.runner.applyBatch(batch);
    const shadow = await projectionIn('prr_shadow');
    const rebuilding = new ProjectionRunner(pool, shadow.projection, false);
    for (const batch of batches) expect((await rebuilding.applyBatch(batch)).deadLetters).toEqual([]);
    expect(await checkpointsOf(pool, shadow.schema)).toEqual([]);

    await rebuilding.flushCheckpoints();
    expect(await checkpointsOf(pool, shadow.schema)).toEqual(await checkpointsOf(pool, live.schema));
    const strip = (dump: Record<string, unknown[]>) => JSON.parse(JSON.stringify(dump));
    expect(strip(await dumpTables(pool, shadow.schema, OUTREACH_TABLES))).toEqual(strip(await dumpTables(pool, live.schema, OUTREACH_TABLES)));
    // Taken over by live consumption: redelivered events are recognised and change nothing.
    expect(await shadow.runner.applyBatch(h.envelopes)).toMatchObject({ applied: 0, skipped: h.envelopes.length });
  });

  it('a batch rolled back for a dead letter leaves no kept contact state behind, and the stream waits behind its dead letter', async () => {
    const h = new OutreachHistory().organization();
    const campaignId = h.createCampaign(h.user());
    const [contact] = h.addContacts(campaignId, [{}]);
    h.changeStatus(campaignId, 'active', { startDate: '2026-03-02' }).dispatchRequested(contact);
    const start = h.envelopes.length;
    h.sent(contact).sent(contact);
    const [corrupt, good] = h.envelopes.slice(start);
    // A channel the seed's CHECK (valid_contact_channel) refuses: the event becomes a dead letter.
    const bad = { ...corrupt, data: { ...(corrupt.data as object), channel: 'sms' } };
    const { schema, projection } = await projectionIn('prr_dead');
    const rebuilding = new ProjectionRunner(pool, projection, false);

    await rebuilding.applyBatch(h.envelopes.slice(0, start));
    const contactRow = async () => (await pool.query(`SELECT status, channel FROM ${schema}.campaign_contacts WHERE id = $1`, [contact])).rows;
    const counters = async () => (await pool.query(`SELECT contacts_reached, emails_sent FROM ${schema}.campaigns WHERE id = $1`, [campaignId])).rows;
    const [rowBefore, countersBefore] = [await contactRow(), await counters()];
    expect((await rebuilding.applyBatch([bad])).deadLetters.map((d) => d.event.eventId)).toEqual([bad.eventId]);
    // The contact's next version is not applied out of order: it waits behind the dead letter.
    expect(await rebuilding.applyBatch([good])).toMatchObject({ applied: 0, held: 1, deadLetters: [] });

    expect(await contactRow()).toEqual(rowBefore);
    expect(await counters()).toEqual(countersBefore);
    await rebuilding.flushCheckpoints();
    const { rows } = await pool.query(`SELECT stream_version, held_by FROM ${schema}.projection_checkpoints WHERE stream_id = $1`, [bad.streamId]);
    expect(rows).toEqual([{ stream_version: bad.streamVersion - 1, held_by: bad.eventId }]);
  });
});

describe('ProjectionRunner live: exactly once across a rebalance', () => {
  const schemas = useOutreachSchemas();
  const { projectionIn } = schemas;
  let pool: Pool;
  beforeAll(() => (pool = schemas.pool()));

  it("two consumers that both hold a new stream's batch (an evicted one still running) apply it once", async () => {
    const { h } = batchesOf(100);
    const reference = await projectionIn('prr_once_ref');
    await reference.runner.applyBatch(h.envelopes);
    const target = await projectionIn('prr_once');
    // Each batch waits (up to a second) inside its transaction for the other to get there too:
    // the interleaving a rebalance makes, when an evicted consumer is still mid-batch.
    let arrived = 0;
    const apply = target.projection.applyBatch.bind(target.projection);
    target.projection.applyBatch = async (client, events) => {
      arrived++;
      for (let waited = 0; arrived < 2 && waited < 1_000; waited += 20) await new Promise((resolve) => setTimeout(resolve, 20));
      return apply(client, events);
    };
    const evicted = new ProjectionRunner(pool, target.projection);
    const current = new ProjectionRunner(pool, target.projection);
    const [a, b] = await Promise.all([evicted.applyBatch(h.envelopes), current.applyBatch(h.envelopes)]);
    expect([a.deadLetters, b.deadLetters]).toEqual([[], []]);
    expect(a.applied + b.applied).toBe(h.envelopes.length);
    const strip = (dump: Record<string, unknown[]>) => JSON.parse(JSON.stringify(dump));
    expect(strip(await dumpTables(pool, target.schema, OUTREACH_TABLES))).toEqual(strip(await dumpTables(pool, reference.schema, OUTREACH_TABLES)));
  });
});

describe('ProjectionRunner: code bugs are not data', () => {
  const schemas = useOutreachSchemas();
  const { projectionIn } = schemas;

  it('an error without a SQL code fails the batch (retried, alerted) instead of dead-lettering a correct event', async () => {
    const { h } = batchesOf(100);
    const target = await projectionIn('prr_bug');
    const apply = target.projection.applyBatch.bind(target.projection);
    target.projection.applyBatch = async (client, events) => {
      if (events.some((e) => e.type === 'ContactResponded')) throw new TypeError("Cannot read properties of undefined (reading 'sentiment')");
      return apply(client, events);
    };
    await expect(target.runner.applyBatch(h.envelopes)).rejects.toThrow(TypeError);
    const { rows } = await schemas.pool().query(`SELECT count(*)::int AS n FROM ${target.schema}.projection_dead_letters`);
    expect(rows).toEqual([{ n: 0 }]);
    // Fixed and redelivered: the whole batch applies, nothing was skipped in between.
    target.projection.applyBatch = apply;
    expect(await target.runner.applyBatch(h.envelopes)).toMatchObject({ applied: h.envelopes.length, deadLetters: [] });
  });

  it('an event carrying U+0000 is set aside as a readable dead letter; other streams apply, its stream waits behind it', async () => {
    const { h } = batchesOf(100);
    const target = await projectionIn('prr_nul');
    const index = h.envelopes.findIndex((e) => e.type === 'ContactResponded');
    const poisoned = h.envelopes.map((e, i) => (i === index ? { ...e, data: { ...(e.data as object), responseText: 'yes\u0000please' } } : e));
    const result = await target.runner.applyBatch(poisoned);
    expect(result.deadLetters.map((d) => d.event.eventId)).toEqual([poisoned[index].eventId]);
    const later = poisoned.filter((e, i) => i > index && e.streamId === poisoned[index].streamId).length;
    expect(later).toBeGreaterThan(0);
    expect(result).toMatchObject({ applied: poisoned.length - 1 - later, held: later });
    const { rows } = await schemas.pool().query(`SELECT envelope->'data'->>'responseText' AS content FROM ${target.schema}.projection_dead_letters`);
    expect(rows).toEqual([{ content: 'yes\uFFFDplease' }]);
  });
});
