import { randomUUID } from 'node:crypto';
import { ads as adsWire } from '@campaign/contracts';
import { type Actor, actor, call, type CommandApp, startCommandApp } from '../../testing';

describe('ads accounts, campaigns and budgets over HTTP (seed 003, a verified JWT with org_id and role)', () => {
  let app: CommandApp;
  let admin: Actor;
  let marketer: Actor;
  let analyst: Actor;
  let rival: Actor;

  const eventsOf = async (streamId: string) => (await app.store.readStream(streamId)).events;
  /** A platform account no earlier run connected (ids are global: seed 003 UNIQUE(platform, platform_campaign_id)). */
  const platformAccount = () => `acct-${randomUUID()}`;
  const connect = (who: Actor, platformAccountId: string, platform = 'google') =>
    call(app, 'POST', '/v1/ads/accounts', who, {
      platform,
      platform_account_id: platformAccountId,
      name: 'Acme Search',
      currency: 'EUR',
      time_zone: 'Europe/Berlin',
    });
  const campaign = (who: Actor, accountId: string, platformCampaignId: string, fields: Record<string, unknown> = {}) =>
    call(app, 'POST', '/v1/ads/campaigns', who, {
      account_id: accountId,
      platform: 'google',
      platform_campaign_id: platformCampaignId,
      name: 'Brand – DACH',
      status: 'ENABLED',
      objective: 'SEARCH',
      budget_amount: '1500.00',
      budget_type: 'daily',
      start_date: '2026-04-01T00:00:00Z',
      end_date: '2026-06-30T00:00:00Z',
      ...fields,
    });
  const connectedAccount = async () => {
    const answer = await connect(admin, platformAccount());
    expect(answer).toMatchObject({ status: 201, body: { status: 'ACCEPTED' } });
    return answer.body.accountId as string;
  };

  beforeAll(async () => {
    app = await startCommandApp();
    const orgId = randomUUID();
    admin = actor('admin', orgId);
    marketer = actor('marketer', orgId);
    analyst = actor('analyst', orgId);
    rival = actor('admin');
  });
  afterAll(async () => {
    await app?.stop();
  });

  describe('accounts', () => {
    it('an admin connects an account: its id is a function of the platform ids', async () => {
      const platformAccountId = platformAccount();
      const answer = await connect(admin, platformAccountId);
      const accountId = adsWire.adAccountIdOf('google', platformAccountId);
      expect(answer).toMatchObject({ status: 201, body: { status: 'ACCEPTED', accountId } });
      const events = await eventsOf(`ads-account-${accountId}`);
      expect(events.map((e) => [e.type, e.data])).toEqual([
        ['AdAccountConnected', expect.objectContaining({ accountId, orgId: admin.orgId, platform: 'google', platformAccountId, timeZone: 'Europe/Berlin' })],
      ]);
    });

    // seed 003: UNIQUE(platform, platform_campaign_id) — ids are global, an account is one org's.
    it('account reservation across orgs: another org connecting the same account gets 409 AD_ACCOUNT_CONNECTED_ELSEWHERE', async () => {
      const platformAccountId = platformAccount();
      expect(await connect(admin, platformAccountId)).toMatchObject({ status: 201 });
      expect(await connect(rival, platformAccountId)).toMatchObject({ status: 409, body: { code: 'AD_ACCOUNT_CONNECTED_ELSEWHERE' } });
    });

    it('connecting is for admins: a marketer gets 403 AD_ROLE_REQUIRED', async () => {
      expect(await connect(marketer, platformAccount())).toMatchObject({ status: 403, body: { code: 'AD_ROLE_REQUIRED' } });
    });

    it('an invalid time zone is 422 AD_ACCOUNT_INVALID naming the field', async () => {
      const answer = await call(app, 'POST', '/v1/ads/accounts', admin, {
        platform: 'meta',
        platform_account_id: 'x',
        name: 'n',
        currency: 'EUR',
        time_zone: 'Nowhere/Else',
      });
      expect(answer).toMatchObject({ status: 422, body: { code: 'AD_ACCOUNT_INVALID', details: { field: 'timeZone' } } });
    });

    it('a sync asked for by a marketer is recorded with its trailing window; after a disconnect it is 409', async () => {
      const accountId = await connectedAccount();
      const synced = await call(app, 'POST', `/v1/ads/accounts/${accountId}/syncs`, marketer, { window_days: 2 });
      expect(synced).toMatchObject({ status: 202, body: { status: 'ACCEPTED', accountId, syncId: expect.any(String) } });
      const [, requested] = await eventsOf(`ads-account-${accountId}`);
      expect(requested).toMatchObject({ type: 'AdAccountSyncRequested', data: { syncId: synced.body.syncId, orgId: admin.orgId } });
      expect(await call(app, 'DELETE', `/v1/ads/accounts/${accountId}`, admin)).toMatchObject({ status: 200, body: { status: 'ACCEPTED' } });
      expect(await call(app, 'POST', `/v1/ads/accounts/${accountId}/syncs`, marketer)).toMatchObject({
        status: 409,
        body: { code: 'AD_ACCOUNT_NOT_CONNECTED' },
      });
    });

    it('an analyst may not ask for a sync (read-only)', async () => {
      const accountId = await connectedAccount();
      expect(await call(app, 'POST', `/v1/ads/accounts/${accountId}/syncs`, analyst)).toMatchObject({ status: 403, body: { code: 'AD_ROLE_REQUIRED' } });
    });
  });

  describe('campaigns', () => {
    it('campaign only under own connected account: registered under it, again unchanged records nothing', async () => {
      const accountId = await connectedAccount();
      const platformCampaignId = randomUUID();
      const first = await campaign(marketer, accountId, platformCampaignId);
      const campaignId = adsWire.adCampaignIdOf('google', platformCampaignId);
      expect(first).toMatchObject({ status: 201, body: { status: 'ACCEPTED', campaignId, streamVersion: 1 } });
      expect(await campaign(marketer, accountId, platformCampaignId)).toMatchObject({
        status: 201,
        body: { status: 'ACCEPTED', streamVersion: 1, eventIds: [] },
      });
      const changed = await campaign(marketer, accountId, platformCampaignId, { status: 'PAUSED' });
      expect(changed).toMatchObject({ status: 201, body: { streamVersion: 2 } });
      const events = await eventsOf(`ads-campaign-${campaignId}`);
      expect(events[1]).toMatchObject({ type: 'AdCampaignDetailsChanged', data: { changes: { status: 'PAUSED' } } });
    });

    it("campaign only under own connected account: another org's account is 409 AD_ACCOUNT_NOT_CONNECTED", async () => {
      const accountId = await connectedAccount();
      expect(await campaign(rival, accountId, randomUUID())).toMatchObject({ status: 409, body: { code: 'AD_ACCOUNT_NOT_CONNECTED' } });
    });

    // seed 003: UNIQUE(platform, platform_campaign_id)
    it("UNIQUE(platform, platform_campaign_id): another org's campaign is 409 AD_CAMPAIGN_UNAVAILABLE without details", async () => {
      const accountId = await connectedAccount();
      const platformCampaignId = randomUUID();
      expect(await campaign(admin, accountId, platformCampaignId)).toMatchObject({ status: 201 });
      const rivalAccount = await connect(rival, platformAccount());
      const answer = await campaign(rival, rivalAccount.body.accountId as string, platformCampaignId);
      expect(answer).toMatchObject({ status: 409, body: { code: 'AD_CAMPAIGN_UNAVAILABLE', details: {} } });
    });

    // seed 003: name VARCHAR(500); budget_amount DECIMAL(15,2); start_date/end_date
    it.each([
      ['VARCHAR lengths', { name: 'x'.repeat(501) }, 'AD_CAMPAIGN_INVALID'],
      ['DECIMAL(15,2) money', { budget_amount: '12.345' }, 'AD_CAMPAIGN_INVALID'],
      ['end after start', { end_date: '2026-03-01T00:00:00Z' }, 'AD_CAMPAIGN_INVALID_DATES'],
    ])('%s: a campaign breaking it is 422', async (_rule, fields, code) => {
      const accountId = await connectedAccount();
      expect(await campaign(marketer, accountId, randomUUID(), fields)).toMatchObject({ status: 422, body: { code } });
    });
  });

  describe('budgets', () => {
    const budget = (who: Actor, fields: Record<string, unknown> = {}) =>
      call(app, 'POST', '/v1/ads/budgets', who, {
        period_start: '2026-05-01',
        period_end: '2026-05-31',
        total_budget: 10000,
        allocations: { google: 5000, meta: '3000.00' },
        ...fields,
      });

    it('a marketer sets a period allocation; amounts are kept with two decimals', async () => {
      const answer = await budget(marketer);
      expect(answer).toMatchObject({ status: 201, body: { status: 'ACCEPTED', allocationId: expect.any(String) } });
      const [event] = (await eventsOf(`ads-budgets-${marketer.orgId}`)).filter(
        (e) => (e.data as { allocationId: string }).allocationId === answer.body.allocationId,
      );
      expect(event.data).toMatchObject({
        totalBudget: '10000.00',
        allocations: { google: '5000.00', meta: '3000.00' },
        aiSuggested: false,
        createdBy: `user:${marketer.sub}`,
      });
    });

    // issue 12 point 8: budget rules with typed errors (seed 003 budget_allocations).
    it.each([
      ['BUDGET_PERIOD_INVALID', { period_end: '2026-04-30' }],
      ['BUDGET_SPLIT_EXCEEDS_TOTAL', { allocations: { google: 6000, meta: 4001 } }],
      ['BUDGET_AMOUNT_NEGATIVE', { allocations: { google: -1 } }],
      ['BUDGET_PLATFORM_UNKNOWN', { allocations: { myspace: 1 } }],
      ['BUDGET_AMOUNT_OUT_OF_RANGE', { total_budget: '10000000000000.00' }],
    ])('budget rules: %s is 422', async (code, fields) => {
      expect(await budget(marketer, fields)).toMatchObject({ status: 422, body: { code } });
    });

    it('an analyst may not set a budget', async () => {
      expect(await budget(analyst)).toMatchObject({ status: 403, body: { code: 'AD_ROLE_REQUIRED' } });
    });
  });

  it('describes the accounts, campaigns and budgets routes in /openapi.json', async () => {
    const document = (await (await fetch(`${app.url}/openapi.json`)).json()) as { paths: Record<string, Record<string, unknown>> };
    expect(Object.keys(document.paths['/v1/ads/accounts'])).toEqual(['post']);
    expect(Object.keys(document.paths['/v1/ads/accounts/{accountId}'])).toEqual(['delete']);
    expect(Object.keys(document.paths['/v1/ads/accounts/{accountId}/syncs'])).toEqual(['post']);
    expect(Object.keys(document.paths['/v1/ads/campaigns'])).toEqual(['post']);
    expect(Object.keys(document.paths['/v1/ads/budgets'])).toEqual(['post']);
  });
});
