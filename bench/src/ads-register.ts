/**
 * The bench's campaigns, registered through the real doors: campaign-command's HTTP API as an
 * admin of one org connects the accounts (ConnectAdAccount) and registers each campaign
 * (RegisterAdCampaign), then the bench waits until analytics-ingest's directory (which the
 * push door checks rows against) and the projection's `campaigns` hold every one — both learn
 * them from the ads events, as in production.
 */
import { randomUUID } from 'node:crypto';
import { sleep } from '@campaign/testing';
import type { Pool } from 'pg';
import { type AdsApps, userAuth } from './ads-apps';
import type { BenchCampaign } from './ads-rows';
import { BenchSkipped } from './ads-skip';
import { pool as inParallel } from './stats';

const post = async (bench: string, baseUrl: string, orgId: string, path: string, body: object): Promise<void> => {
  const response = await fetch(`${baseUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID(), ...userAuth(orgId) },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  // No route yet: the command side's ads doors are not there (a skip, not a failure).
  if (response.status === 404 && text.includes('Cannot POST'))
    throw new BenchSkipped(bench, `campaign-command has no POST ${path} (RegisterAdCampaign's HTTP door)`);
  if (response.status >= 300) throw new Error(`POST ${path} answered ${response.status}: ${text.slice(0, 500)}`);
};

const countOf = async (pg: Pool, table: string, column: string, ids: readonly string[]): Promise<number> => {
  const { rows } = await pg.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} WHERE ${column} = ANY($1::uuid[])`, [ids]);
  return rows[0].n;
};

const waitForCount = async (pg: Pool, what: string, table: string, column: string, ids: readonly string[], timeoutMs: number): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  for (let seen = -1; ; await sleep(100)) {
    seen = await countOf(pg, table, column, ids).catch(() => -1);
    if (seen === ids.length) return;
    if (Date.now() > deadline) throw new Error(`${what} holds ${seen} of ${ids.length} campaigns after ${timeoutMs} ms`);
  }
};

export interface Registered {
  readonly seconds: number;
  readonly visibleSeconds: number;
}

export const registerCampaigns = async (
  bench: string,
  apps: AdsApps,
  pg: Pool,
  orgId: string,
  campaigns: readonly BenchCampaign[],
  concurrency: number,
  timeoutMs: number,
): Promise<Registered> => {
  const started = performance.now();
  const accounts = new Map(campaigns.map((c) => [c.accountId, c]));
  for (const c of accounts.values()) {
    await post(bench, apps.command.url, orgId, '/v1/ads/accounts', {
      platform: c.platform,
      platform_account_id: c.platformAccountId,
      name: `Bench ${c.platform} account`,
      currency: 'USD',
      time_zone: 'UTC',
    });
  }
  // The ids are the platforms' (adCampaignIdOf): the door derives the same campaignId the rows name.
  await inParallel(campaigns.length, concurrency, (i) => {
    const c = campaigns[i];
    return post(bench, apps.command.url, orgId, '/v1/ads/campaigns', {
      account_id: c.accountId,
      platform: c.platform,
      platform_campaign_id: c.platformCampaignId,
      name: c.name,
      status: 'ENABLED',
      objective: 'CONVERSIONS',
      budget_amount: '100.00',
      budget_type: 'daily',
    });
  });
  const seconds = (performance.now() - started) / 1000;
  const ids = campaigns.map((c) => c.campaignId);
  await waitForCount(pg, `analytics-ingest's directory (${apps.ingestSchema}.campaigns)`, `"${apps.ingestSchema}".campaigns`, 'campaign_id', ids, timeoutMs);
  await waitForCount(pg, `the projection's ${apps.adsSchema}.campaigns`, `"${apps.adsSchema}".campaigns`, 'id', ids, timeoutMs);
  return { seconds, visibleSeconds: (performance.now() - started) / 1000 };
};
