import { testPool, uniqueSuffix, waitFor } from '@campaign/testing';
import type { Pool } from 'pg';
import { silentLog } from './testing';
import { wakeChannel } from './schema';
import { WakeListener } from './wake-listener';

describe('WakeListener', () => {
  const schema = `timers_${uniqueSuffix()}`;
  let pool: Pool;

  beforeAll(() => {
    pool = testPool(5);
  });
  afterAll(() => pool.end(), 10_000);

  const listeners = async () =>
    Number((await pool.query(`SELECT count(*) FROM pg_stat_activity WHERE query = $1`, [`LISTEN "${wakeChannel(schema)}"`])).rows[0].count);

  it("a NOTIFY on the store's channel wakes the engine", async () => {
    let woken = 0;
    const listener = new WakeListener(pool, schema, () => woken++, silentLog);
    await listener.start();
    try {
      await pool.query('SELECT pg_notify($1, $2)', [wakeChannel(schema), 'scheduled']);
      await waitFor('the wake-up', async () => woken > 0, { timeoutMs: 5_000 });
    } finally {
      await listener.stop();
    }
  });

  it('stop() while start() is still connecting leaves no connection listening or checked out', async () => {
    const listener = new WakeListener(pool, schema, () => undefined, silentLog);
    const starting = listener.start();
    await listener.stop();
    await starting;
    expect(pool.totalCount - pool.idleCount).toBe(0);
    await waitFor('the LISTEN connection to close', async () => (await listeners()) === 0, { timeoutMs: 5_000 });
  });
});
