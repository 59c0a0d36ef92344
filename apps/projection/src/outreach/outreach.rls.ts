/**
 * Row-level security as seed 004 prints it, and what its policies call: auth.jwt() and auth.uid()
 * stand in for the hosted auth service, reading the verified JWT claims the query API sets per
 * transaction (request.jwt.claims); the API reads as the role below, which RLS applies to.
 */
import { apiRoleDdl } from '../shared/rls';

/** The NOLOGIN role the query API switches to: SELECT only, no BYPASSRLS. */
export const OUTREACH_API_ROLE = 'outreach_api';

/** Cluster-wide pieces: the API role and the auth schema the seed's policies call. */
export const authDdl = (): string => `
${apiRoleDdl(OUTREACH_API_ROLE)}
CREATE SCHEMA IF NOT EXISTS auth;
CREATE OR REPLACE FUNCTION auth.jwt() RETURNS jsonb LANGUAGE sql STABLE AS
  $$ SELECT nullif(current_setting('request.jwt.claims', true), '')::jsonb $$;
CREATE OR REPLACE FUNCTION auth.uid() RETURNS uuid LANGUAGE sql STABLE AS
  $$ SELECT (auth.jwt() ->> 'sub')::uuid $$;
GRANT USAGE ON SCHEMA auth TO ${OUTREACH_API_ROLE};
`;

// seed 004: RLS Policies (campaigns) and Migration Scripts → RLS Policies (contacts, engagement).
export const rlsDdl = `
ALTER TABLE campaigns ENABLE ROW LEVEL SECURITY;
ALTER TABLE campaign_contacts ENABLE ROW LEVEL SECURITY;
ALTER TABLE engagement_tracking ENABLE ROW LEVEL SECURITY;

DROP POLICY IF EXISTS campaigns_org_isolation ON campaigns;
CREATE POLICY "campaigns_org_isolation" ON campaigns
  FOR ALL
  USING (org_id = (auth.jwt() ->> 'org_id')::uuid);

DROP POLICY IF EXISTS campaigns_owner_full_access ON campaigns;
CREATE POLICY "campaigns_owner_full_access" ON campaigns
  FOR ALL
  USING (owner_id = auth.uid());

DROP POLICY IF EXISTS campaigns_team_view ON campaigns;
CREATE POLICY "campaigns_team_view" ON campaigns
  FOR SELECT
  USING (
    org_id = (auth.jwt() ->> 'org_id')::uuid
    AND (
      -- TA/Recruiting roles can view all campaigns
      auth.jwt() ->> 'role' IN ('admin', 'ta_manager', 'recruiter')
    )
  );

-- Departure from seed 004: permissive policies are OR'ed, so the owner policy alone let a token
-- of org B whose sub is A's campaign owner read A's campaign. This restrictive policy is AND'ed
-- with all of them: whatever else a policy grants, it is confined to the token's org.
DROP POLICY IF EXISTS campaigns_tenant_boundary ON campaigns;
CREATE POLICY "campaigns_tenant_boundary" ON campaigns
  AS RESTRICTIVE
  FOR ALL
  USING (org_id = (auth.jwt() ->> 'org_id')::uuid);

DROP POLICY IF EXISTS campaign_contacts_via_campaign ON campaign_contacts;
CREATE POLICY campaign_contacts_via_campaign ON campaign_contacts
  FOR ALL USING (
    campaign_id IN (
      SELECT id FROM campaigns WHERE org_id = (auth.jwt() ->> 'org_id')::uuid
    )
  );

DROP POLICY IF EXISTS engagement_tracking_via_contact ON engagement_tracking;
CREATE POLICY engagement_tracking_via_contact ON engagement_tracking
  FOR ALL USING (
    campaign_contact_id IN (
      SELECT cc.id FROM campaign_contacts cc
      JOIN campaigns c ON cc.campaign_id = c.id
      WHERE c.org_id = (auth.jwt() ->> 'org_id')::uuid
    )
  );
`;
