/**
 * Test builders for the alert, recommendation and automation deciders (seed 003): ids, who acts,
 * and the default commands. Production code never imports this file.
 */
import type { Command, CommandMetadata } from '../shared/decider';
import type { AcknowledgeAlert, RaiseAlert, ResolveAlert } from './alert.decide';
import type { BudgetAllocationSet } from './budgets';
import type { CampaignRegisteredShape } from './insight.rules';
import type { ProposeRecommendation } from './recommendation.decide';

export const NOW = '2026-06-10T09:00:00.000Z';
export const TODAY = '2026-06-10';
export const ORG_ID = '0a000000-0000-4000-8000-000000000001';
export const OTHER_ORG_ID = '0a000000-0000-4000-8000-000000000002';
export const CAMPAIGN_ID = 'ca000000-0000-4000-8000-000000000001';
export const MARKETER_ID = 'b0000000-0000-4000-8000-00000000000a';
export const ADMIN_ID = 'b0000000-0000-4000-8000-00000000000b';
export const RECOMMENDATION_ID = 'ec000000-0000-4000-8000-000000000001';
export const ACTION_ID = 'ac000000-0000-4000-8000-000000000001';

/** The instant `ms` after NOW (before, when negative). */
export const after = (ms: number): string => new Date(Date.parse(NOW) + ms).toISOString();
export const HOUR = 3_600_000;

const base: CommandMetadata = { commandId: 'cmd-1', now: NOW, actor: 'service:ads-analyzer', tenant: ORG_ID };
/** Who acts: an internal service (the system: evaluator, analyzer, executor, timers), or a person with a role. */
export const as = {
  service: (extra: Partial<CommandMetadata> = {}): CommandMetadata => ({ ...base, ...extra }),
  marketer: (extra: Partial<CommandMetadata> = {}): CommandMetadata => ({ ...base, actor: `user:${MARKETER_ID}`, role: 'marketer', ...extra }),
  admin: (extra: Partial<CommandMetadata> = {}): CommandMetadata => ({ ...base, actor: `user:${ADMIN_ID}`, role: 'admin', ...extra }),
  analyst: (extra: Partial<CommandMetadata> = {}): CommandMetadata => ({ ...base, actor: `user:${MARKETER_ID}`, role: 'analyst', ...extra }),
  /** A user's token without a role. */
  roleless: (extra: Partial<CommandMetadata> = {}): CommandMetadata => ({ ...base, actor: `user:${MARKETER_ID}`, ...extra }),
};

export const command = <C extends Command>(type: C['type'], data: C['data'], metadata: CommandMetadata = as.service()): C => ({ type, data, metadata }) as C;

/** The campaign registered by an org (H1's event, as the insight deciders read it). */
export const campaignRegistered = (orgId = ORG_ID, campaignId = CAMPAIGN_ID, platform = 'google'): CampaignRegisteredShape => ({
  type: 'AdCampaignRegistered',
  data: { campaignId, orgId, platform },
});

export const raiseAlertData: RaiseAlert['data'] = {
  campaignId: CAMPAIGN_ID,
  alertType: 'ROAS_DROP',
  severity: 'HIGH',
  platform: 'google',
  message: 'ROAS fell to 1.2 against a 7-day baseline of 3.1',
  metricName: 'roas',
  metricValue: '1.2000',
  thresholdValue: '2.1700',
};
export const raiseAlert = (data: Partial<RaiseAlert['data']> = {}, metadata = as.service()) =>
  command<RaiseAlert>('RaiseAlert', { ...raiseAlertData, ...data }, metadata);
export const acknowledgeAlert = (data: Partial<AcknowledgeAlert['data']> = {}, metadata = as.marketer()) =>
  command<AcknowledgeAlert>('AcknowledgeAlert', { campaignId: CAMPAIGN_ID, alertType: 'ROAS_DROP', ...data }, metadata);
export const resolveAlert = (data: Partial<ResolveAlert['data']> = {}, metadata = as.marketer()) =>
  command<ResolveAlert>('ResolveAlert', { campaignId: CAMPAIGN_ID, alertType: 'ROAS_DROP', ...data }, metadata);

export const budgetAction = {
  actionType: 'BUDGET_CHANGE',
  platform: 'google',
  previousState: { budgetAmount: '100.00' },
  newState: { budgetAmount: '150.00' },
  changeAmount: '50.00',
} as const;

export const proposeData: ProposeRecommendation['data'] = {
  recommendationId: RECOMMENDATION_ID,
  campaignId: CAMPAIGN_ID,
  recommendationType: 'BUDGET_REALLOCATION',
  text: 'Move 50.00 a day to this campaign: its marginal ROAS is 4.2 against 1.8',
  confidence: 0.86,
  provider: 'statistical',
  action: budgetAction,
  baseline: { roas: '4.2000', spend: '700.00' },
};
export const propose = (data: Partial<ProposeRecommendation['data']> = {}, metadata = as.service()) =>
  command<ProposeRecommendation>('ProposeRecommendation', { ...proposeData, ...data }, metadata);

/** A budget allocation a person set, for June 2026 (H1's event). */
export const allocationSet = (allocations: Record<string, string>, aiSuggested = false): BudgetAllocationSet => ({
  type: 'BudgetAllocationSet',
  data: {
    allocationId: 'a1000000-0000-4000-8000-000000000001',
    orgId: ORG_ID,
    periodStart: '2026-06-01',
    periodEnd: '2026-06-30',
    totalBudget: '10000.00',
    allocations,
    aiSuggested,
    createdBy: `user:${ADMIN_ID}`,
    createdAt: '2026-05-30T10:00:00.000Z',
  },
});
