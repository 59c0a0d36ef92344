import type { Pool } from 'pg';

/**
 * The publishing horizon: a transaction id below which no event can still commit, so a reader
 * of the log that stops there never skips one (ARCHITECTURE.md, "Sequence gaps").
 *
 * Waiting for every transaction older than the snapshot's xmin would be enough, but then any
 * open write transaction in the cluster — a rebuild's CREATE INDEX, a view refresh, an analyst's
 * session — holds publishing back for as long as it stays open. Instead the horizon waits only
 * for event writers, which are recognisable by a rule every writer keeps: a transaction that will
 * append events holds the events table's ROW EXCLUSIVE lock from before it has a transaction id
 * (inEventWritingTransaction takes it as its first statement; a lone INSERT takes it when the
 * statement starts), and keeps it until it ends. A transaction that breaks it — writes elsewhere,
 * then inserts events without having taken the lock first — can be skipped.
 *
 * One statement, with its snapshot S taken before it reads pg_locks:
 * - every transaction id below xmax(S) was assigned before S; one still running then is in
 *   xip(S), and any id assigned later is at least xmax(S);
 * - of the transactions in xip(S), those seen holding the lock (or still waiting for it) are
 *   the event writers still running; the horizon is the least of their ids, or xmax(S);
 * - a writer in xip(S) not seen holding the lock had already ended when pg_locks was read
 *   (PostgreSQL releases locks only after a commit became visible), so the next statement's
 *   snapshot sees its events; a writer that takes the lock later gets an id above the horizon.
 * So every event below the horizon is visible to any later snapshot — a second statement must
 * read them: this one's own snapshot predates the pg_locks read.
 *
 * Relation locks live in pg_locks by virtual transaction; a writer's id is the transactionid
 * lock every transaction holds on its own id (a subtransaction's too: the least is the top
 * level's, which xip lists). The lock is looked for on the events table itself: writers insert
 * through it (were it partitioned, that locks it too). Cost: one round trip that reads the lock
 * table once.
 */
const HORIZON_SQL = `
WITH locks AS MATERIALIZED (
  SELECT locktype, virtualtransaction, transactionid
    FROM pg_locks
   WHERE (locktype = 'relation' AND mode = 'RowExclusiveLock'
          AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
          AND relation = $1::text::regclass)
      OR (locktype = 'transactionid' AND mode = 'ExclusiveLock' AND granted)
), writers AS (
  SELECT x.transactionid FROM locks r JOIN locks x USING (virtualtransaction)
   WHERE r.locktype = 'relation' AND x.locktype = 'transactionid'
)
SELECT least(pg_snapshot_xmax(s),
             (SELECT min(id) FROM pg_snapshot_xip(s) id WHERE id::xid IN (SELECT transactionid FROM writers)))::text AS horizon
  FROM pg_current_snapshot() s`;

/** The horizon (an xid8, as text) for the events table of `table`, a quoted schema name. */
export const publishingHorizon = async (pool: Pool, table: string): Promise<string> => {
  // Named, so each connection plans it once: planning the lock view costs more than running it.
  const { rows } = await pool.query<{ horizon: string }>({ name: 'publishing-horizon', text: HORIZON_SQL, values: [`${table}.events`] });
  return rows[0].horizon;
};
