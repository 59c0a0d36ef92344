import { randomUUID } from 'node:crypto';
import { decodeCommand, decodeCommandResult, decodeEvent, encodeCommand, encodeCommandResult, encodeEvent, type EventEnvelope } from './envelope';
import { ContractError } from './errors';

const envelope = (type: string, data: unknown): EventEnvelope => ({
  eventId: randomUUID(),
  type,
  schemaVersion: 1,
  context: 'lifecycle',
  streamId: 'campaign-1',
  streamVersion: 3,
  globalPosition: '9007199254740993',
  occurredAt: '2026-05-01T12:00:00.123Z',
  correlationId: 'corr',
  causationId: null,
  actor: 'user:1',
  tenant: null,
  data,
});

const campaignId = '0b0f7a2e-5f61-4f7e-9d7c-1d2f3a4b5c6d';
const EVENTS: [string, unknown][] = [
  [
    'CampaignCreated',
    {
      campaignId,
      durationHours: 48,
      autoClose: true,
      rewardsEnabled: false,
      startTime: null,
      endTime: null,
      metadata: { name: 'x', tags: ['a'] },
      createdAt: '2026-05-01T12:00:00.000Z',
    },
  ],
  [
    'CampaignCreated',
    {
      campaignId,
      durationHours: 1,
      autoClose: false,
      rewardsEnabled: true,
      startTime: '2026-05-02T00:00:00.000Z',
      endTime: '2026-05-02T01:00:00.000Z',
      metadata: {},
      createdAt: '2026-05-01T12:00:00.000Z',
    },
  ],
  [
    'StateTransitioned',
    {
      campaignId,
      from: 'CREATED',
      to: 'RUNNING',
      trigger: 'TIMER',
      reason: null,
      startTime: '2026-05-02T00:00:00.000Z',
      endTime: '2026-05-02T01:00:00.000Z',
      transitionedAt: '2026-05-02T00:00:00.000Z',
    },
  ],
  [
    'StateTransitioned',
    {
      campaignId,
      from: 'CLOSED',
      to: 'EXPIRED',
      trigger: 'MANUAL',
      reason: 'done',
      startTime: null,
      endTime: null,
      transitionedAt: '2026-05-02T00:00:00.000Z',
    },
  ],
  ['ParticipantJoined', { campaignId, participantId: 'p-1', joinedAt: '2026-05-02T00:00:00.000Z' }],
  ['EngagementRecorded', { campaignId, participantId: null, engagementType: 'view', recordedAt: '2026-05-02T00:00:00.000Z' }],
  ['EngagementRecorded', { campaignId, participantId: 'p-1', engagementType: 'share', recordedAt: '2026-05-02T00:00:00.000Z' }],
  ['RewardClaimed', { campaignId, participantId: 'p-1', rewardId: null, claimedAt: '2026-05-02T00:00:00.000Z' }],
];

const COMMANDS: [string, unknown][] = [
  ['CreateCampaign', { campaignId, durationHours: 5, autoClose: null, rewardsEnabled: true, startTime: '2026-06-01T00:00:00.000Z', metadata: { a: 1 } }],
  ['CreateCampaign', { campaignId, durationHours: 5, autoClose: null, rewardsEnabled: null, startTime: null, metadata: null }],
  ['StartCampaign', { campaignId, trigger: 'TIMER', reason: null }],
  ['CloseCampaign', { campaignId, trigger: null, reason: 'early' }],
  ['OpenRewardClaim', { campaignId, trigger: null, reason: null }],
  ['ExpireCampaign', { campaignId, trigger: 'SYSTEM', reason: null }],
  ['JoinCampaign', { campaignId, participantId: 'p' }],
  ['RecordEngagement', { campaignId, participantId: null, engagementType: 'click' }],
  ['ClaimReward', { campaignId, participantId: 'p', rewardId: 'r' }],
];

describe('the wire envelope', () => {
  it.each(EVENTS)('round-trips a %s event unchanged', (type, data) => {
    const original = envelope(type, data);
    expect(decodeEvent(encodeEvent(original))).toEqual(original);
  });

  it.each(COMMANDS)('round-trips a %s command unchanged', (type, data) => {
    const original = {
      commandId: randomUUID(),
      type,
      schemaVersion: 1,
      context: 'lifecycle',
      issuedAt: '2026-05-01T12:00:00.000Z',
      actor: 'svc',
      correlationId: null,
      causationId: 'c',
      tenant: 'org-1',
      data,
    };
    expect(decodeCommand(encodeCommand(original))).toEqual(original);
  });

  it('round-trips accepted and rejected command results', () => {
    const accepted = {
      commandId: 'c1',
      context: 'lifecycle',
      status: 'ACCEPTED' as const,
      streamId: 's',
      streamVersion: 4,
      code: null,
      message: null,
      details: null,
      processedAt: '2026-05-01T12:00:00.000Z',
    };
    const rejected = {
      ...accepted,
      status: 'REJECTED' as const,
      streamVersion: null,
      code: 'INVALID_STATE_TRANSITION',
      message: 'no',
      details: { from: 'CREATED', to: 'CLOSED' },
    };
    expect(decodeCommandResult(encodeCommandResult(accepted))).toEqual(accepted);
    expect(decodeCommandResult(encodeCommandResult(rejected))).toEqual(rejected);
  });

  it('starts every message with the format marker byte 0x01', () => {
    expect(encodeEvent(envelope(...EVENTS[4]))[0]).toBe(0x01);
  });

  it('refuses a wrong-shaped event with SCHEMA_MISMATCH naming the field', () => {
    const bad = envelope('ParticipantJoined', { campaignId, participantId: 42, joinedAt: '2026-05-02T00:00:00.000Z' });
    expect(() => encodeEvent(bad)).toThrow(expect.objectContaining({ code: 'SCHEMA_MISMATCH', message: expect.stringContaining('participantId') }));
    const badTime = envelope('ParticipantJoined', { campaignId, participantId: 'p', joinedAt: 'yesterday' });
    expect(() => encodeEvent(badTime)).toThrow(expect.objectContaining({ code: 'SCHEMA_MISMATCH', message: expect.stringContaining('joinedAt') }));
  });

  it('refuses an unknown event type with UNKNOWN_EVENT_TYPE', () => {
    expect(() => encodeEvent(envelope('CampaignVanished', {}))).toThrow(expect.objectContaining({ code: 'UNKNOWN_EVENT_TYPE' }));
  });

  it('refuses bytes that are not a platform message with MALFORMED_MESSAGE', () => {
    for (const garbage of [Buffer.from('{"json":true}'), Buffer.alloc(0), Buffer.of(0x01, 0xff, 0xff, 0xff)]) {
      expect(() => decodeEvent(garbage)).toThrow(ContractError);
      expect(() => decodeEvent(garbage)).toThrow(expect.objectContaining({ code: 'MALFORMED_MESSAGE' }));
    }
  });
});
