import { ContractError } from './errors';
import { MAX_EVENT_BYTES, validateEventData } from './registry';

describe('an event must fit one Kafka request (the relay cannot publish what the broker refuses)', () => {
  const created = (metadata: Record<string, unknown>) => ({
    campaignId: '6f1c6e0e-0c5d-4b8e-9d7a-1a2b3c4d5e6f',
    durationHours: 24,
    autoClose: true,
    rewardsEnabled: true,
    startTime: null,
    endTime: null,
    metadata,
    createdAt: '2026-12-04T10:00:00.000Z',
  });

  it('refuses an event over MAX_EVENT_BYTES with EVENT_TOO_LARGE', () => {
    const attempt = () => validateEventData('lifecycle', 'CampaignCreated', created({ blob: 'x'.repeat(MAX_EVENT_BYTES) }));
    expect(attempt).toThrow(ContractError);
    expect(attempt).toThrow(expect.objectContaining({ code: 'EVENT_TOO_LARGE' }));
  });

  it('accepts one just under it', () => {
    expect(() => validateEventData('lifecycle', 'CampaignCreated', created({ blob: 'x'.repeat(MAX_EVENT_BYTES - 1_000) }))).not.toThrow();
  });
});
