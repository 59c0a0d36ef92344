import { accepted, given } from '../testing';
import { campaignDecider } from './campaign.decide';
import type { CampaignFields } from './commands';
import type { OutreachCampaignStatus } from './values';
import { AB_SETTINGS, campaignIn, dayOffset, NOW, ORG_ID, CAMPAIGN_ID, outreachCommand as command, RECRUITER_ID, SETTINGS, TEMPLATE, TODAY } from './testing';

const whenUpdating = (status: OutreachCampaignStatus, changes: CampaignFields, contacts = 0) =>
  given(campaignDecider, campaignIn(status, { contacts })).when(command.updateCampaign({ changes }));

describe('when the campaign is draft', () => {
  it('UpdateCampaign records CampaignUpdated with the full new settings', () => {
    whenUpdating('draft', { description: 'Backend engineers', ownerId: RECRUITER_ID }).then([
      {
        type: 'CampaignUpdated',
        data: { orgId: ORG_ID, campaignId: CAMPAIGN_ID, settings: { ...SETTINGS, description: 'Backend engineers', ownerId: RECRUITER_ID }, updatedAt: NOW },
      },
    ]);
  });

  it('null clears an optional field back to its default', () => {
    const events = given(campaignDecider, campaignIn('draft', { settings: { description: 'x', abSplitPercentage: 70 }, contacts: 0 })).when(
      command.updateCampaign({ changes: { description: null, abSplitPercentage: null } }),
    );
    expect(accepted(events)[0]).toMatchObject({ data: { settings: SETTINGS } });
  });

  it('a change to nothing records nothing', () => {
    whenUpdating('draft', { name: SETTINGS.name, channel: 'email' }).thenNothing();
  });

  // seed 004: start_date — "Can be set manually in 'draft' status"
  it('start_date can be set manually in draft status', () => {
    expect(accepted(whenUpdating('draft', { startDate: dayOffset(2) }))[0]).toMatchObject({ data: { settings: { startDate: dayOffset(2) } } });
  });

  it('the merged settings keep every CampaignValidation rule', () => {
    whenUpdating('draft', { name: '' }).thenRejects('CAMPAIGN_NAME_REQUIRED');
    whenUpdating('draft', { targetContactsCount: 0 }).thenRejects('CAMPAIGN_INVALID', { details: { field: 'target_contacts_count' } });
    whenUpdating('draft', { isAbTest: true, variantATemplateId: TEMPLATE.emailA }).thenRejects('CAMPAIGN_AB_MISSING_TEMPLATES');
    whenUpdating('draft', { startDate: dayOffset(5), endDate: dayOffset(4) }).thenRejects('CAMPAIGN_INVALID_DATES');
    whenUpdating('draft', { ownerId: 'f0000000-0000-4000-8000-000000000999' }).thenRejects('CAMPAIGN_OWNER_NOT_FOUND');
  });

  it('A/B settings may change while no contact was added', () => {
    expect(accepted(whenUpdating('draft', AB_SETTINGS))[0]).toMatchObject({ data: { settings: AB_SETTINGS } });
  });

  // Variants are assigned when contacts are added (seed 004: ab_variant Assignment Logic).
  it.each<[string, CampaignFields]>([
    ['is_ab_test', { isAbTest: true, variantATemplateId: TEMPLATE.emailA, variantBTemplateId: TEMPLATE.emailB }],
    ['ab_split_percentage', { abSplitPercentage: 70 }],
    ['channel', { channel: 'combined' }],
  ])('%s cannot change once contacts were added', (field, changes) => {
    whenUpdating('draft', changes, 1).thenRejects('CAMPAIGN_INVALID', { details: { field } });
  });
});

describe.each(['active', 'paused'] as const)('when the campaign is %s', (status) => {
  it('settings other than the start date may change', () => {
    expect(accepted(whenUpdating(status, { targetAudience: 'Senior Java developers', endDate: dayOffset(14) }))).toHaveLength(1);
  });

  // seed 004: start_date — "Can be set manually in 'draft' status" (only there)
  it('start_date can be set manually only in draft', () => {
    whenUpdating(status, { startDate: dayOffset(3) }).thenRejects('CAMPAIGN_INVALID_DATES');
  });

  it('a start date in the past set at activation does not block other edits', () => {
    const history = campaignIn(status, { settings: { startDate: dayOffset(-10) } });
    expect(accepted(given(campaignDecider, history).when(command.updateCampaign({ changes: { description: 'more' } })))).toHaveLength(1);
  });

  it('a new end date must be after today', () => {
    whenUpdating(status, { endDate: TODAY }).thenRejects('CAMPAIGN_INVALID_DATES');
  });
});

describe.each(['completed', 'archived'] as const)('when the campaign is %s', (status) => {
  // seed 004: completed — finished; archived — "Final state, no changes allowed"
  it('no changes allowed', () => {
    whenUpdating(status, { description: 'late edit' }).thenRejects('CAMPAIGN_READ_ONLY');
  });
});

describe('when the campaign does not exist', () => {
  it('UpdateCampaign is CAMPAIGN_NOT_FOUND', () => {
    given(campaignDecider)
      .when(command.updateCampaign({ changes: { description: 'x' } }))
      .thenRejects('CAMPAIGN_NOT_FOUND');
  });
});
