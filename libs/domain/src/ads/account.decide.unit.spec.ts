/**
 * Ad accounts: connected by one org (the stream is the reservation of the platform account),
 * disconnected, and synced over a trailing window of the account's local days.
 */
import { given } from '../testing';
import type { AdAccountEvent } from './account';
import { adAccountDecider } from './account.decide';
import { ACCOUNT, ADMIN, ANALYST, as, connect, connectData, connected, disconnect, MARKETER, NOW, ORG, OTHER_ORG, requestSync, SERVICE } from './core.testing';

const SYNC = 'c3d4e5f6-0718-4293-a4b5-c6d7e8f90a1b';
const decider = adAccountDecider;

const syncRequested = (syncId = SYNC): AdAccountEvent => ({
  type: 'AdAccountSyncRequested',
  data: {
    accountId: ACCOUNT,
    orgId: ORG,
    platform: 'google',
    platformAccountId: '123-456-7890',
    syncId,
    requestedAt: NOW,
    windowStart: '2026-04-27T22:00:00.000Z',
    windowEnd: NOW,
  },
});

describe('connecting an ad account', () => {
  it('records the account for the acting org', () => {
    given(decider, [])
      .when(connect())
      .then([{ type: 'AdAccountConnected', data: { ...connectData, orgId: ORG, connectedAt: NOW } }]);
  });

  // seed 003: UNIQUE(platform, platform_campaign_id) — ids are global, so a platform account belongs to one org.
  it('account reservation across orgs: an account connected by another org is refused', () => {
    given(decider, [connected(OTHER_ORG)])
      .when(connect())
      .thenRejects('AD_ACCOUNT_CONNECTED_ELSEWHERE', { details: { accountId: ACCOUNT } });
  });

  // seed 003: the reservation outlives a disconnect — the campaigns under it stay the first org's.
  it('account reservation across orgs: a disconnected account is still refused to another org', () => {
    given(decider, [connected(OTHER_ORG), { type: 'AdAccountDisconnected', data: { accountId: ACCOUNT, disconnectedAt: NOW } }])
      .when(connect())
      .thenRejects('AD_ACCOUNT_CONNECTED_ELSEWHERE');
  });

  it('records nothing when the same org connects it again unchanged', () => {
    given(decider, [connected()]).when(connect()).thenNothing();
  });

  it('records the new details when the same org connects it again with others', () => {
    given(decider, [connected()])
      .when(connect(ADMIN, { name: 'Acme Search EU', timeZone: 'UTC' }))
      .then([{ type: 'AdAccountDetailsChanged', data: { accountId: ACCOUNT, name: 'Acme Search EU', currency: 'EUR', timeZone: 'UTC', changedAt: NOW } }]);
  });

  it('connects it again after the org disconnected it', () => {
    given(decider, [connected(), { type: 'AdAccountDisconnected', data: { accountId: ACCOUNT, disconnectedAt: NOW } }])
      .when(connect())
      .then([{ type: 'AdAccountConnected', data: { ...connectData, orgId: ORG, connectedAt: NOW } }]);
  });

  it.each([
    ['platform', { platform: 'myspace' }],
    ['platformAccountId', { platformAccountId: ' ' }],
    ['platformAccountId', { platformAccountId: 'x'.repeat(256) }],
    ['name', { name: 'x'.repeat(501) }],
    ['currency', { currency: 'euro' }],
    ['timeZone', { timeZone: 'Mars/Olympus_Mons' }],
    ['accountId', { accountId: 'acct-1' }],
  ])('refuses an invalid %s', (field, data) => {
    given(decider, []).when(connect(ADMIN, data)).thenRejects('AD_ACCOUNT_INVALID', { details: { field } });
  });

  it.each([['marketer'], ['analyst']])('is for admins: a %s is refused with AD_ROLE_REQUIRED', (role) => {
    given(decider, [])
      .when(connect(as(role)))
      .thenRejects('AD_ROLE_REQUIRED');
  });
});

describe('disconnecting an ad account', () => {
  it('records the disconnection', () => {
    given(decider, [connected()])
      .when(disconnect())
      .then([{ type: 'AdAccountDisconnected', data: { accountId: ACCOUNT, disconnectedAt: NOW } }]);
  });

  it('records nothing the second time', () => {
    given(decider, [connected(), { type: 'AdAccountDisconnected', data: { accountId: ACCOUNT, disconnectedAt: NOW } }])
      .when(disconnect())
      .thenNothing();
  });

  it("refuses another org's account as not connected (it learns nothing of the owner)", () => {
    given(decider, [connected(OTHER_ORG)])
      .when(disconnect())
      .thenRejects('AD_ACCOUNT_NOT_CONNECTED');
  });
});

