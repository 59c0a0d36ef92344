import { CAMPAIGN_ID, command, givenCampaign, NOW } from '../testing';
import { campaignIn } from '../testing';
import { MAX_DURATION_HOURS, MAX_METADATA_BYTES } from './campaign.decide';

const create = (data: Record<string, unknown>) => givenCampaign().when(command('CreateCampaign', { durationHours: 24, ...data }));
const HOUR = 3_600_000;

describe('when the campaign does not exist yet', () => {
  it('creates it as CREATED with the seed defaults auto_close = true and rewards_enabled = true', () => {
    expect(create({ metadata: { name: 'Spring' } })).toEqual([
      {
        type: 'CampaignCreated',
        data: { campaignId: CAMPAIGN_ID, durationHours: 24, autoClose: true, rewardsEnabled: true, startTime: null, endTime: null, metadata: { name: 'Spring' }, createdAt: NOW },
      },
    ]);
  });

  // seed 002: CONSTRAINT valid_duration CHECK (duration_hours > 0)
  it.each([0, -1, 1.5, Number.NaN, MAX_DURATION_HOURS + 1])('rejects duration_hours %p (valid_duration: duration_hours > 0)', (durationHours) => {
    expect(create({ durationHours })).toMatchObject({ code: 'INVALID_DURATION' });
  });

  it('accepts the smallest valid duration, one hour (valid_duration)', () => {
    expect(create({ durationHours: 1 })).toHaveLength(1);
  });

  // seed 002: calculated_end_time — end_time = start_time + duration_hours * INTERVAL '1 hour'
  it('sets end_time = start_time + duration_hours when start_time is given (calculated_end_time)', () => {
    const [event] = create({ durationHours: 36, startTime: '2026-04-02T08:00:00Z' }) as unknown as { data: { startTime: string; endTime: string } }[];
    expect(event.data.startTime).toBe('2026-04-02T08:00:00.000Z');
    expect(Date.parse(event.data.endTime) - Date.parse(event.data.startTime)).toBe(36 * HOUR);
  });

  // seed 002: CONSTRAINT valid_time_range CHECK (end_time IS NULL OR end_time > start_time)
  it('leaves end_time NULL while start_time is unknown (valid_time_range)', () => {
    expect(create({})).toEqual([expect.objectContaining({ data: expect.objectContaining({ startTime: null, endTime: null }) })]);
  });

  // seed 002: timers may not be scheduled in the past beyond a 1-minute tolerance.
  it('accepts a start_time up to one minute in the past and rejects an older one', () => {
    expect(create({ startTime: '2026-04-01T08:59:00.000Z' })).toHaveLength(1);
    expect(create({ startTime: '2026-04-01T08:58:59.999Z' })).toMatchObject({ code: 'START_TIME_IN_PAST' });
  });

  it.each(['tomorrow', '2026-04-02', '2026-04-02T08:00:00', 42])('rejects start_time %p that is not an ISO instant with a zone', (startTime) => {
    expect(create({ startTime })).toMatchObject({ code: 'INVALID_START_TIME' });
  });

  it.each([[['a']], ['text'], [null]])('rejects metadata %p that is not a JSON object', (metadata) => {
    expect(create({ metadata })).toMatchObject({ code: 'INVALID_METADATA' });
  });

  it('rejects metadata larger than the limit', () => {
    expect(create({ metadata: { blob: 'x'.repeat(MAX_METADATA_BYTES) } })).toMatchObject({ code: 'INVALID_METADATA' });
  });

  it('rejects a campaign id that is not a UUID', () => {
    expect(create({ campaignId: 'campaign-1' })).toMatchObject({ code: 'INVALID_CAMPAIGN_ID' });
  });

  it('rejects non-boolean flags', () => {
    expect(create({ autoClose: 'yes' })).toMatchObject({ code: 'INVALID_FLAG' });
  });
});

describe('when the campaign exists', () => {
  it('rejects a second creation with the same id', () => {
    expect(givenCampaign(campaignIn('CREATED')).when(command('CreateCampaign', { durationHours: 5 }))).toMatchObject({ code: 'CAMPAIGN_ALREADY_EXISTS' });
  });

  // seed 002: calculated_end_time, applied when the campaign actually starts.
  it('fixes start_time at the actual start and end_time = start_time + duration_hours (calculated_end_time)', () => {
    const decision = givenCampaign(campaignIn('CREATED', { durationHours: 10, startTime: '2026-04-05T00:00:00Z' })).when(command('StartCampaign'));
    expect(decision).toEqual([
      expect.objectContaining({ data: expect.objectContaining({ startTime: NOW, endTime: new Date(Date.parse(NOW) + 10 * HOUR).toISOString() }) }),
    ]);
  });
});
