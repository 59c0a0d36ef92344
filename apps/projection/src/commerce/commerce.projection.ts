import type { EventEnvelope } from '@campaign/contracts';
import { inLongTransaction, migrateInTransaction } from '@campaign/eventstore';
import type { Pool, PoolClient } from 'pg';
import type { RebuildableProjection } from '../shared/rebuild';
import type { CommerceEnvelope } from './commerce.events';
import { moreRowsToPartition } from './commerce-more.tables';
import { commerceApiRoleDdl, commerceRlsDdl } from './commerce.rls';
import { commerceDdl } from './commerce.schema';
import { ensureCommercePartitions, type PartitionedRow, refreshCommerceViewsSql } from './commerce.views';
import { CommerceWriter } from './commerce.writer';

/** The tables the materialized views read (commerce.views.ts): a change to one makes them stale. */
export const VIEW_SOURCES: ReadonlySet<string> = new Set([
  'agents',
  'products',
  'product_variants',
  'inventory',
  'customers',
  'orders',
  'order_items',
  'customer_interactions',
  'transactions',
  'revenue_attribution',
  'tasks',
]);

/** The transactions rows a batch writes, by the partition (transaction_date's month) they fall in. */
const transactionRowsOf = (events: readonly EventEnvelope[]): PartitionedRow[] =>
  (events as readonly CommerceEnvelope[]).flatMap((event): PartitionedRow[] => {
    if (event.type === 'OrderPaid') return [{ table: 'transactions', at: event.data.paidAt }];
    if (event.type === 'OrderRefunded') return [{ table: 'transactions', at: event.data.refundedAt }];
    if (event.type === 'ExpenseRecorded') return [{ table: 'transactions', at: event.data.transactionDate }];
    return [];
  });

/** The commerce context's read models (seed 001) as one projection over one schema (commerce.writer.ts). */
export class CommerceProjection implements RebuildableProjection {
  readonly context = 'commerce';
  private readonly writer: CommerceWriter;

  constructor(readonly schema: string) {
    this.writer = new CommerceWriter(schema);
  }

  /** Creates the schema if missing; serialised across processes by an advisory lock. */
  async migrate(pool: Pool): Promise<void> {
    await migrateInTransaction(pool, async (client) => {
      // The query API's role is the cluster's, shared by every commerce schema (rebuilds included).
      await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', ['migrate:commerce-api-role']);
      await client.query(commerceApiRoleDdl());
      await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`migrate:${this.schema}`]);
      await client.query(commerceDdl(this.schema));
      // After the tables and views: their policies and the API's org-filtered views of the views.
      await client.query(commerceRlsDdl(this.schema));
    });
  }

  /**
   * seed 001 "Partition Large Tables": the months of the batch's transactions, made before the
   * batch's transaction (making a partition locks the parent table).
   */
  async prepare(pool: Pool, events: readonly EventEnvelope[]): Promise<void> {
    const rows = [...transactionRowsOf(events), ...moreRowsToPartition(events)];
    if (rows.length > 0) await ensureCommercePartitions(pool, this.schema, rows);
  }

  /** True when a table the materialized views read changed. */
  async applyBatch(client: PoolClient, events: readonly EventEnvelope[]): Promise<boolean> {
    const changed = await this.writer.applyBatch(client, events as readonly CommerceEnvelope[]);
    return [...changed].some((table) => VIEW_SOURCES.has(table));
  }

  /** seed 001 "Materialized Views": refreshed CONCURRENTLY, readers keep the old rows meanwhile. */
  async refreshViews(pool: Pool): Promise<void> {
    // Exempt from the pool's statement timeout: a refresh grows with the data.
    await inLongTransaction(pool, (client) => client.query(refreshCommerceViewsSql(this.schema)));
  }
}
