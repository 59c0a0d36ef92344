import { randomUUID } from 'node:crypto';
import type { ads } from '@campaign/domain';
import { testPool, uniqueSuffix } from '@campaign/testing';
import { TimerStore } from '@campaign/timers';
import type { Pool } from 'pg';
import { adsCommandOf } from './ads-command';
import { adsTimersDdl } from './ads.schema';
import { type AdsEventRecord, AdsTimerPlanner } from './ads-timers.policy';

const MINUTE = 60_000;

describe('the ads timer policy, planned by TimerPlanner on PostgreSQL', () => {
  const schema = `atimers_${uniqueSuffix()}`;
  let pool: Pool;
  let store: TimerStore<ads.AdsTimerType>;
  let planner: AdsTimerPlanner;
  const orgId = randomUUID();

  beforeAll(async () => {
    pool = testPool(4);
    store = new TimerStore(pool, { schema, ddl: adsTimersDdl });
    await store.migrate();
    planner = new AdsTimerPlanner(store, 2_000, 7 * 24 * 60 * MINUTE, 3_000);
  });
  afterAll(async () => {
    await pool.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await pool.end();
  });

  const account = () => {
    const accountId = randomUUID();
    let version = 0;
    const record = (event: ads.AdAccountEvent, causationId: string | null = null): AdsEventRecord => ({
      eventId: randomUUID(),
      streamId: `ads-account-${accountId}`,
      streamVersion: ++version,
      occurredAt: new Date().toISOString(),
      causationId,
      event,
    });
    const base = { accountId, platform: 'google', platformAccountId: `pa-${accountId}` };
    return {
      accountId,
      connected: (connectedAt: string) =>
        record({ type: 'AdAccountConnected', data: { ...base, orgId, name: 'Acme', currency: 'EUR', timeZone: 'UTC', connectedAt } }),
      requested: (requestedAt: string, causationId: string | null = null) =>
        record(
          { type: 'AdAccountSyncRequested', data: { ...base, orgId, syncId: randomUUID(), requestedAt, windowStart: requestedAt, windowEnd: requestedAt } },
          causationId,
        ),
      disconnected: () => record({ type: 'AdAccountDisconnected', data: { accountId, disconnectedAt: new Date().toISOString() } }),
    };
  };

  const active = async (subjectId: string) =>
    (await pool.query(`SELECT id, timer_type, due_at, status, payload FROM ${schema}.timers WHERE campaign_id = $1`, [subjectId])).rows;
  const cancelled = async (subjectId: string) =>
    (await pool.query(`SELECT timer_type FROM ${schema}.timer_history WHERE campaign_id = $1 AND status = 'CANCELLED'`, [subjectId])).rows;

  // seed 003 data flow: "15min sync" — each connected account is synced every 15 minutes.
  it('sync timer every 15 minutes: connecting sets a sync at once, each request the next 15 minutes later', async () => {
    const a = account();
    const t0 = Date.parse('2026-05-01T12:00:00.000Z');
    await planner.apply([a.connected(new Date(t0).toISOString())]);
    expect(await active(a.accountId)).toEqual([
      expect.objectContaining({ timer_type: 'SYNC_AD_ACCOUNT', due_at: new Date(t0), payload: expect.objectContaining({ orgId, subjectId: a.accountId }) }),
    ]);
    await planner.apply([a.requested(new Date(t0 + 100).toISOString())]);
    expect(await active(a.accountId)).toEqual([expect.objectContaining({ timer_type: 'SYNC_AD_ACCOUNT', due_at: new Date(t0 + 100 + 15 * MINUTE) })]);
  });

  it('sync timer every 15 minutes: the request a firing sync caused waits for that timer to finish, then sets the next', async () => {
    const a = account();
    const connectedAt = new Date().toISOString();
    await planner.apply([a.connected(connectedAt)]);
    const [firing] = await active(a.accountId);
    await pool.query(`UPDATE ${schema}.timers SET status = 'RUNNING', lease_owner = 'test', lease_until = now() + interval '1 minute' WHERE id = $1`, [
      firing.id,
    ]);
    // The firing finishes 300 ms after the event arrived (its command result was slower than the event).
    setTimeout(() => void pool.query(`DELETE FROM ${schema}.timers WHERE id = $1`, [firing.id]), 300);
    const requestedAt = new Date().toISOString();
    const result = await planner.apply([a.requested(requestedAt, `timer-${firing.id}`)]);
    expect(result).toMatchObject({ scheduled: 1, refused: 0 });
    expect(await active(a.accountId)).toEqual([
      expect.objectContaining({ timer_type: 'SYNC_AD_ACCOUNT', due_at: new Date(Date.parse(requestedAt) + 15 * MINUTE) }),
    ]);
  });

  it('sync timer cancelled on disconnect', async () => {
    const a = account();
    await planner.apply([a.connected(new Date().toISOString()), a.requested(new Date().toISOString())]);
    await planner.apply([a.disconnected()]);
    expect(await active(a.accountId)).toEqual([]);
    expect(await cancelled(a.accountId)).toContainEqual({ timer_type: 'SYNC_AD_ACCOUNT' });
  });

  it('a due sync sends RequestAdAccountSync in the account org, named by the timer', async () => {
    const a = account();
    await planner.apply([a.connected(new Date().toISOString())]);
    const [timer] = await active(a.accountId);
    const command = adsCommandOf({ id: timer.id, timerType: 'SYNC_AD_ACCOUNT', payload: timer.payload } as never, '2026-05-01T12:00:00.000Z');
    expect(command).toEqual({
      key: `ads-account-${a.accountId}`,
      envelope: expect.objectContaining({
        commandId: `timer-${timer.id}`,
        type: 'RequestAdAccountSync',
        context: 'ads',
        tenant: orgId,
        data: { accountId: a.accountId, syncId: timer.id, windowDays: null },
      }),
    });
  });

  it('an action awaiting approval expires at expiresAt unless approved', async () => {
    const actionId = randomUUID();
    let version = 10;
    const record = (event: ads.AdActionTimerEvent): AdsEventRecord => ({
      eventId: randomUUID(),
      streamId: `ads-automation-${orgId}`,
      streamVersion: ++version,
      occurredAt: new Date().toISOString(),
      causationId: null,
      event,
    });
    const expiresAt = '2026-05-02T12:00:00.000Z';
    await planner.apply([
      record({ type: 'AdActionRequested', data: { actionId, orgId } }),
      record({ type: 'AdActionAwaitingApproval', data: { actionId, expiresAt } }),
    ]);
    expect(await active(actionId)).toEqual([expect.objectContaining({ timer_type: 'EXPIRE_AD_ACTION', due_at: new Date(expiresAt) })]);
    await planner.apply([record({ type: 'AdActionApproved', data: { actionId } })]);
    expect(await active(actionId)).toEqual([]);
  });
});
