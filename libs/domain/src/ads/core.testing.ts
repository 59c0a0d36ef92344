/**
 * Builders for the accounts, campaigns and budgets decider tests: commands with the metadata a
 * door sets (an org, a person's role or none for a service) and the events they record.
 */
import type { CommandMetadata } from '../shared/decider';
import type { AdAccountConnected } from './account';
import type { ConnectAdAccount, DisconnectAdAccount, RequestAdAccountSync } from './account.decide';
import type { AdCampaignRegistered } from './ad-campaign';
import type { RegisterAdCampaign } from './ad-campaign.decide';
import type { SetBudgetAllocation } from './budgets.decide';

export const ORG = '6f1c2a9e-3b7d-4e0a-9c5f-1a2b3c4d5e6f';
export const OTHER_ORG = '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d';
export const ACCOUNT = '5b1d2c3e-4f50-5a6b-8c7d-8e9fa0b1c2d3';
export const CAMPAIGN = '7c2e3d4f-5061-5b7c-9d8e-9fa0b1c2d3e4';
export const ALLOCATION = '0b0f7a2e-5f61-4f7e-9d7c-1d2f3a4b5c6d';
export const NOW = '2026-05-01T12:00:00.000Z';

/** Who acts: a person of ORG with a role, a service (no role), or a person of another org. */
export const as = (role: string | null, overrides: Partial<CommandMetadata> = {}): CommandMetadata => ({
  commandId: 'cmd-1',
  now: NOW,
  actor: role ? 'user:a1b2c3d4-e5f6-4a5b-8c9d-0e1f2a3b4c5d' : 'service:analytics-ingest',
  tenant: ORG,
  ...(role ? { role } : {}),
  ...overrides,
});
export const ADMIN = as('admin');
export const MARKETER = as('marketer');
export const ANALYST = as('analyst');
export const SERVICE = as(null);

export const connectData: ConnectAdAccount['data'] = {
  accountId: ACCOUNT,
  platform: 'google',
  platformAccountId: '123-456-7890',
  name: 'Acme Search',
  currency: 'EUR',
  timeZone: 'Europe/Berlin',
};

export const connect = (metadata = ADMIN, data: Partial<ConnectAdAccount['data']> = {}): ConnectAdAccount => ({
  type: 'ConnectAdAccount',
  data: { ...connectData, ...data },
  metadata,
});
export const disconnect = (metadata = ADMIN): DisconnectAdAccount => ({ type: 'DisconnectAdAccount', data: { accountId: ACCOUNT }, metadata });
export const requestSync = (syncId: string, metadata = SERVICE, windowDays: number | null = null): RequestAdAccountSync => ({
  type: 'RequestAdAccountSync',
  data: { accountId: ACCOUNT, syncId, windowDays },
  metadata,
});

export const connected = (orgId = ORG, connectedAt = '2026-04-01T09:00:00.000Z'): AdAccountConnected => ({
  type: 'AdAccountConnected',
  data: { ...connectData, orgId, connectedAt },
});

export const registerData: RegisterAdCampaign['data'] = {
  campaignId: CAMPAIGN,
  accountId: ACCOUNT,
  platform: 'google',
  platformCampaignId: '987654321',
  name: 'Brand – DACH',
  status: 'ENABLED',
  objective: 'SEARCH',
  budgetAmount: '1500.00',
  budgetType: 'daily',
  startDate: '2026-04-01T00:00:00.000Z',
  endDate: '2026-06-30T00:00:00.000Z',
};

export const register = (data: Partial<RegisterAdCampaign['data']> = {}, metadata = SERVICE): RegisterAdCampaign => ({
  type: 'RegisterAdCampaign',
  data: { ...registerData, ...data },
  metadata,
});

export const registered = (orgId = ORG): AdCampaignRegistered => ({
  type: 'AdCampaignRegistered',
  data: {
    campaignId: CAMPAIGN,
    orgId,
    accountId: ACCOUNT,
    platform: 'google',
    platformCampaignId: '987654321',
    name: 'Brand – DACH',
    status: 'ENABLED',
    objective: 'SEARCH',
    budgetAmount: '1500.00',
    budgetType: 'daily',
    startDate: '2026-04-01T00:00:00.000Z',
    endDate: '2026-06-30T00:00:00.000Z',
    registeredAt: '2026-04-02T10:00:00.000Z',
  },
});

export const allocationData: SetBudgetAllocation['data'] = {
  allocationId: ALLOCATION,
  periodStart: '2026-05-01',
  periodEnd: '2026-05-31',
  totalBudget: '10000.00',
  allocations: { google: '5000.00', meta: '3000.00' },
};

export const setAllocation = (data: Partial<Record<keyof SetBudgetAllocation['data'], unknown>> = {}, metadata = MARKETER): SetBudgetAllocation => ({
  type: 'SetBudgetAllocation',
  data: { ...allocationData, ...data } as SetBudgetAllocation['data'],
  metadata,
});
