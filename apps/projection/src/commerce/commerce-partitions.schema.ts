/**
 * seed 001 "Partition Large Tables": the monthly partitions of workflow_executions (created_at),
 * transactions (transaction_date) and system_events (created_at), months in UTC. Each table has
 * a DEFAULT partition, so a row of a month not made yet is still stored; making that month
 * later moves such rows into it (ensureCommercePartitions, commerce.views.ts, is the caller).
 */

/** The partitioned tables and the column each is partitioned by. */
export const PARTITION_KEYS = {
  workflow_executions: 'created_at',
  transactions: 'transaction_date',
  system_events: 'created_at',
} as const;

export type PartitionedTable = keyof typeof PARTITION_KEYS;

const keyCases = Object.entries(PARTITION_KEYS)
  .map(([table, key]) => `WHEN '${table}' THEN '${key}'`)
  .join(' ');

/**
 * `ensure_monthly_partition(target_schema, parent, at)` makes `<parent>_yYYYYmMM` for the month
 * `at` falls in and returns its name. The schema is an argument, not baked in, so the function
 * keeps working after a rebuild renames the schema (shared/rebuild.ts).
 *
 * Rows the DEFAULT partition caught for that month must leave it first (PostgreSQL refuses the
 * new partition otherwise). Deleting them would cascade to the rows referencing them (tasks,
 * revenue_attribution), so those are set aside too and put back once the partition exists;
 * a referencing table whose rule is not CASCADE, or which is referenced itself, is refused
 * rather than moved half-way.
 */
export const partitionsDdl = (s: string): string => `
CREATE OR REPLACE FUNCTION ${s}.ensure_monthly_partition(target_schema TEXT, parent TEXT, at TIMESTAMPTZ)
RETURNS TEXT LANGUAGE plpgsql AS $fn$
DECLARE
    key TEXT := CASE parent ${keyCases} END;
    month_start TIMESTAMP := date_trunc('month', at AT TIME ZONE 'UTC');
    lower_bound TIMESTAMPTZ := month_start AT TIME ZONE 'UTC';
    upper_bound TIMESTAMPTZ := (month_start + INTERVAL '1 month') AT TIME ZONE 'UTC';
    part TEXT := parent || '_y' || to_char(month_start, 'YYYY') || 'm' || to_char(month_start, 'MM');
    in_month TEXT;
    caught BOOLEAN;
    fk RECORD;
    saved TEXT[] := '{}';
    children REGCLASS[] := '{}';
    columns TEXT;
BEGIN
    IF key IS NULL THEN
        RAISE EXCEPTION 'not a partitioned commerce table: %', parent;
    END IF;
    IF to_regclass(format('%I.%I', target_schema, part)) IS NOT NULL THEN
        RETURN part;
    END IF;
    -- CREATE ... PARTITION OF takes this lock anyway; taken first, it orders concurrent callers
    -- (the second then sees the first one's partition) and keeps new rows out of the default.
    EXECUTE format('LOCK TABLE %I.%I IN ACCESS EXCLUSIVE MODE', target_schema, parent);
    IF to_regclass(format('%I.%I', target_schema, part)) IS NOT NULL THEN
        RETURN part;
    END IF;
    in_month := format('%I >= %L AND %I < %L', key, lower_bound, key, upper_bound);
    EXECUTE format('SELECT EXISTS (SELECT 1 FROM %I.%I WHERE %s)', target_schema, parent || '_default', in_month) INTO caught;
    IF caught THEN
        EXECUTE format('CREATE TEMP TABLE commerce_moved ON COMMIT DROP AS SELECT * FROM %I.%I WHERE %s',
                       target_schema, parent || '_default', in_month);
        FOR fk IN
            SELECT c.conrelid::regclass AS child, c.confdeltype AS rule,
                   (SELECT string_agg(format('r.%I = m.%I', a.attname, b.attname), ' AND ')
                      FROM unnest(c.conkey, c.confkey) AS k(ck, pk)
                      JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.ck
                      JOIN pg_attribute b ON b.attrelid = c.confrelid AND b.attnum = k.pk) AS matches
              FROM pg_constraint c
             WHERE c.contype = 'f' AND c.conparentid = 0 AND c.confrelid = format('%I.%I', target_schema, parent)::regclass
        LOOP
            IF fk.rule <> 'c' OR EXISTS (SELECT 1 FROM pg_constraint g WHERE g.contype = 'f' AND g.confrelid = fk.child) THEN
                RAISE EXCEPTION 'cannot move %.% rows of % out of the default partition: % references them', target_schema, parent, lower_bound, fk.child;
            END IF;
            saved := saved || ('commerce_moved_' || cardinality(saved));
            children := children || fk.child;
            EXECUTE format('CREATE TEMP TABLE %I ON COMMIT DROP AS SELECT r.* FROM %s r JOIN commerce_moved m ON %s',
                           saved[cardinality(saved)], fk.child, fk.matches);
        END LOOP;
        EXECUTE format('DELETE FROM %I.%I WHERE %s', target_schema, parent || '_default', in_month);
    END IF;
    EXECUTE format('CREATE TABLE %I.%I PARTITION OF %I.%I FOR VALUES FROM (%L) TO (%L)',
                   target_schema, part, target_schema, parent, lower_bound, upper_bound);
    IF caught THEN
        columns := (SELECT string_agg(quote_ident(attname), ', ' ORDER BY attnum) FROM pg_attribute
                     WHERE attrelid = format('%I.%I', target_schema, parent)::regclass AND attnum > 0 AND NOT attisdropped AND attgenerated = '');
        EXECUTE format('INSERT INTO %I.%I (%s) SELECT %s FROM commerce_moved', target_schema, parent, columns, columns);
        FOR i IN 1 .. cardinality(saved) LOOP
            columns := (SELECT string_agg(quote_ident(attname), ', ' ORDER BY attnum) FROM pg_attribute
                         WHERE attrelid = children[i] AND attnum > 0 AND NOT attisdropped AND attgenerated = '');
            EXECUTE format('INSERT INTO %s (%s) SELECT %s FROM %I', children[i], columns, columns, saved[i]);
            EXECUTE format('DROP TABLE %I', saved[i]);
        END LOOP;
        DROP TABLE commerce_moved;
    END IF;
    RETURN part;
END
$fn$;
`;

/** The current and next month of each partitioned table, made with the schema (`schema`: its plain name). */
export const currentPartitionsDdl = (s: string, schema: string): string => `
SELECT ${s}.ensure_monthly_partition('${schema}', t, m)
  FROM unnest(ARRAY[${Object.keys(PARTITION_KEYS)
    .map((t) => `'${t}'`)
    .join(', ')}]) AS t,
       unnest(ARRAY[CURRENT_TIMESTAMP, date_trunc('month', CURRENT_TIMESTAMP AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' + INTERVAL '32 days']) AS m
 ORDER BY t, m;
`;
