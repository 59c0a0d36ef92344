import type { Pool, PoolClient } from 'pg';
import { inTransaction } from './sql';
import { StreamOrderConflict } from './types';

/** How often a transaction that lost the stream-order race is run again before giving up. */
const ORDER_ATTEMPTS = 5;

/**
 * Runs `work`, which appends events (insertEvents) among other writes, in one transaction that
 * every reader of the log can account for:
 * - it first takes the events table's ROW EXCLUSIVE lock, before it has a transaction id, so the
 *   relay's publishing horizon (readCommitted) sees it as an event writer while it is open and
 *   waits for it — and only for such writers, not for every write transaction in the cluster;
 * - when an append finds a stream's previous event written by a transaction with a later id
 *   (StreamOrderConflict: this one began before that one and would be published first), the
 *   whole transaction runs again with a new, later id. `work` must therefore be safe to re-run.
 * `eventsTable` is the quoted event store schema.
 */
export const inEventWritingTransaction = async <T>(pool: Pool, eventsTable: string, work: (client: PoolClient) => Promise<T>): Promise<T> => {
  for (let attempt = 1; ; attempt++) {
    try {
      return await inTransaction(pool, work, `BEGIN; LOCK TABLE ${eventsTable}.events IN ROW EXCLUSIVE MODE`);
    } catch (error) {
      if (!(error instanceof StreamOrderConflict) || attempt >= ORDER_ATTEMPTS) throw error;
    }
  }
};
