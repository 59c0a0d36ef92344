import { randomUUID } from 'node:crypto';
import { inTransaction, quoteIdent } from '@campaign/eventstore';
import { testPool, uniqueSuffix } from '@campaign/testing';
import type { Pool } from 'pg';
import { timersDdl } from './schema';
import type { TimerEventBatch, TimerEventLog } from './timer-events';
import { TimerPlanner } from './timer-planner';
import type { PlannedRecord, PolicyDecision, TimerPolicy } from './timer-policy';
import { TimerStore } from './timer-store';

/** A made-up context: a subject is opened (a reminder is set), closed (it is cancelled), or refused. */
interface ToyRecord extends PlannedRecord {
  readonly subjectId: string;
  readonly kind: 'open' | 'close' | 'refuse' | 'noise';
}
type ToyView = { readonly open: boolean; readonly opened: number };

const DUE = '2099-01-01T00:00:00.000Z';
const decide = (view: ToyView | null, record: ToyRecord): PolicyDecision<ToyView> => {
  const opened = view?.opened ?? 0;
  if (record.kind === 'open')
    return { view: { open: true, opened: opened + 1 }, cancel: [], schedule: [{ timerType: 'REMIND', dueAt: DUE, payload: { opened: opened + 1 } }] };
  if (record.kind === 'close' && view) return { view: { open: false, opened }, cancel: [{ timerType: 'REMIND', reason: 'closed' }], schedule: [] };
  if (record.kind === 'refuse') return { view: view ?? { open: false, opened }, cancel: [], schedule: [{ timerType: 'REMIND', refused: 'not now' }] };
  return { view: null, cancel: [], schedule: [] };
};

const toyDdl = (schema: string) => `${timersDdl(schema)}
CREATE TABLE IF NOT EXISTS ${quoteIdent(schema)}.subjects (
  subject_id UUID PRIMARY KEY, view JSONB NOT NULL, stream_version INTEGER NOT NULL, updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);`;

/** A log that keeps the batches it is given, in memory. */
const recordingLog = (): TimerEventLog & { batches: TimerEventBatch[] } => {
  const batches: TimerEventBatch[] = [];
  return {
    batches,
    transaction: (pool, work) => inTransaction(pool, work),
    append: async (_client, more) => void batches.push(...more),
    streamOf: async () => ({ version: 0, scheduledPayload: null }),
  };
};

describe("TimerPlanner driven by a context's policy", () => {
  const schema = `toy_timers_${uniqueSuffix()}`;
  let pool: Pool;
  const log = recordingLog();
  const policyOf = (extra: Partial<TimerPolicy<ToyRecord, ToyView>> = {}): TimerPolicy<ToyRecord, ToyView> => ({
    subjectOf: (record) => ({ table: 'subjects', key: 'subject_id', id: record.subjectId }),
    decide,
    ...extra,
  });
  let planner: TimerPlanner<ToyRecord, ToyView>;

  beforeAll(async () => {
    pool = testPool(4);
    const store = new TimerStore(pool, { schema, ddl: toyDdl, events: log });
    await store.migrate();
    planner = new TimerPlanner(store, policyOf(), 2_000);
  });
  afterAll(async () => {
    await pool.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await pool.end();
  });

  const subject = (subjectId = randomUUID()) => {
    let version = 0;
    return (kind: ToyRecord['kind'], streamVersion = ++version): ToyRecord => ({
      eventId: randomUUID(),
      streamId: `toy-${subjectId}`,
      streamVersion,
      occurredAt: new Date().toISOString(),
      subjectId,
      kind,
    });
  };
  const timersOf = async (id: string) => (await pool.query(`SELECT timer_type, payload FROM ${schema}.timers WHERE campaign_id = $1`, [id])).rows;

  it('stores the timers the policy asks for, records a TimerScheduled fact for each, and a redelivered event changes nothing', async () => {
    const next = subject();
    const opened = next('open');
    expect(await planner.apply([opened])).toEqual({ scheduled: 1, cancelled: 0, refused: 0, skipped: 0 });
    expect(await planner.apply([opened])).toEqual({ scheduled: 0, cancelled: 0, refused: 0, skipped: 1 });
    expect(await timersOf(opened.subjectId)).toEqual([{ timer_type: 'REMIND', payload: { opened: 1 } }]);
    const facts = log.batches.filter((b) => b.campaignId === opened.subjectId);
    expect(facts).toMatchObject([
      {
        afterVersion: 0,
        correlationId: opened.eventId,
        causationId: opened.eventId,
        events: [{ type: 'TimerScheduled', data: { timerType: 'REMIND', scheduledAt: DUE } }],
      },
    ]);
  });

  it('cancels the pending timers the policy names, keeping the reason in the history', async () => {
    const next = subject();
    const opened = next('open');
    await planner.apply([opened, next('close')]);
    expect(await timersOf(opened.subjectId)).toEqual([]);
    const { rows } = await pool.query(`SELECT status, result FROM ${schema}.timer_history WHERE campaign_id = $1`, [opened.subjectId]);
    expect(rows).toEqual([{ status: 'CANCELLED', result: { reason: 'closed' } }]);
  });

  it('keeps refused timers, and a second active timer of one type, in the dead letters', async () => {
    const next = subject();
    const first = next('open');
    expect(await planner.apply([first, next('open'), next('refuse')])).toEqual({ scheduled: 1, cancelled: 0, refused: 2, skipped: 0 });
    const { rows } = await pool.query(`SELECT reason FROM ${schema}.dead_letters WHERE campaign_id = $1 ORDER BY id`, [first.subjectId]);
    expect(rows.map((r) => r.reason)).toEqual([`an active REMIND timer already exists for campaign ${first.subjectId}`, 'not now']);
  });

  it('remembers a subject from its first view only, unless the policy remembers every subject', async () => {
    const noise = subject()('noise');
    await planner.apply([noise]);
    const remembered = async (id: string) => (await pool.query(`SELECT stream_version FROM ${schema}.subjects WHERE subject_id = $1`, [id])).rows;
    expect(await remembered(noise.subjectId)).toEqual([]);
    const everyone = new TimerPlanner(new TimerStore(pool, { schema, events: log }), policyOf({ remembersEverySubject: true }), 2_000);
    await everyone.apply([noise]);
    expect(await remembered(noise.subjectId)).toEqual([{ stream_version: 0 }]);
  });

  it('applies the events the policy says were missed first, in order, before the one that arrived', async () => {
    const next = subject();
    const [opened, closed] = [next('open'), next('close')];
    const missed = jest.fn(async (_client: unknown, record: ToyRecord, applied: number) => (record.streamVersion === 2 && applied === 0 ? [opened] : []));
    const catchingUp = new TimerPlanner(new TimerStore(pool, { schema, events: log }), policyOf({ remembersEverySubject: true, missed }), 2_000);
    expect(await catchingUp.apply([closed])).toEqual({ scheduled: 1, cancelled: 1, refused: 0, skipped: 0 });
    expect(await timersOf(opened.subjectId)).toEqual([]);
  });
});
