/**
 * Registering a platform's campaign (seed 003 `campaigns`): under an account the org connected,
 * owned by the first org (UNIQUE(platform, platform_campaign_id)), each field as its column holds it.
 */
import { given } from '../testing';
import type { AdAccountEvent } from './account';
import type { AdCampaignEvent } from './ad-campaign';
import { adCampaignDecider } from './ad-campaign.decide';
import { ACCOUNT, ANALYST, CAMPAIGN, connected, MARKETER, NOW, ORG, OTHER_ORG, register, registerData, registered } from './core.testing';

const decider = adCampaignDecider;
const disconnected: AdAccountEvent = { type: 'AdAccountDisconnected', data: { accountId: ACCOUNT, disconnectedAt: NOW } };
const { campaignId: _c, accountId: _a, platform: _p, platformCampaignId: _pc, ...details } = registerData;

describe('registering a campaign for the first time', () => {
  it('records it for the org that connected its account', () => {
    given(decider, [connected()])
      .when(register())
      .then([
        {
          type: 'AdCampaignRegistered',
          data: { campaignId: CAMPAIGN, orgId: ORG, accountId: ACCOUNT, platform: 'google', platformCampaignId: '987654321', ...details, registeredAt: NOW },
        } as AdCampaignEvent,
      ]);
  });

  // seed 003: name, status, objective, budget_amount, budget_type, start_date, end_date are nullable.
  it('records absent optional fields as null and money with two decimals', () => {
    const command = register({ name: undefined, status: null, objective: null, budgetAmount: '20', budgetType: null, startDate: null, endDate: null });
    given(decider, [connected()])
      .when(command)
      .then([
        {
          type: 'AdCampaignRegistered',
          data: {
            campaignId: CAMPAIGN,
            orgId: ORG,
            accountId: ACCOUNT,
            platform: 'google',
            platformCampaignId: '987654321',
            name: null,
            status: null,
            objective: null,
            budgetAmount: '20.00',
            budgetType: null,
            startDate: null,
            endDate: null,
            registeredAt: NOW,
          },
        },
      ]);
  });
});

describe('campaign only under own connected account', () => {
  // seed 003 (design): a campaign is registered only under an account the org connected.
  it('refuses a campaign under an account never connected', () => {
    given(decider, [])
      .when(register())
      .thenRejects('AD_ACCOUNT_NOT_CONNECTED', { details: { accountId: ACCOUNT } });
  });

  it("refuses a campaign under another org's account", () => {
    given(decider, [connected(OTHER_ORG)])
      .when(register())
      .thenRejects('AD_ACCOUNT_NOT_CONNECTED');
  });

  it('refuses a campaign under a disconnected account', () => {
    given(decider, [connected(), disconnected]).when(register()).thenRejects('AD_ACCOUNT_NOT_CONNECTED');
  });

  it("refuses a campaign of another platform than the account's", () => {
    given(decider, [connected()])
      .when(register({ platform: 'meta' }))
      .thenRejects('AD_CAMPAIGN_INVALID', { details: { field: 'platform' } });
  });

  // seed 003: UNIQUE(platform, platform_campaign_id) — the campaign's stream is the reservation.
  it("UNIQUE(platform, platform_campaign_id): another org's campaign is unavailable, without details", () => {
    const outcome = given(decider, [registered(OTHER_ORG), connected()]).when(register());
    outcome.thenRejects('AD_CAMPAIGN_UNAVAILABLE', { details: {} });
  });
});

describe('registering a known campaign again', () => {
  it('records nothing when nothing changed (a sync every 15 minutes)', () => {
    given(decider, [connected(), registered()]).when(register()).thenNothing();
  });

  it('records only the fields that changed', () => {
    given(decider, [connected(), registered()])
      .when(register({ status: 'PAUSED', budgetAmount: '900.5', endDate: null }))
      .then([
        {
          type: 'AdCampaignDetailsChanged',
          data: { campaignId: CAMPAIGN, changes: { status: 'PAUSED', budgetAmount: '900.50', endDate: null }, changedAt: NOW },
        },
      ]);
  });

  it('folds the changes, so the same restatement records nothing', () => {
    const changed: AdCampaignEvent = { type: 'AdCampaignDetailsChanged', data: { campaignId: CAMPAIGN, changes: { status: 'PAUSED' }, changedAt: NOW } };
    given(decider, [connected(), registered(), changed])
      .when(register({ status: 'PAUSED' }))
      .thenNothing();
  });
});

