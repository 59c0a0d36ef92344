import { DomainError } from '../shared/decider';
import { accepted, given, history, rejected, unchecked } from '../testing';
import { CAMPAIGN_STATUSES, type CampaignState, type JsonObject } from './campaign';
import { type CampaignCommand, campaignDecider, MAX_DURATION_HOURS, MAX_METADATA_BYTES, PAST_TOLERANCE_MS } from './campaign.decide';
import { atNow, CAMPAIGN_ID, campaignIn, HOUR_MS, lifecycleCommand as command, lifecycleEvent as event, NOW, PARTICIPANT } from './testing';

const whenCreating = (data: Parameters<typeof command.create>[0]) => given(campaignDecider).when(command.create(data));

/** `{"blob":"…"}` whose JSON takes exactly `bytes` bytes of UTF-8. */
const metadataOfBytes = (bytes: number): JsonObject => ({ blob: 'x'.repeat(bytes - '{"blob":""}'.length) });

describe('when the campaign does not exist', () => {
  // seed 002: campaigns — auto_close DEFAULT true, rewards_enabled DEFAULT true, start_time and end_time NULL
  it('CreateCampaign records CampaignCreated with the column defaults auto_close = true and rewards_enabled = true', () => {
    whenCreating({ metadata: { name: 'Spring' } }).then([event.created({ metadata: { name: 'Spring' } })]);
  });

  it('records the auto_close and rewards_enabled flags it is given', () => {
    whenCreating({ autoClose: false, rewardsEnabled: false }).then([event.created({ autoClose: false, rewardsEnabled: false })]);
  });

  // seed 002: CONSTRAINT valid_duration CHECK (duration_hours > 0); duration_hours INTEGER
  it.each([0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, MAX_DURATION_HOURS + 1])('valid_duration: duration_hours = %p is rejected', (durationHours) => {
    whenCreating({ durationHours }).thenRejects('INVALID_DURATION');
  });

  // seed 002: duration_hours INTEGER NOT NULL
  it.each([[unchecked<number>('24')], [unchecked<number>(null)]])('valid_duration: duration_hours = %p, not a number, is rejected', (durationHours) => {
    whenCreating({ durationHours }).thenRejects('INVALID_DURATION');
  });

  // seed 002: CONSTRAINT valid_duration CHECK (duration_hours > 0)
  it.each([1, MAX_DURATION_HOURS])('valid_duration: duration_hours = %p is accepted', (durationHours) => {
    whenCreating({ durationHours }).then([event.created({ durationHours })]);
  });

  // seed 002: calculated_end_time — end_time = start_time + (duration_hours * INTERVAL '1 hour')
  it('calculated_end_time: end_time = start_time + duration_hours hours when start_time is given', () => {
    whenCreating({ durationHours: 36, startTime: atNow(2 * HOUR_MS) }).then([
      event.created({ durationHours: 36, startTime: atNow(2 * HOUR_MS), endTime: atNow(38 * HOUR_MS) }),
    ]);
  });

  // seed 002: CONSTRAINT valid_time_range CHECK (end_time IS NULL OR end_time > start_time)
  it('valid_time_range: end_time stays NULL while start_time is not set', () => {
    whenCreating({ startTime: null }).then([event.created({ startTime: null, endTime: null })]);
  });

  // seed 002: start_time TIMESTAMP WITH TIME ZONE
  it('start_time is an instant with a zone, recorded in UTC', () => {
    whenCreating({ durationHours: 1, startTime: '2026-04-01T12:00:00+02:00' }).then([
      event.created({ durationHours: 1, startTime: '2026-04-01T10:00:00.000Z', endTime: '2026-04-01T11:00:00.000Z' }),
    ]);
  });

  // seed 002: start_time TIMESTAMP WITH TIME ZONE
  it.each([
    ['tomorrow'],
    ['2026-04-02'],
    ['2026-04-02T08:00:00'],
    ['2026-04-02 08:00:00Z'],
    ['2026-04-31T08:00:00Z'],
    ['2027-02-29T08:00:00Z'],
    ['2026-13-01T08:00:00Z'],
    [unchecked<string>(42)],
  ])('start_time %p that is not an ISO-8601 instant with a zone is rejected', (startTime) => {
    whenCreating({ startTime }).thenRejects('INVALID_START_TIME');
  });

  it('start_time on a leap day that exists is accepted', () => {
    expect(accepted(whenCreating({ startTime: '2028-02-29T08:00:00Z' }))).toHaveLength(1);
  });

  // seed 002: validate_timer_schedule — no scheduling in the past (with 1 minute tolerance)
  it('start_time up to 1 minute in the past is accepted', () => {
    expect(accepted(whenCreating({ startTime: atNow(-PAST_TOLERANCE_MS) }))).toHaveLength(1);
  });

  // seed 002: validate_timer_schedule — 'Cannot schedule timer in the past'
  it('start_time more than 1 minute in the past is rejected as START_TIME_IN_PAST', () => {
    whenCreating({ startTime: atNow(-PAST_TOLERANCE_MS - 1) }).thenRejects('START_TIME_IN_PAST', { details: { startTime: atNow(-PAST_TOLERANCE_MS - 1) } });
  });

  // seed 002: metadata JSONB NOT NULL DEFAULT '{}'
  it.each([
    ['an array', ['a']],
    ['a string', 'text'],
    ['null', null],
    ['a Date', new Date(NOW)],
    ['an object with a Date inside', { at: new Date(NOW) }],
    ['an object with NaN inside', { score: Number.NaN }],
    ['an object with undefined inside', { nested: { gone: undefined } }],
    ['an object with a function inside', { run: () => 1 }],
    ['an object with a BigInt inside', { big: BigInt(1) }],
  ])('metadata that is %s, not a JSON object, is rejected', (_what, metadata) => {
    whenCreating({ metadata: unchecked<JsonObject>(metadata) }).thenRejects('INVALID_METADATA');
  });

  it('metadata that refers to itself is rejected', () => {
    const metadata: Record<string, unknown> = { name: 'loop' };
    metadata.self = metadata;
    whenCreating({ metadata }).thenRejects('INVALID_METADATA');
  });

  it('metadata nesting objects, arrays, numbers, booleans and null is accepted as is', () => {
    const metadata = { name: 'Spring', tags: ['a', 'b'], budget: { amount: 12.5, capped: true, owner: null } };
    whenCreating({ metadata }).then([event.created({ metadata })]);
  });

  it(`metadata of exactly ${MAX_METADATA_BYTES} bytes of JSON is accepted, one byte more is rejected`, () => {
    expect(accepted(whenCreating({ metadata: metadataOfBytes(MAX_METADATA_BYTES) }))).toHaveLength(1);
    whenCreating({ metadata: metadataOfBytes(MAX_METADATA_BYTES + 1) }).thenRejects('INVALID_METADATA');
  });

  it('the metadata size limit counts UTF-8 bytes, not characters', () => {
    const halfAsManyTwoByteCharacters = { blob: 'é'.repeat(MAX_METADATA_BYTES / 2) };
    whenCreating({ metadata: halfAsManyTwoByteCharacters }).thenRejects('INVALID_METADATA');
  });

  // seed 002: campaigns.id UUID PRIMARY KEY
  it.each(['campaign-1', '', '3f6c1e9a2b7d4c1e9f3a5d6e7f8a9b0c', `${CAMPAIGN_ID}0`, CAMPAIGN_ID.toUpperCase()])(
    'campaignId %p that is not a lowercase UUID is rejected',
    (campaignId) => {
      whenCreating({ campaignId }).thenRejects('INVALID_CAMPAIGN_ID', { details: { campaignId } });
    },
  );

  // seed 002: auto_close BOOLEAN NOT NULL, rewards_enabled BOOLEAN NOT NULL
  it.each([{ autoClose: unchecked<boolean>('yes') }, { rewardsEnabled: unchecked<boolean>(null) }])('flags that are not booleans are rejected: %p', (flags) => {
    whenCreating(flags).thenRejects('INVALID_FLAG');
  });

  it.each<CampaignCommand>([command.start(), command.close(), command.openRewardClaim(), command.expire(), command.join(), command.engage(), command.claim()])(
    '$type on a campaign that does not exist is rejected as CAMPAIGN_NOT_FOUND',
    (missing) => {
      given(campaignDecider)
        .when(missing)
        .thenRejects('CAMPAIGN_NOT_FOUND', { details: { campaignId: CAMPAIGN_ID } });
    },
  );
});

