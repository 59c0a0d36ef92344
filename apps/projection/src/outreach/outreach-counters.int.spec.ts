import type { EventEnvelope } from '@campaign/contracts';
import type { outreach } from '@campaign/domain';
import type { Pool } from 'pg';
import { COUNTERS } from './campaign-counters';
import { COUNTER_DEFINITIONS } from './seed-queries';
import { OutreachHistory, useOutreachSchemas } from './testing';

const RNG_SEED = 20_240_301;

/** mulberry32: a small, fixed-seed PRNG, so a failing history can be replayed exactly. */
const rngFrom = (seed: number) => {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  return { next, chance: (p: number) => next() < p, pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] };
};
type Rng = ReturnType<typeof rngFrom>;
type Step = (h: OutreachHistory) => void;

/**
 * One contact's life as a list of steps, valid per the shared status semantics: sends only from
 * pending, opens and clicks only on email, soft bounces followed by a requeue and a new send,
 * responses only after a send, conversions after a response, unsubscribes at any point after.
 */
const contactLife = (rng: Rng, id: string, channel: outreach.TemplateChannel): Step[] => {
  const steps: Step[] = [];
  if (rng.chance(0.15)) return steps; // stays pending
  steps.push(
    (h) => h.dispatchRequested(id, channel),
    (h) => h.sent(id, channel),
  );
  if (channel === 'email') {
    for (let soft = 0; soft < 3 && rng.chance(0.2); soft++) {
      steps.push(
        (h) => h.bounced(id, { final: false, softBounceCount: soft + 1 }),
        (h) => h.requeued(id, soft + 2),
        (h) => h.sent(id, channel),
      );
    }
    if (rng.chance(0.1)) return [...steps, (h) => h.bounced(id, { final: true })];
    if (rng.chance(0.5)) steps.push((h) => h.opened(id));
    if (rng.chance(0.3)) steps.push((h) => h.clicked(id));
  } else if (rng.chance(0.4)) {
    steps.push((h) => h.viewed(id));
  }
  if (rng.chance(0.08)) return [...steps, (h) => h.unsubscribed(id)];
  if (rng.chance(0.4)) {
    steps.push((h) => h.responded(id, rng.chance(0.7) ? 'Interested' : null));
    if (rng.chance(0.2)) steps.push((h) => h.responded(id, 'Following up'));
    if (rng.chance(0.35)) steps.push((h) => h.converted(id, rng.pick(['phone_screen', 'submission', 'interview'] as const)));
    else if (rng.chance(0.1)) steps.push((h) => h.unsubscribed(id));
  }
  return steps;
};

/** Several campaigns of every channel, their contacts' lives interleaved as the bus would deliver them. */
const randomHistory = (rng: Rng) => {
  const h = new OutreachHistory().organization();
  const owner = h.user('ta_manager');
  const campaigns: string[] = [];
  const lives: Step[][] = [];
  for (const channel of ['email', 'linkedin', 'combined', 'email', 'combined'] as const) {
    const id = h.createCampaign(owner, { channel, isAbTest: false });
    campaigns.push(id);
    const count = 60 + Math.floor(rng.next() * 90);
    const specs = Array.from({ length: count }, () =>
      channel === 'email' || (channel === 'combined' && rng.chance(0.5)) ? {} : { email: null, linkedinUrl: 'https://linkedin.com/in/someone' },
    );
    const contactIds = h.addContacts(id, specs);
    h.changeStatus(id, 'active', { startDate: '2026-03-02' });
    contactIds.forEach((contactId, i) => lives.push(contactLife(rng, contactId, specs[i].email === null ? 'linkedin' : 'email')));
  }
  for (let open = lives.filter((l) => l.length > 0); open.length > 0; open = open.filter((l) => l.length > 0)) {
    (rng.pick(open).shift() as Step)(h);
  }
  return { h, campaigns };
};

/** Batches of random size; a share of earlier events comes again (Kafka redelivery, relay republish). */
const deliveries = (rng: Rng, events: readonly EventEnvelope[]): EventEnvelope[][] => {
  const batches: EventEnvelope[][] = [];
  for (let i = 0; i < events.length; ) {
    const size = 1 + Math.floor(rng.next() * 80);
    const batch = events.slice(i, i + size);
    const redelivered = events.slice(0, i).filter(() => rng.chance(0.02));
    batches.push(rng.chance(0.5) ? [...redelivered, ...batch] : [...batch, ...redelivered]);
    if (rng.chance(0.1)) batches.push(batch);
    i += size;
  }
  return batches;
};

describe('campaign counters (seed 004 Real-time metrics)', () => {
  const schemas = useOutreachSchemas();
  let pool: Pool;
  beforeAll(() => (pool = schemas.pool()));

  it("counters equal the seed's COUNT definitions after a randomized history with redeliveries", async () => {
    process.stdout.write(`outreach counters: RNG seed ${RNG_SEED}\n`);
    const rng = rngFrom(RNG_SEED);
    const { h, campaigns } = randomHistory(rng);
    const { schema, runner } = await schemas.projectionIn('or_counters');
    let redelivered = 0;
    for (const batch of deliveries(rng, h.envelopes)) {
      const result = await runner.applyBatch(batch);
      expect(result.deadLetters).toEqual([]);
      redelivered += result.skipped;
    }
    expect(redelivered).toBeGreaterThan(50);

    const client = await pool.connect();
    try {
      await client.query(`SET search_path TO ${schema}`);
      const kinds = await client.query(`SELECT status, count(*)::int AS n FROM campaign_contacts GROUP BY status`);
      // The history must exercise every status, or the comparison proves little.
      expect(kinds.rows.map((r) => r.status).sort()).toEqual(['bounced', 'converted', 'opened', 'pending', 'responded', 'sent', 'unsubscribed']);
      for (const campaignId of campaigns) {
        const {
          rows: [stored],
        } = await client.query(`SELECT * FROM campaigns WHERE id = $1`, [campaignId]);
        const expected: Record<string, number> = {};
        for (const counter of COUNTERS) {
          const {
            rows: [{ count }],
          } = await client.query(COUNTER_DEFINITIONS[counter], [campaignId]);
          expected[counter] = Number(count);
        }
        const actual = Object.fromEntries(COUNTERS.map((counter) => [counter, stored[counter]]));
        expect({ campaignId, ...actual }).toEqual({ campaignId, ...expected });
        // seed 004 update_campaign_response_rate
        const rate = expected.contacts_reached > 0 ? Math.round((expected.responses_received / expected.contacts_reached) * 10_000) / 100 : 0;
        expect(Number(stored.response_rate)).toBeCloseTo(rate, 2);
      }
      const totals = await client.query(
        `SELECT sum(linkedin_messages_sent)::int AS li, sum(emails_sent)::int AS em, sum(conversions)::int AS cv FROM campaigns`,
      );
      expect(totals.rows[0].li).toBeGreaterThan(0);
      expect(totals.rows[0].em).toBeGreaterThan(0);
      expect(totals.rows[0].cv).toBeGreaterThan(0);
    } finally {
      await client.query('RESET search_path');
      client.release();
    }
  }, 120_000);
});
