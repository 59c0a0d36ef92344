/**
 * The query API reads the commerce read models (seed 001) as a role that row-level security
 * applies to, with the caller's org published per transaction (`commerce.org_id`): whatever a
 * query forgets, another org's rows do not exist for it (as orchestration.rls.ts does for seed 000).
 *
 * PostgreSQL has no row-level security on materialized views, so the API role gets none of the
 * three (commerce.views.ts): it reads each through a security-barrier view, `org_<view>`, that
 * keeps the org's rows only. Such a view reads its materialized view with its owner's rights
 * (the migrating user), so the role needs SELECT on the `org_` views alone.
 */
import { quoteIdent } from '@campaign/eventstore';
import { apiRoleDdl, orgIsolationDdl } from '../shared/rls';
import { COMMERCE_TABLES } from './commerce.schema';
import { COMMERCE_VIEWS } from './commerce.views';

/** The NOLOGIN role the query API switches to: SELECT only, no BYPASSRLS. */
export const COMMERCE_API_ROLE = 'commerce_api';

/** The setting that carries the caller's org inside the API's transaction. */
export const COMMERCE_ORG_SETTING = 'commerce.org_id';

/** Cluster-wide: the API role, and the right of the migrating user to switch to it. */
export const commerceApiRoleDdl = (): string => apiRoleDdl(COMMERCE_API_ROLE);

/** seed 001's tables, each with an org_id; the tombstones hold every org's ids and are not the API's to read. */
const ORG_TABLES = COMMERCE_TABLES.map(({ table }) => table).filter((table) => table !== 'projection_tombstones');

/** The org-confined view over a materialized view, the only way the API reads it. */
export const orgViewOf = (view: (typeof COMMERCE_VIEWS)[number]): string => `org_${view}`;

const orgViewsDdl = (s: string): string =>
  COMMERCE_VIEWS.map(
    (view) => `CREATE OR REPLACE VIEW ${s}.${orgViewOf(view)} WITH (security_barrier) AS
SELECT * FROM ${s}.${view} WHERE org_id = nullif(current_setting('${COMMERCE_ORG_SETTING}', true), '')::uuid;`,
  ).join('\n');

/**
 * Per schema, after commerceDdl (the tables and materialized views must exist): the grants, one
 * policy per table and the org views. Idempotent; run it under the schema's migration lock.
 */
export const commerceRlsDdl = (schema: string): string => {
  const s = quoteIdent(schema);
  return `
GRANT USAGE ON SCHEMA ${s} TO ${COMMERCE_API_ROLE};
-- The partitioned tables are granted on the parent only: their partitions are read through it, under its policy.
GRANT SELECT ON ${ORG_TABLES.map((table) => `${s}.${table}`).join(', ')} TO ${COMMERCE_API_ROLE};
${orgIsolationDdl(schema, COMMERCE_ORG_SETTING, ORG_TABLES)}
${orgViewsDdl(s)}
GRANT SELECT ON ${COMMERCE_VIEWS.map((view) => `${s}.${orgViewOf(view)}`).join(', ')} TO ${COMMERCE_API_ROLE};
`;
};
