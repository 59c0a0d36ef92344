import { ads } from '@campaign/domain';
import { randomUUID } from 'node:crypto';
import { type CommandEnvelope, decodeCommand, decodeEvent, encodeCommand, encodeEvent, type EventEnvelope } from '../envelope';
import { adsCoreCommandSchemas } from './core.commands';
import { adsCoreEventSchemas } from './core.events';
import { adAccountIdOf, adCampaignIdOf } from './ids';

/** Samples typed by the domain's data, so a field the domain lacks (or misses) does not compile. */
type EventSamples = { readonly [K in ads.AdsCoreEvent['type']]: readonly Extract<ads.AdsCoreEvent, { type: K }>['data'][] };
/** On the wire an optional field is always there, null when not given. */
type Wire<T> = { readonly [K in keyof T]-?: Exclude<T[K], undefined> };
type CommandSamples = { readonly [K in ads.AdsCoreCommand['type']]: readonly Wire<Extract<ads.AdsCoreCommand, { type: K }>['data']>[] };

const orgId = '6f1c2a9e-3b7d-4e0a-9c5f-1a2b3c4d5e6f';
const accountId = adAccountIdOf('google', '123-456-7890');
const campaignId = adCampaignIdOf('google', '987654321');
const allocationId = '0b0f7a2e-5f61-4f7e-9d7c-1d2f3a4b5c6d';
const syncId = 'c3d4e5f6-0718-4293-a4b5-c6d7e8f90a1b';
const at = '2026-05-01T12:00:00.000Z';
const account = { accountId, platform: 'google', platformAccountId: '123-456-7890', name: 'Acme Search', currency: 'EUR', timeZone: 'Europe/Berlin' };
const details = {
  name: 'Brand – DACH',
  status: 'ENABLED',
  objective: 'SEARCH',
  budgetAmount: '1500.00',
  budgetType: 'daily' as const,
  startDate: '2026-04-01T00:00:00.000Z',
  endDate: '2026-06-30T22:00:00.000Z',
};
const noDetails = { name: null, status: null, objective: null, budgetAmount: null, budgetType: null, startDate: null, endDate: null };
const split = {
  allocationId,
  periodStart: '2026-05-01',
  periodEnd: '2026-05-31',
  totalBudget: '10000.00',
  allocations: { google: '5000.00', meta: '3000.00' },
};

const EVENTS: EventSamples = {
  AdAccountConnected: [{ ...account, orgId, connectedAt: at }],
  AdAccountDetailsChanged: [{ accountId, name: 'Acme Search (EU)', currency: 'USD', timeZone: 'America/New_York', changedAt: at }],
  AdAccountDisconnected: [{ accountId, disconnectedAt: at }],
  AdAccountSyncRequested: [
    {
      accountId,
      orgId,
      platform: 'google',
      platformAccountId: '123-456-7890',
      syncId,
      requestedAt: at,
      windowStart: '2026-04-27T22:00:00.000Z',
      windowEnd: at,
    },
  ],
  AdAccountSynced: [{ accountId, orgId, syncId, campaigns: 12, rows: 3456, syncedAt: at }],
  AdAccountSyncFailed: [{ accountId, orgId, syncId, error: 'HTTP 503 from googleads.googleapis.com', failedAt: at }],
  AdCampaignRegistered: [
    { campaignId, orgId, accountId, platform: 'google', platformCampaignId: '987654321', ...details, registeredAt: at },
    { campaignId, orgId, accountId, platform: 'google', platformCampaignId: '987654321', ...noDetails, registeredAt: at },
  ],
  AdCampaignDetailsChanged: [
    { campaignId, changes: { status: 'PAUSED', budgetAmount: '900.00' }, changedAt: at },
    { campaignId, changes: { endDate: null }, changedAt: at },
  ],
  BudgetAllocationSet: [
    { ...split, orgId, aiSuggested: false, createdBy: 'user:a1b2c3d4-e5f6-4a5b-8c9d-0e1f2a3b4c5d', createdAt: at },
    { ...split, allocations: {}, orgId, aiSuggested: true, createdBy: 'service:analytics-ingest', createdAt: at },
  ],
};