describe('requesting a sync of the trailing window', () => {
  // seed 003 data flow: "15min sync" re-reads the last days (platforms restate late conversions):
  // 3 local days back from today's start in Europe/Berlin (CEST, UTC+2) → 2026-04-27T22:00Z.
  it('asks for the last 3 local days of the account up to now', () => {
    given(decider, [connected()]).when(requestSync(SYNC)).then([syncRequested()]);
  });

  it('takes a longer window when asked', () => {
    const [event] = given(decider, [connected()]).when(requestSync(SYNC, MARKETER, 7)).decision as AdAccountEvent[];
    expect(event).toMatchObject({ data: { windowStart: '2026-04-23T22:00:00.000Z', windowEnd: NOW } });
  });

  it('reads local days across a change of UTC offset (New York, EDT since March)', () => {
    const [ny] = given(decider, [{ ...connected(), data: { ...connected().data, timeZone: 'America/New_York' } }]).when(
      requestSync(SYNC, as(null, { now: '2026-03-09T12:00:00.000Z' })),
    ).decision as AdAccountEvent[];
    // Local today 2026-03-09 (EDT, UTC−4); 3 days back is 2026-03-06, still EST (UTC−5): 05:00Z.
    expect(ny).toMatchObject({ data: { windowStart: '2026-03-06T05:00:00.000Z' } });
  });

  it('only while connected: a disconnected account is refused', () => {
    given(decider, [connected(), { type: 'AdAccountDisconnected', data: { accountId: ACCOUNT, disconnectedAt: NOW } }])
      .when(requestSync(SYNC))
      .thenRejects('AD_ACCOUNT_NOT_CONNECTED');
  });

  it('only while connected: a never-connected account is refused', () => {
    given(decider, []).when(requestSync(SYNC)).thenRejects('AD_ACCOUNT_NOT_CONNECTED');
  });

  it('records nothing for a sync id already requested (a timer fired twice)', () => {
    given(decider, [connected(), syncRequested()]).when(requestSync(SYNC)).thenNothing();
  });

  it.each([[0], [91], [1.5]])('refuses a window of %s days', (days) => {
    given(decider, [connected()])
      .when(requestSync(SYNC, SERVICE, days))
      .thenRejects('AD_SYNC_INVALID', { details: { field: 'windowDays' } });
  });

  it('is not for analysts (read-only)', () => {
    given(decider, [connected()]).when(requestSync(SYNC, ANALYST)).thenRejects('AD_ROLE_REQUIRED');
  });
});

describe('recording a sync outcome', () => {
  const synced = {
    type: 'RecordAdAccountSynced' as const,
    data: { accountId: ACCOUNT, syncId: SYNC, campaigns: 4, rows: 1152, syncedAt: NOW },
    metadata: SERVICE,
  };
  const failed = { type: 'RecordAdAccountSyncFailed' as const, data: { accountId: ACCOUNT, syncId: SYNC, error: 'HTTP 503' }, metadata: SERVICE };

  it('records a completed sync', () => {
    given(decider, [connected(), syncRequested()])
      .when(synced)
      .then([{ type: 'AdAccountSynced', data: { accountId: ACCOUNT, orgId: ORG, syncId: SYNC, campaigns: 4, rows: 1152, syncedAt: NOW } }]);
  });

  it('records a failed sync', () => {
    given(decider, [connected(), syncRequested()])
      .when(failed)
      .then([{ type: 'AdAccountSyncFailed', data: { accountId: ACCOUNT, orgId: ORG, syncId: SYNC, error: 'HTTP 503', failedAt: NOW } }]);
  });

  it('records nothing for an outcome already recorded', () => {
    const history: AdAccountEvent[] = [connected(), syncRequested(), { type: 'AdAccountSynced', data: { ...synced.data, orgId: ORG } }];
    given(decider, history).when(failed).thenNothing();
  });

  it('refuses the outcome of a sync never requested', () => {
    given(decider, [connected()]).when(synced).thenRejects('AD_SYNC_NOT_FOUND');
  });

  it('is for services: a person is refused', () => {
    given(decider, [connected(), syncRequested()])
      .when({ ...synced, metadata: ADMIN })
      .thenRejects('AD_ROLE_REQUIRED');
  });
});