describe.each(CAMPAIGN_STATUSES)('when the campaign is %s', (status) => {
  // seed 002: campaigns.id UUID PRIMARY KEY
  it('a second CreateCampaign with the same id is rejected as CAMPAIGN_ALREADY_EXISTS', () => {
    given(campaignDecider, campaignIn(status))
      .when(command.create({ durationHours: 5 }))
      .thenRejects('CAMPAIGN_ALREADY_EXISTS', { details: { campaignId: CAMPAIGN_ID } });
  });
});

describe('decide and evolve', () => {
  const life: CampaignCommand[] = [
    command.create({ rewardsEnabled: true }),
    command.start(),
    command.join(),
    command.engage({ participantId: PARTICIPANT }),
    command.close({ trigger: 'TIMER' }),
    command.openRewardClaim(),
    command.claim({ rewardId: 'voucher-1' }),
    command.expire({ trigger: 'TIMER' }),
  ];

  afterEach(() => jest.useRealTimers());

  it('decide is deterministic: the same command on the same events gives deep-equal decisions, whatever the clock', () => {
    const events = history(campaignDecider, life.slice(0, 3));
    const decideAt = (clock: string, next: CampaignCommand) => {
      jest.useFakeTimers().setSystemTime(new Date(clock));
      return given(campaignDecider, events).when(next).decision;
    };
    for (const next of [...life, command.join({ participantId: 'participant:bob' })]) {
      expect(decideAt('2030-01-01T00:00:00Z', next)).toEqual(decideAt('2040-06-15T12:34:56Z', next));
    }
  });

  it('a rejection is a DomainError with the same code, message and details every time', () => {
    const first = rejected(given(campaignDecider, campaignIn('EXPIRED')).when(command.start()));
    const second = rejected(given(campaignDecider, campaignIn('EXPIRED')).when(command.start()));
    expect(first).toBeInstanceOf(DomainError);
    expect([second.code, second.message, second.details]).toEqual([first.code, first.message, first.details]);
  });

  it('evolve folds a full life CREATED → RUNNING → CLOSED → REWARD_CLAIM → EXPIRED', () => {
    const events = history(campaignDecider, life);
    const statuses = events.map((_, i) => {
      const state = given(campaignDecider, events.slice(0, i + 1)).state();
      return state.exists ? state.status : 'none';
    });
    expect(statuses).toEqual(['CREATED', 'RUNNING', 'RUNNING', 'RUNNING', 'CLOSED', 'REWARD_CLAIM', 'REWARD_CLAIM', 'EXPIRED']);
    expect(given(campaignDecider, events).state()).toEqual<CampaignState>({
      exists: true,
      campaignId: CAMPAIGN_ID,
      status: 'EXPIRED',
      durationHours: 24,
      autoClose: true,
      rewardsEnabled: true,
      startTime: NOW,
      endTime: atNow(24 * HOUR_MS),
      participants: new Set([PARTICIPANT]),
      rewardsClaimedBy: new Set([PARTICIPANT]),
    });
  });

  it('evolve leaves the state it folds from unchanged', () => {
    const running = given(campaignDecider, campaignIn('RUNNING')).state();
    const untouched = given(campaignDecider, campaignIn('RUNNING')).state();
    campaignDecider.evolve(running, event.joined());
    campaignDecider.evolve(running, event.transitioned('RUNNING', 'CLOSED'));
    expect(running).toEqual(untouched);
  });
});
