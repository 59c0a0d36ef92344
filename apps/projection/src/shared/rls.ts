/**
 * Row-level security for the query API: each context's API reads as a NOLOGIN role that RLS
 * applies to, with the caller's org published per transaction, so whatever a query forgets,
 * another org's rows do not exist for it.
 */
import { quoteIdent } from '@campaign/eventstore';

/** Cluster-wide: the API role (SELECT only, no BYPASSRLS), and the right of the migrating user to switch to it. */
export const apiRoleDdl = (role: string): string => `
DO $$ BEGIN
  CREATE ROLE ${role} NOLOGIN NOBYPASSRLS;
EXCEPTION WHEN duplicate_object THEN NULL;
END $$;
DO $$ BEGIN
  -- A superuser may SET ROLE to anyone; any other owner must be a member of the API role.
  IF NOT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) THEN
    EXECUTE format('GRANT %I TO %I', '${role}', current_user);
  END IF;
EXCEPTION WHEN insufficient_privilege THEN RAISE WARNING 'cannot grant ${role} to %', current_user;
END $$;
`;

/** One policy per table: its rows are those whose org_id is the org in `setting` (none when unset). */
export const orgIsolationDdl = (schema: string, setting: string, tables: readonly string[]): string => {
  const s = quoteIdent(schema);
  const org = `org_id = nullif(current_setting('${setting}', true), '')::uuid`;
  return tables
    .map(
      (table) => `ALTER TABLE ${s}.${table} ENABLE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS ${table}_org_isolation ON ${s}.${table};
CREATE POLICY ${table}_org_isolation ON ${s}.${table} FOR SELECT USING (${org});`,
    )
    .join('\n');
};
