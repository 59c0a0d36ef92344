/**
 * The query API reads the orchestration read models as a role that row-level security applies
 * to, with the caller's org published per transaction (`orchestration.org_id`): whatever a query
 * forgets, another org's rows do not exist for it (as ads.rls.ts does for seed 003).
 */
import { quoteIdent } from '@campaign/eventstore';

/** The NOLOGIN role the query API switches to: SELECT only, no BYPASSRLS. */
export const ORCHESTRATION_API_ROLE = 'orchestration_api';

/** The setting that carries the caller's org inside the API's transaction. */
export const ORCHESTRATION_ORG_SETTING = 'orchestration.org_id';

/** Cluster-wide: the API role, and the right of the migrating user to switch to it. */
export const orchestrationApiRoleDdl = (): string => `
DO $$ BEGIN
  CREATE ROLE ${ORCHESTRATION_API_ROLE} NOLOGIN NOBYPASSRLS;
EXCEPTION WHEN duplicate_object THEN NULL;
END $$;
DO $$ BEGIN
  -- A superuser may SET ROLE to anyone; any other owner must be a member of the API role.
  IF NOT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) THEN
    EXECUTE format('GRANT %I TO %I', '${ORCHESTRATION_API_ROLE}', current_user);
  END IF;
EXCEPTION WHEN insufficient_privilege THEN RAISE WARNING 'cannot grant ${ORCHESTRATION_API_ROLE} to %', current_user;
END $$;
`;

/** seed 000's ten tables, each with an org_id. */
const ORG_TABLES = [
  'campaign_strategies',
  'campaign_orchestrators',
  'campaigns',
  'campaign_workflows',
  'campaign_workflow_steps',
  'campaign_content',
  'campaign_content_relationships',
  'campaign_calendar',
  'campaign_analytics',
  'agent_orchestration_performance',
];

export const orchestrationRlsDdl = (schema: string): string => {
  const s = quoteIdent(schema);
  const org = `org_id = nullif(current_setting('${ORCHESTRATION_ORG_SETTING}', true), '')::uuid`;
  return `
GRANT USAGE ON SCHEMA ${s} TO ${ORCHESTRATION_API_ROLE};
GRANT SELECT ON ${ORG_TABLES.map((table) => `${s}.${table}`).join(', ')} TO ${ORCHESTRATION_API_ROLE};
${ORG_TABLES.map(
  (table) => `ALTER TABLE ${s}.${table} ENABLE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS ${table}_org_isolation ON ${s}.${table};
CREATE POLICY ${table}_org_isolation ON ${s}.${table} FOR SELECT USING (${org});`,
).join('\n')}
`;
};
