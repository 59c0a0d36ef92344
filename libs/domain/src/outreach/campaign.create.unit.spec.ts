import { accepted, given, rejected, unchecked } from '../testing';
import type { CampaignFields } from './commands';
import { campaignDecider } from './campaign.decide';
import {
  ADMIN_ID,
  CAMPAIGN_ID,
  campaignIn,
  dayOffset,
  directory,
  NOW,
  ORG_ID,
  outreachCommand as command,
  outreachEvent as event,
  RECRUITER_ID,
  SETTINGS,
  TEMPLATE,
  TODAY,
} from './testing';

const whenCreating = (data: CampaignFields & { ownerId?: string; createdBy?: string | null } = {}, metadata = {}) =>
  given(campaignDecider, directory()).when(command.createCampaign(data, metadata));
const fieldOf = (decision: ReturnType<typeof whenCreating>) => rejected(decision).details['field'];

describe('when the campaign does not exist', () => {
  // seed 004: campaigns — campaign_type DEFAULT 'talent_sourcing', channel DEFAULT 'email', is_ab_test DEFAULT FALSE, ab_split_percentage DEFAULT 50
  it("CreateCampaign records CampaignCreated with the seed's defaults applied", () => {
    whenCreating().then([
      { type: 'CampaignCreated', data: { orgId: ORG_ID, campaignId: CAMPAIGN_ID, settings: SETTINGS, createdBy: ADMIN_ID, createdAt: NOW } },
    ]);
  });

  it("records every setting it is given (the seed's sample campaign)", () => {
    const fields = {
      name: 'Q1 2024 Senior Java Developer Sourcing - NYC',
      description: 'Sourcing senior Java developers for Fortune 500 financial clients in NYC.',
      targetAudience: 'Senior Java developers with 5-10 years experience in financial services',
      targetLocations: ['New York, NY', 'Jersey City, NJ', 'Remote - US'],
      targetSkills: ['Java', 'Spring Boot', 'Microservices', 'AWS', 'Kubernetes'],
      targetCompanySizes: ['1001-5000', '5001+'],
      targetContactsCount: 500,
      targetResponseRate: 15,
      targetConversionCount: 20,
      startDate: TODAY,
      endDate: dayOffset(30),
      ownerId: RECRUITER_ID,
    } as const;
    expect(accepted(whenCreating(fields))[0]).toMatchObject({ data: { settings: { ...SETTINGS, ...fields } } });
  });

  it('the organization must be registered', () => {
    given(campaignDecider).when(command.createCampaign()).thenRejects('ORGANIZATION_NOT_FOUND');
  });

  // seed 004: owner_id REFERENCES user_profiles(id)
  it('the owner must be a user of the organization', () => {
    whenCreating({ ownerId: 'f0000000-0000-4000-8000-000000000999' }).thenRejects('CAMPAIGN_OWNER_NOT_FOUND');
  });

  // seed 004: CAMPAIGN_NAME_REQUIRED — "Campaign name is required"
  it.each([null, '', '   '])('campaign name is required (%p)', (name) => {
    whenCreating({ name }).thenRejects('CAMPAIGN_NAME_REQUIRED', { message: 'Campaign name is required' });
  });

  // seed 004: name — minLength 3, maxLength 200, pattern /^[a-zA-Z0-9\s\-_()]+$/
  it.each(['Q1', 'x'.repeat(201), 'Sourcing: Java!', 'Java/Go'])('name is 3 to 200 characters of letters, digits, spaces, - _ ( ) (%p)', (name) => {
    whenCreating({ name }).thenRejects('CAMPAIGN_INVALID', { details: { field: 'name' } });
  });

  it.each(['Q1 2024 Senior Java Developer Sourcing - NYC', 'abc', 'x'.repeat(200), 'Sourcing (BD)_2'])('name %p is valid', (name) => {
    expect(accepted(whenCreating({ name }))).toHaveLength(1);
  });

  // seed 004: CampaignValidation — each field's limits; details.field names the seed's column.
  it.each<[string, CampaignFields]>([
    ['description', { description: 'x'.repeat(5001) }],
    ['campaign_type', { campaignType: unchecked('recruiting') }],
    ['channel', { channel: unchecked('sms') }],
    ['target_audience', { targetAudience: 'x'.repeat(501) }],
    ['target_locations', { targetLocations: Array.from({ length: 51 }, (_, i) => `City ${i}`) }],
    ['target_locations', { targetLocations: ['x'.repeat(101)] }],
    ['target_skills', { targetSkills: Array.from({ length: 31 }, (_, i) => `Skill ${i}`) }],
    ['target_skills', { targetSkills: ['x'.repeat(51)] }],
    ['target_company_sizes', { targetCompanySizes: ['10-20'] }],
    ['ab_split_percentage', { abSplitPercentage: 9 }],
    ['ab_split_percentage', { abSplitPercentage: 91 }],
    ['ab_split_percentage', { abSplitPercentage: 50.5 }],
    ['target_contacts_count', { targetContactsCount: 0 }],
    ['target_contacts_count', { targetContactsCount: 100_001 }],
    ['target_response_rate', { targetResponseRate: -0.01 }],
    ['target_response_rate', { targetResponseRate: 100.01 }],
    ['target_response_rate', { targetResponseRate: 15.125 }],
    ['target_conversion_count', { targetConversionCount: 0 }],
    ['target_conversion_count', { targetConversionCount: 10_001 }],
    ['start_date', { startDate: '2026-02-30' }],
    ['end_date', { endDate: 'next week' }],
  ])('CampaignValidation: %s out of bounds is CAMPAIGN_INVALID', (field, fields) => {
    const decision = whenCreating(fields);
    decision.thenRejects('CAMPAIGN_INVALID');
    expect(fieldOf(decision)).toBe(field);
  });

  it.each<CampaignFields>([
    { description: 'x'.repeat(5000), targetAudience: 'x'.repeat(500) },
    { targetLocations: Array.from({ length: 50 }, () => 'x'.repeat(100)), targetSkills: Array.from({ length: 30 }, () => 'x'.repeat(50)) },
    { abSplitPercentage: 10, targetContactsCount: 1, targetResponseRate: 0, targetConversionCount: 1 },
    { abSplitPercentage: 90, targetContactsCount: 100_000, targetResponseRate: 100, targetConversionCount: 10_000 },
    { targetResponseRate: 15.25, targetCompanySizes: ['1-10', '5001+'], campaignType: 'mixed', channel: 'combined' },
  ])('CampaignValidation: the bounds themselves are accepted (%#)', (fields) => {
    expect(accepted(whenCreating(fields))).toHaveLength(1);
  });

  // seed 004: is_ab_test — requires variant_a_template_id and variant_b_template_id
  it('A/B test requires both variant templates', () => {
    whenCreating({ isAbTest: true, variantATemplateId: TEMPLATE.emailA }).thenRejects('CAMPAIGN_AB_MISSING_TEMPLATES', {
      message: 'A/B test requires both variant templates',
    });
  });

  // seed 004: variant_b_template_id — must be different from variant_a_template_id
  it('variant A and B must use different templates', () => {
    whenCreating({ isAbTest: true, variantATemplateId: TEMPLATE.emailA, variantBTemplateId: TEMPLATE.emailA }).thenRejects('CAMPAIGN_AB_SAME_TEMPLATES', {
      message: 'Variant A and B must use different templates',
    });
  });

  it('variant templates must exist in the organization', () => {
    const decision = whenCreating({ isAbTest: true, variantATemplateId: TEMPLATE.emailA, variantBTemplateId: 'e0000000-0000-4000-8000-0000000000ff' });
    decision.thenRejects('CAMPAIGN_TEMPLATE_NOT_FOUND', { details: { field: 'variant_b_template_id' } });
  });

  // seed 004: Template Selection — must be compatible with selected channel
  it.each([
    ['email', TEMPLATE.emailA, TEMPLATE.connection, false],
    ['linkedin', TEMPLATE.connection, TEMPLATE.emailA, false],
    ['linkedin', TEMPLATE.connection, TEMPLATE.inmail, true],
    ['combined', TEMPLATE.emailA, TEMPLATE.inmail, true],
  ] as const)('templates must be compatible with the %s channel (%s, %s → %p)', (channel, a, b, ok) => {
    const decision = whenCreating({ channel, isAbTest: true, variantATemplateId: a, variantBTemplateId: b });
    if (ok) expect(accepted(decision)).toHaveLength(1);
    else decision.thenRejects('CAMPAIGN_TEMPLATE_CHANNEL_MISMATCH');
  });

  // seed 004: start_date — "Cannot be in the past (validation)"; minDate 'today'
  it('start date cannot be in the past', () => {
    whenCreating({ startDate: dayOffset(-1) }).thenRejects('CAMPAIGN_INVALID_DATES');
    expect(accepted(whenCreating({ startDate: TODAY }))).toHaveLength(1);
  });

  // seed 004: CAMPAIGN_INVALID_DATES — "End date must be after start date"
  it('end date must be after start date', () => {
    whenCreating({ startDate: dayOffset(3), endDate: dayOffset(3) }).thenRejects('CAMPAIGN_INVALID_DATES', { message: 'End date must be after start date' });
    expect(accepted(whenCreating({ startDate: dayOffset(3), endDate: dayOffset(4) }))).toHaveLength(1);
  });

  it('without a start date, the end date must be after today', () => {
    whenCreating({ endDate: TODAY }).thenRejects('CAMPAIGN_INVALID_DATES');
    expect(accepted(whenCreating({ endDate: dayOffset(1) }))).toHaveLength(1);
  });

  it('"today" is the UTC date of the command\'s instant', () => {
    whenCreating({ startDate: TODAY }, { now: '2026-04-01T23:30:00-02:00' }).thenRejects('CAMPAIGN_INVALID_DATES');
  });

  // seed 004: created_by REFERENCES user_profiles(id)
  it('created_by is a user of the organization, or null for a service', () => {
    expect(fieldOf(whenCreating({ createdBy: 'f0000000-0000-4000-8000-000000000999' }))).toBe('created_by');
    expect(accepted(whenCreating({ createdBy: null }, { role: undefined, actor: 'service:importer' }))).toHaveLength(1);
  });

  // seed 004: campaigns_team_view — admin, ta_manager, recruiter
  it.each(['admin', 'ta_manager', 'recruiter'])('the %s role may create campaigns', (role) => {
    expect(accepted(whenCreating({}, { role }))).toHaveLength(1);
  });

  it('other roles may not', () => {
    whenCreating({}, { role: 'candidate' }).thenRejects('FORBIDDEN');
  });
});

describe('when the campaign exists', () => {
  it('CreateCampaign again is CAMPAIGN_ALREADY_EXISTS', () => {
    given(campaignDecider, campaignIn('draft')).when(command.createCampaign()).thenRejects('CAMPAIGN_ALREADY_EXISTS');
  });

  it("the campaign lives in its organization's stream space", () => {
    expect(campaignDecider.streamIdOf(command.createCampaign())).toBe(`outreach-${ORG_ID}/campaign/${CAMPAIGN_ID}`);
    expect(campaignDecider.alsoReads?.(command.createCampaign())).toEqual([`outreach-${ORG_ID}`]);
    expect(campaignDecider.streamOfNew?.(event.campaignCreated(), command.createCampaign())).toBeNull();
  });
});
