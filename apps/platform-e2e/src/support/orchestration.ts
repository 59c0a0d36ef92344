import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import { type Answer, call } from './http';
import { tokenFor } from './outreach';
import type { Platform } from './platform';

/** The agent types the diamond names: the reference agent serves these and no other (AGENT_TYPES). */
export const SERVED_AGENT_TYPES = ['planner', 'writer', 'researcher', 'social', 'newsletter'];
/** A type no agent serves: a step of it stays dispatched until its timeout. */
export const UNSERVED_AGENT_TYPE = 'illustrator';

// seed 000 "Workflow execution status", as printed.
export const SEED_WORKFLOW_EXECUTION_STATUS = `SELECT cw.*, COUNT(cws.id) as total_steps, 
       COUNT(cws.id) FILTER (WHERE cws.status = 'completed') as completed_steps
FROM campaign_workflows cw
LEFT JOIN campaign_workflow_steps cws ON cw.id = cws.workflow_id
WHERE cw.campaign_id = $1
GROUP BY cw.id
ORDER BY cw.created_at DESC;`;

// seed 000 "Content within campaign", as printed.
export const SEED_CONTENT_WITHIN_CAMPAIGN = `SELECT cc.*, ca.views, ca.conversions
FROM campaign_content cc
LEFT JOIN campaign_analytics ca ON cc.id = ca.content_id
WHERE cc.campaign_id = $1
AND cc.is_active = true
ORDER BY cc.created_at DESC;`;

/** Short timers keep the scenario within seconds: a retry waits 500 ms, an attempt may run 8 s. */
const step = (key: string, agentType: string, dependsOn: string[], input: Record<string, unknown> = {}) => ({
  key,
  name: `The ${key}`,
  agent_type: agentType,
  depends_on: dependsOn,
  timeout_ms: 8_000,
  max_attempts: 3,
  backoff: { initial_delay_ms: 500, multiplier: 2, max_delay_ms: 2_000 },
  input,
});

/**
 * brief → (draft, research) → article → (social, newsletter): the article is derived from the
 * draft and the social post from the article (content derived twice); research fails its first
 * attempt on purpose (the reference agent's `failAttempts`) and succeeds on the retry.
 */
export const diamondTemplate = () => [
  step('brief', 'planner', []),
  step('draft', 'writer', ['brief'], { produce: { title: 'Spring launch draft' } }),
  step('research', 'researcher', ['brief'], { failAttempts: 1, qualityScore: 0.75, output: { sources: 3 } }),
  step('article', 'writer', ['draft', 'research'], { produce: { title: 'Spring launch article', derivedFromStep: 'draft' } }),
  step('social', 'social', ['article'], {
    produce: { title: 'Spring launch post', platform: 'linkedin', contentType: 'social_post', derivedFromStep: 'article' },
  }),
  step('newsletter', 'newsletter', ['article'], {
    produce: { title: 'Spring launch newsletter', platform: 'email', contentType: 'newsletter', derivedFromStep: 'article' },
  }),
];

/** A revision whose first step no agent takes: a workflow started on it keeps running (for a minute). */
export const heldTemplate = () => [{ ...step('illustrate', UNSERVED_AGENT_TYPE, []), timeout_ms: 60_000 }];

type App = 'campaign-command' | 'projection' | 'analytics-ingest';

/** One person of an org (seed 000 roles: viewer reads, editor writes campaigns and content, admin also orchestrators). */
export class OrchestrationMember {
  readonly token: string;

  constructor(
    private readonly platform: Platform,
    readonly orgId: string,
    readonly role: 'viewer' | 'editor' | 'admin',
  ) {
    this.token = tokenFor(orgId, randomUUID(), role);
  }

  private call(app: App, method: string, path: string, body?: unknown): Promise<Answer> {
    return call(method, `${this.platform.url(app)}/v1/orchestration${path}`, this.token, body);
  }

  command(method: 'POST' | 'PATCH' | 'DELETE', path: string, body: unknown = {}): Promise<Answer> {
    return this.call('campaign-command', method, path, body);
  }

  query(path: string): Promise<Answer> {
    return this.call('projection', 'GET', path);
  }

  pushAnalytics(rows: unknown[]): Promise<Answer> {
    return this.call('analytics-ingest', 'POST', '/analytics', rows);
  }
}

/** Runs `sql` on the platform's orchestration read models, as the seed prints it (search_path on the schema). */
export const readModelQuery = async <R extends Record<string, unknown>>(db: Pool, platform: Platform, sql: string, params: unknown[] = []): Promise<R[]> => {
  const client = await db.connect();
  try {
    await client.query(`SET search_path TO ${platform.env.ORCHESTRATION_SCHEMA}`);
    return (await client.query<R>(sql, params)).rows;
  } finally {
    await client.query('RESET search_path');
    client.release();
  }
};
