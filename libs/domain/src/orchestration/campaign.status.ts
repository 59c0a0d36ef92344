/**
 * A campaign's status: draft → active ⇄ paused → completed | cancelled (a draft may also be
 * cancelled). The first activation records actual_start, and seed 000 chk_campaign_timeline
 * then needs the deadline after it.
 */
import type { Command, Decision } from '../shared/decider';
import { nowIsoOf, nowOf, roleRequired, tenantOf, WRITERS } from './access';
import type { CampaignEvent, CampaignState } from './campaign';
import { OrchestrationErrorCode as Code, reject } from './errors';
import { timelineError } from './rules';
import { CAMPAIGN_STATUSES, type CampaignStatus } from './values';

export type ChangeCampaignStatus = Command<'ChangeCampaignStatus', { readonly campaignId: string; readonly status: CampaignStatus }>;

/** The statuses each status may move to. */
export const CAMPAIGN_TRANSITIONS: Readonly<Record<CampaignStatus, readonly CampaignStatus[]>> = {
  draft: ['active', 'cancelled'],
  active: ['paused', 'completed', 'cancelled'],
  paused: ['active', 'completed', 'cancelled'],
  completed: [],
  cancelled: [],
};

export const campaignStatus = (command: ChangeCampaignStatus, state: CampaignState): Decision<CampaignEvent> => {
  const denied = roleRequired(command, WRITERS);
  if (denied) return denied;
  const { campaignId, status: to } = command.data;
  const campaign = state.campaign;
  if (campaign === null || campaign.deleted) return reject(Code.CAMPAIGN_NOT_FOUND, `Campaign ${campaignId} does not exist`, { campaignId });
  if (!(CAMPAIGN_STATUSES as readonly unknown[]).includes(to))
    return reject(Code.CAMPAIGN_INVALID, `A campaign status is one of ${CAMPAIGN_STATUSES.join(', ')}`, { field: 'status' });
  const from = campaign.status;
  // Asking for the status the campaign has is answered without a new fact (a repeated request).
  if (from === to) return [];
  if (!CAMPAIGN_TRANSITIONS[from].includes(to)) return reject(Code.CAMPAIGN_STATUS_TRANSITION_INVALID, `A ${from} campaign cannot become ${to}`, { from, to });
  const actualStart = campaign.actualStart ?? (to === 'active' ? nowIsoOf(command) : null);
  if (actualStart !== campaign.actualStart) {
    // seed 000 chk_campaign_timeline: deadline > actual_start.
    const timeline = timelineError({
      deadline: campaign.deadline === null ? null : Date.parse(campaign.deadline),
      scheduledStart: null,
      actualStart: nowOf(command),
    });
    if (timeline) return timeline;
  }
  return [{ type: 'CampaignStatusChanged', data: { orgId: tenantOf(command), campaignId, from, to, actualStart, changedAt: nowIsoOf(command) } }];
};