describe('campaign fields as the seed columns hold them', () => {
  // seed 003: platform VARCHAR(50), platform_campaign_id VARCHAR(255), name VARCHAR(500),
  // status VARCHAR(50), objective VARCHAR(100), budget_type VARCHAR(50) -- daily, lifetime
  it.each([
    ['platform', 50],
    ['platformCampaignId', 255],
    ['name', 500],
    ['status', 50],
    ['objective', 100],
  ] as const)('VARCHAR lengths: %s longer than %i characters is refused', (field, max) => {
    given(decider, [connected()])
      .when(register({ [field]: 'x'.repeat(max + 1) }))
      .thenRejects('AD_CAMPAIGN_INVALID', { details: { field } });
  });

  it.each([
    ['name', 500],
    ['objective', 100],
  ] as const)('VARCHAR lengths: %s of exactly %i characters is kept', (field, max) => {
    expect(given(decider, [connected()]).when(register({ [field]: 'x'.repeat(max) })).decision).toHaveLength(1);
  });

  it('budget_type is daily or lifetime', () => {
    given(decider, [connected()])
      .when(register({ budgetType: 'weekly' }))
      .thenRejects('AD_CAMPAIGN_INVALID', { details: { field: 'budgetType' } });
  });

  // seed 003: budget_amount DECIMAL(15,2) — 13 digits before the point, 2 after.
  it.each([['12.345'], ['10000000000000'], ['1e5'], ['-5.00']])('DECIMAL(15,2) money: a budget of %s is refused', (budgetAmount) => {
    given(decider, [connected()])
      .when(register({ budgetAmount }))
      .thenRejects('AD_CAMPAIGN_INVALID', { details: { field: 'budgetAmount' } });
  });

  it('DECIMAL(15,2) money: the largest budget that fits is kept', () => {
    const [event] = given(decider, [connected()]).when(register({ budgetAmount: '9999999999999.99' })).decision as AdCampaignEvent[];
    expect(event).toMatchObject({ data: { budgetAmount: '9999999999999.99' } });
  });

  // seed 003: start_date, end_date TIMESTAMP — a campaign ends after it starts.
  it.each([
    ['the same instant', '2026-04-01T00:00:00.000Z'],
    ['before the start', '2026-03-31T23:59:59.000Z'],
  ])('end after start: an end at %s is refused', (_when, endDate) => {
    given(decider, [connected()]).when(register({ endDate })).thenRejects('AD_CAMPAIGN_INVALID_DATES');
  });

  it('refuses a start that is not an instant', () => {
    given(decider, [connected()])
      .when(register({ startDate: '2026-04-01' }))
      .thenRejects('AD_CAMPAIGN_INVALID', { details: { field: 'startDate' } });
  });

  // The platform's instants lie from 2000 to 2999 (README, Security): PostgreSQL has no year 0, so such a date could not be projected.
  it.each([
    ['startDate', '0000-01-01T00:00:00Z'],
    ['startDate', '1999-12-31T23:59:59Z'],
    ['endDate', '3000-01-01T00:00:00Z'],
    ['endDate', '9999-12-31T23:59:59Z'],
  ])('dates within 2000–2999: %s %s is refused', (field, instant) => {
    const dates = field === 'startDate' ? { startDate: instant, endDate: null } : { startDate: null, endDate: instant };
    given(decider, [connected()]).when(register(dates)).thenRejects('AD_CAMPAIGN_INVALID', { details: { field } });
  });

  it('dates within 2000–2999: the first and the last instant are kept', () => {
    const dates = { startDate: '2000-01-01T00:00:00.000Z', endDate: '2999-12-31T23:59:59.999Z' };
    given(decider, [connected()])
      .when(register(dates))
      .then([
        {
          type: 'AdCampaignRegistered',
          data: {
            campaignId: CAMPAIGN,
            orgId: ORG,
            accountId: ACCOUNT,
            platform: 'google',
            platformCampaignId: '987654321',
            ...details,
            ...dates,
            registeredAt: NOW,
          },
        } as AdCampaignEvent,
      ]);
  });

  it('is not for analysts (read-only); marketers may', () => {
    given(decider, [connected()]).when(register({}, ANALYST)).thenRejects('AD_ROLE_REQUIRED');
    expect(given(decider, [connected()]).when(register({}, MARKETER)).decision).toHaveLength(1);
  });
});
