import { testPool } from '@campaign/testing';
import type { Pool } from 'pg';
import { migrateInTransaction } from './sql';

const pgError = (code: string) => Object.assign(new Error(`pg ${code}`), { code });

describe('migrateInTransaction (real PostgreSQL)', () => {
  let pool: Pool;
  beforeAll(() => (pool = testPool(2)));
  afterAll(() => pool.end());

  it('runs set-up again when it was chosen as a deadlock victim', async () => {
    let runs = 0;
    await migrateInTransaction(pool, async (client) => {
      runs += 1;
      await client.query('SELECT 1');
      if (runs === 1) throw pgError('40P01');
    });
    expect(runs).toBe(2);
  });

  it('does not retry any other error, and gives up after the last attempt', async () => {
    let runs = 0;
    await expect(
      migrateInTransaction(pool, async () => {
        runs += 1;
        throw pgError('42P01');
      }),
    ).rejects.toThrow('pg 42P01');
    expect(runs).toBe(1);
    runs = 0;
    await expect(
      migrateInTransaction(
        pool,
        async () => {
          runs += 1;
          throw pgError('40P01');
        },
        3,
      ),
    ).rejects.toThrow('pg 40P01');
    expect(runs).toBe(3);
  });
});
