/**
 * The query API reads the ads read models as a role that row-level security applies to, with the
 * caller's org published per transaction (`ads.org_id`): whatever a query forgets, another org's
 * rows do not exist for it (as outreach.rls.ts does for seed 004).
 */
import { quoteIdent } from '@campaign/eventstore';
import { apiRoleDdl, orgIsolationDdl } from '../shared/rls';

/** The NOLOGIN role the query API switches to: SELECT only, no BYPASSRLS. */
export const ADS_API_ROLE = 'ads_api';

/** The setting that carries the caller's org inside the API's transaction. */
export const ADS_ORG_SETTING = 'ads.org_id';

/** Cluster-wide: the API role, and the right of the migrating user to switch to it. */
export const adsApiRoleDdl = (): string => apiRoleDdl(ADS_API_ROLE);

/** The tables with an org_id; campaign_metrics has none and is reached through campaigns. */
const ORG_TABLES = ['campaigns', 'ad_accounts', 'ai_recommendations', 'budget_allocations', 'ai_actions_log', 'alerts'];

export const adsRlsDdl = (schema: string): string => {
  const s = quoteIdent(schema);
  return `
GRANT USAGE ON SCHEMA ${s} TO ${ADS_API_ROLE};
GRANT SELECT ON ALL TABLES IN SCHEMA ${s} TO ${ADS_API_ROLE};
-- The bookkeeping holds every org's events: not the API's to read.
REVOKE SELECT ON ${s}.projection_checkpoints, ${s}.projection_dead_letters FROM ${ADS_API_ROLE};
${orgIsolationDdl(schema, ADS_ORG_SETTING, ORG_TABLES)}
`;
};
