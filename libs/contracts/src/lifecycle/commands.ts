import { json, optional, timestamp } from '../avro';
import { transitionTrigger } from './events';

/**
 * Avro schemas of the lifecycle commands' data. Optional fields are nullable with default
 * null; campaign-command leaves them out so the decider's defaults apply.
 */
const NS = 'campaign.lifecycle.commands';

const transition = (name: string) => ({
  version: 1,
  schema: {
    type: 'record',
    name,
    namespace: NS,
    fields: [
      { name: 'campaignId', type: 'string' },
      { name: 'trigger', ...optional(transitionTrigger) },
      { name: 'reason', ...optional('string') },
    ],
  },
});

export const lifecycleCommandSchemas = {
  CreateCampaign: {
    version: 1,
    schema: {
      type: 'record',
      name: 'CreateCampaign',
      namespace: NS,
      fields: [
        { name: 'campaignId', type: 'string' },
        { name: 'durationHours', type: 'int' },
        { name: 'autoClose', ...optional('boolean') },
        { name: 'rewardsEnabled', ...optional('boolean') },
        { name: 'startTime', ...optional(timestamp) },
        { name: 'metadata', ...optional(json) },
      ],
    },
  },
  StartCampaign: transition('StartCampaign'),
  CloseCampaign: transition('CloseCampaign'),
  OpenRewardClaim: transition('OpenRewardClaim'),
  ExpireCampaign: transition('ExpireCampaign'),
  JoinCampaign: {
    version: 1,
    schema: {
      type: 'record',
      name: 'JoinCampaign',
      namespace: NS,
      fields: [
        { name: 'campaignId', type: 'string' },
        { name: 'participantId', type: 'string' },
      ],
    },
  },
  RecordEngagement: {
    version: 1,
    schema: {
      type: 'record',
      name: 'RecordEngagement',
      namespace: NS,
      fields: [
        { name: 'campaignId', type: 'string' },
        { name: 'participantId', ...optional('string') },
        { name: 'engagementType', type: 'string' },
      ],
    },
  },
  ClaimReward: {
    version: 1,
    schema: {
      type: 'record',
      name: 'ClaimReward',
      namespace: NS,
      fields: [
        { name: 'campaignId', type: 'string' },
        { name: 'participantId', type: 'string' },
        { name: 'rewardId', ...optional('string') },
      ],
    },
  },
  RemindRewardClaim: {
    version: 1,
    schema: {
      type: 'record',
      name: 'RemindRewardClaim',
      namespace: NS,
      fields: [{ name: 'campaignId', type: 'string' }],
    },
  },
} as const;
