import { CONFIG, PG_POOL, RequireScopes, SCOPES } from '@campaign/runtime';
import { Controller, Get, Inject } from '@nestjs/common';
import type { Pool } from 'pg';
import type { LifecycleConfig } from './lifecycle.config';
import { DATABASE_TABLE_STATS_IN_SCHEMA } from './seed-queries';

/** Each table's and materialized view's size on disk in the schema, partitions one by one. */
const TABLE_SIZES = `
SELECT c.relname AS tablename,
       pg_total_relation_size(c.oid) AS total_bytes,
       pg_relation_size(c.oid) AS table_bytes,
       pg_indexes_size(c.oid) AS index_bytes,
       greatest(c.reltuples, 0)::bigint AS estimated_rows
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
 WHERE n.nspname = $1 AND c.relkind IN ('r', 'm')
 ORDER BY c.relname`;

/**
 * Operators' view of the lifecycle read models' storage (`projection:admin`: it describes the
 * database, not the campaigns).
 */
@Controller('v1/lifecycle/admin')
@RequireScopes(SCOPES.projectionAdmin)
export class LifecycleAdminController {
  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(CONFIG) private readonly config: LifecycleConfig,
  ) {}

  /**
   * seed 002 "Database table sizes", served for this project's lifecycle schema: the seed's own
   * query (pg_stats per column of the campaign% tables: n_distinct, correlation), its 'public'
   * read as the configured schema, under `columns` — filled once the tables were analyzed
   * (autovacuum, or ANALYZE). What its title promises, the sizes, comes beside it under `tables`.
   */
  @Get('table-sizes')
  async tableSizes() {
    const schema = this.config.LIFECYCLE_SCHEMA;
    const [tables, columns] = await Promise.all([this.pool.query(TABLE_SIZES, [schema]), this.pool.query(DATABASE_TABLE_STATS_IN_SCHEMA, [schema])]);
    return {
      schema,
      // bigint arrives as text; these sizes fit a JSON number.
      tables: tables.rows.map((row) => ({
        ...row,
        total_bytes: Number(row.total_bytes),
        table_bytes: Number(row.table_bytes),
        index_bytes: Number(row.index_bytes),
        estimated_rows: Number(row.estimated_rows),
      })),
      columns: columns.rows,
    };
  }
}
