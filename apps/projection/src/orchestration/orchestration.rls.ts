/**
 * The query API reads the orchestration read models as a role that row-level security applies
 * to, with the caller's org published per transaction (`orchestration.org_id`): whatever a query
 * forgets, another org's rows do not exist for it (as ads.rls.ts does for seed 003).
 */
import { quoteIdent } from '@campaign/eventstore';
import { apiRoleDdl, orgIsolationDdl } from '../shared/rls';

/** The NOLOGIN role the query API switches to: SELECT only, no BYPASSRLS. */
export const ORCHESTRATION_API_ROLE = 'orchestration_api';

/** The setting that carries the caller's org inside the API's transaction. */
export const ORCHESTRATION_ORG_SETTING = 'orchestration.org_id';

/** Cluster-wide: the API role, and the right of the migrating user to switch to it. */
export const orchestrationApiRoleDdl = (): string => apiRoleDdl(ORCHESTRATION_API_ROLE);

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
  return `
GRANT USAGE ON SCHEMA ${s} TO ${ORCHESTRATION_API_ROLE};
GRANT SELECT ON ${ORG_TABLES.map((table) => `${s}.${table}`).join(', ')} TO ${ORCHESTRATION_API_ROLE};
${orgIsolationDdl(schema, ORCHESTRATION_ORG_SETTING, ORG_TABLES)}
`;
};
