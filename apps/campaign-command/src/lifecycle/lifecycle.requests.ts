import { lifecycle } from '@campaign/domain';
import { z } from '@campaign/runtime';

/** Request bodies: shapes only. The rules (duration > 0, time windows…) are the decider's. */
export const createCampaignBody = z
  .object({
    commandId: z.string().optional(),
    campaignId: z.string().optional(),
    durationHours: z.number(),
    autoClose: z.boolean().optional(),
    rewardsEnabled: z.boolean().optional(),
    startTime: z.string().nullable().optional(),
    metadata: z.record(z.unknown()).optional(),
  })
  .strict();

export const transitionBody = z
  .object({
    commandId: z.string().optional(),
    trigger: z.enum(lifecycle.TRANSITION_TRIGGERS).optional(),
    reason: z.string().max(500).nullable().optional(),
  })
  .strict();

export const joinBody = z.object({ commandId: z.string().optional(), participantId: z.string() }).strict();

export const engagementBody = z
  .object({ commandId: z.string().optional(), participantId: z.string().nullable().optional(), engagementType: z.string() })
  .strict();

export const rewardClaimBody = z.object({ commandId: z.string().optional(), participantId: z.string(), rewardId: z.string().nullable().optional() }).strict();

/** The URL segment of each transition command. */
export const TRANSITION_ROUTES = {
  start: 'StartCampaign',
  close: 'CloseCampaign',
  'open-reward-claim': 'OpenRewardClaim',
  expire: 'ExpireCampaign',
} as const satisfies Record<string, keyof typeof lifecycle.TRANSITION_TARGETS>;
