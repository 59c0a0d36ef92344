import { json, optional, timestamp } from '../avro';
import { timerEventSchemas } from './timer-events';

/**
 * Avro schemas of the lifecycle events' data (seed 002), one per type and version. The field
 * names and meanings are the domain's (libs/domain/src/lifecycle/campaign.ts).
 */
const NS = 'campaign.lifecycle.events';

const campaignStatus = {
  type: 'enum',
  name: 'CampaignStatus',
  namespace: 'campaign.lifecycle',
  symbols: ['CREATED', 'RUNNING', 'CLOSED', 'REWARD_CLAIM', 'EXPIRED'],
} as const;

export const transitionTrigger = {
  type: 'enum',
  name: 'TransitionTrigger',
  namespace: 'campaign.lifecycle',
  symbols: ['MANUAL', 'TIMER', 'SYSTEM'],
} as const;

export const lifecycleEventSchemas = {
  CampaignCreated: {
    version: 1,
    schema: {
      type: 'record',
      name: 'CampaignCreated',
      namespace: NS,
      fields: [
        { name: 'campaignId', type: 'string' },
        { name: 'durationHours', type: 'int' },
        { name: 'autoClose', type: 'boolean' },
        { name: 'rewardsEnabled', type: 'boolean' },
        { name: 'startTime', ...optional(timestamp) },
        { name: 'endTime', ...optional(timestamp) },
        { name: 'metadata', type: json },
        { name: 'createdAt', type: timestamp },
      ],
    },
  },
  StateTransitioned: {
    version: 1,
    schema: {
      type: 'record',
      name: 'StateTransitioned',
      namespace: NS,
      fields: [
        { name: 'campaignId', type: 'string' },
        { name: 'from', type: campaignStatus },
        { name: 'to', type: 'campaign.lifecycle.CampaignStatus' },
        { name: 'trigger', type: transitionTrigger },
        { name: 'reason', ...optional('string') },
        { name: 'startTime', ...optional(timestamp) },
        { name: 'endTime', ...optional(timestamp) },
        { name: 'transitionedAt', type: timestamp },
      ],
    },
  },
  ParticipantJoined: {
    version: 1,
    schema: {
      type: 'record',
      name: 'ParticipantJoined',
      namespace: NS,
      fields: [
        { name: 'campaignId', type: 'string' },
        { name: 'participantId', type: 'string' },
        { name: 'joinedAt', type: timestamp },
      ],
    },
  },
  EngagementRecorded: {
    version: 1,
    schema: {
      type: 'record',
      name: 'EngagementRecorded',
      namespace: NS,
      fields: [
        { name: 'campaignId', type: 'string' },
        { name: 'participantId', ...optional('string') },
        { name: 'engagementType', type: 'string' },
        { name: 'recordedAt', type: timestamp },
      ],
    },
  },
  RewardClaimed: {
    version: 1,
    schema: {
      type: 'record',
      name: 'RewardClaimed',
      namespace: NS,
      fields: [
        { name: 'campaignId', type: 'string' },
        { name: 'participantId', type: 'string' },
        { name: 'rewardId', ...optional('string') },
        { name: 'claimedAt', type: timestamp },
      ],
    },
  },
  RewardReminderIssued: {
    version: 1,
    schema: {
      type: 'record',
      name: 'RewardReminderIssued',
      namespace: NS,
      fields: [
        { name: 'campaignId', type: 'string' },
        { name: 'remindedAt', type: timestamp },
      ],
    },
  },
  ...timerEventSchemas,
} as const;
