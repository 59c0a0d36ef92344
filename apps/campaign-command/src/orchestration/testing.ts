/** Test helpers of the orchestration doors' specs; production code never imports this. */
import { orchestration } from '@campaign/domain';
import { signJwt } from '@campaign/runtime';
import { type Actor, type Answer, call, type CommandApp, TEST_JWT_SECRET } from '../testing';

export { newOrg, type Org } from '../testing';

/** An agent's token bound to an org: org_id and scope orchestration:agent, no role. */
export const agentToken = (orgId: string, scopes = ['orchestration:agent']): string =>
  signJwt({ sub: 'agent-writer', org_id: orgId, scope: scopes.join(' '), exp: Math.floor(Date.now() / 1000) + 3_600 }, TEST_JWT_SECRET);

/** A template step as the HTTP body gives it (snake_case). */
export const step = (key: string, dependsOn: string[] = [], fields: Record<string, unknown> = {}) => ({
  key,
  name: `Step ${key}`,
  agent_type: 'writer',
  depends_on: dependsOn,
  timeout_ms: 60_000,
  max_attempts: 3,
  backoff: { initial_delay_ms: 1_000, multiplier: 2, max_delay_ms: 60_000 },
  input: { topic: key },
  ...fields,
});

/** research → draft: one step ready at the start, the other once research completed. */
export const TWO_STEPS = [step('research'), step('draft', ['research'])];

const BASE = '/v1/orchestration';

/** The org's requests, each answered as the tests read it. */
export const orchestrationClient = (app: CommandApp) => ({
  createOrchestrator: (who: Actor | string, steps: unknown[] = TWO_STEPS, name = 'Launch plan') =>
    call(app, 'POST', `${BASE}/orchestrators`, who, { name, steps }),
  deleteOrchestrator: (who: Actor | string, orchestratorId: string) => call(app, 'DELETE', `${BASE}/orchestrators/${orchestratorId}`, who),
  createCampaign: (who: Actor | string, fields: Record<string, unknown> = {}) =>
    call(app, 'POST', `${BASE}/campaigns`, who, { name: 'Spring launch', ...fields }),
  startWorkflow: (who: Actor | string, orchestratorId: string, campaignId: string, variant?: string) =>
    call(app, 'POST', `${BASE}/workflows`, who, { orchestrator_id: orchestratorId, campaign_id: campaignId, ...(variant ? { variant } : {}) }),
  report: (who: Actor | string, workflowId: string, stepKey: string, body: Record<string, unknown>) =>
    call(app, 'POST', `${BASE}/workflows/${workflowId}/steps/${stepKey}/reports`, who, body),
  createContent: (who: Actor | string, campaignId: string, fields: Record<string, unknown> = {}) =>
    call(app, 'POST', `${BASE}/campaigns/${campaignId}/content`, who, { title: 'Launch post', content_type: 'blog_post', platform: 'website', ...fields }),
  content: (who: Actor | string, campaignId: string, contentId: string, method: string, suffix = '', body: Record<string, unknown> = {}) =>
    call(app, method, `${BASE}/campaigns/${campaignId}/content/${contentId}${suffix}`, who, body),
});

/** The id an accepted create answered with. */
export const idOf = (answer: Answer, field: string): string => {
  if (answer.status !== 201) throw new Error(`expected 201, got ${answer.status}: ${JSON.stringify(answer.body)}`);
  return answer.body[field] as string;
};

/** The event types of a stream, in order. */
export const typesOf = async (app: CommandApp, streamId: string): Promise<string[]> => (await app.store.readStream(streamId)).events.map((e) => e.type);

export const streams = {
  strategy: orchestration.strategyStreamId,
  orchestrator: orchestration.orchestratorStreamId,
  campaign: orchestration.campaignStreamId,
  content: orchestration.contentStreamId,
  workflow: orchestration.workflowStreamId,
};