const COMMANDS: CommandSamples = {
  ConnectAdAccount: [account],
  DisconnectAdAccount: [{ accountId }],
  RequestAdAccountSync: [
    { accountId, syncId, windowDays: 7 },
    { accountId, syncId, windowDays: null },
  ],
  RecordAdAccountSynced: [{ accountId, syncId, campaigns: 3, rows: 288, syncedAt: at }],
  RecordAdAccountSyncFailed: [{ accountId, syncId, error: 'token expired' }],
  RegisterAdCampaign: [
    { campaignId, accountId, platform: 'google', platformCampaignId: '987654321', ...details },
    { campaignId, accountId, platform: 'google', platformCampaignId: '987654321', ...noDetails },
  ],
  SetBudgetAllocation: [split],
  ProposeBudgetAllocation: [{ ...split, allocations: { meta: '0.00' } }],
};

const eventEnvelope = (type: string, data: unknown): EventEnvelope => ({
  eventId: randomUUID(),
  type,
  schemaVersion: 1,
  context: 'ads',
  streamId: `ads-account-${accountId}`,
  streamVersion: 3,
  globalPosition: '42',
  occurredAt: at,
  correlationId: randomUUID(),
  causationId: null,
  actor: 'user:a1b2c3d4-e5f6-4a5b-8c9d-0e1f2a3b4c5d',
  tenant: orgId,
  data,
});

const commandEnvelope = (type: string, data: unknown): CommandEnvelope => ({
  commandId: randomUUID(),
  type,
  schemaVersion: 1,
  context: 'ads',
  issuedAt: at,
  actor: 'service:analytics-ingest',
  correlationId: null,
  causationId: null,
  tenant: orgId,
  data,
});

const casesOf = (samples: Readonly<Record<string, readonly unknown[]>>) =>
  Object.entries(samples).flatMap(([type, list]) => list.map((data, i) => [type, i, data] as const));
const fieldNames = (schema: { readonly schema: { readonly fields: readonly object[] } }): string[] =>
  schema.schema.fields.map((f) => (f as { name: string }).name).sort();

describe('ads core event contracts', () => {
  it('have a schema for every accounts, campaigns and budgets event of the domain, and no other', () => {
    expect(Object.keys(adsCoreEventSchemas).sort()).toEqual(Object.keys(EVENTS).sort());
  });

  it.each(casesOf(EVENTS))('round-trip a %s event (sample %i) through the envelope unchanged', (type, _i, data) => {
    const original = eventEnvelope(type, data);
    expect(decodeEvent(encodeEvent(original))).toEqual(original);
  });

  it.each(Object.keys(EVENTS))('name exactly the fields of the domain event data of %s', (type) => {
    const sample = EVENTS[type as keyof EventSamples][0];
    expect(fieldNames(adsCoreEventSchemas[type as keyof typeof adsCoreEventSchemas])).toEqual(Object.keys(sample).sort());
  });
});

describe('ads core command contracts', () => {
  it('have a schema for every accounts, campaigns and budgets command of the domain, and no other', () => {
    expect(Object.keys(adsCoreCommandSchemas).sort()).toEqual(Object.keys(COMMANDS).sort());
  });

  it('every command that may travel is taken by exactly one decider', () => {
    const taken = ads.ADS_DECIDERS.flatMap((entry) => entry.commandTypes);
    for (const type of Object.keys(adsCoreCommandSchemas)) expect(taken.filter((t) => t === type)).toEqual([type]);
  });

  it.each(casesOf(COMMANDS))('round-trip a %s command (sample %i) through the envelope unchanged', (type, _i, data) => {
    const original = commandEnvelope(type, data);
    expect(decodeCommand(encodeCommand(original))).toEqual(original);
  });

  it('read omitted optional fields of a campaign as null (the decider reads null as not given)', () => {
    const sparse = commandEnvelope('RegisterAdCampaign', { campaignId, accountId, platform: 'meta', platformCampaignId: '2385' });
    expect(decodeCommand(encodeCommand(sparse)).data).toEqual({ campaignId, accountId, platform: 'meta', platformCampaignId: '2385', ...noDetails });
  });

  it('carry a budget split as platform → decimal string (seed 003: allocations JSONB)', () => {
    const decoded = decodeCommand(encodeCommand(commandEnvelope('SetBudgetAllocation', split))).data as typeof split;
    expect(decoded.allocations).toEqual({ google: '5000.00', meta: '3000.00' });
  });
});
