import { accepted, given } from '../testing';
import { campaignDecider } from './campaign.decide';
import {
  AB_SETTINGS,
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

const REPORT = command.complete().data.report;

describe('when the campaign is draft', () => {
  const whenActivating = (history = campaignIn('draft')) => given(campaignDecider, history).when(command.activate());

  // seed 004: draft → active — Sets: start_date (if not set)
  it('draft → active sets start_date to today when not set', () => {
    whenActivating().then([event.statusChanged('draft', 'active', { startDate: TODAY })]);
  });

  it('draft → active keeps a start_date set before', () => {
    whenActivating(campaignIn('draft', { settings: { startDate: dayOffset(2) } })).then([event.statusChanged('draft', 'active')]);
  });

  // seed 004: CAMPAIGN_NO_CONTACTS — "Cannot activate campaign with 0 contacts"
  it('draft → active requires at least one contact', () => {
    whenActivating(campaignIn('draft', { contacts: 0 })).thenRejects('CAMPAIGN_NO_CONTACTS', { message: 'Cannot activate campaign with 0 contacts' });
  });

  // seed 004: Required to Activate — 1. Campaign has name
  it('draft → active requires a name', () => {
    whenActivating(campaignIn('draft', { settings: { name: '' } })).thenRejects('CAMPAIGN_NAME_REQUIRED');
  });

  // seed 004: Required to Activate — 2. Campaign has owner
  it('draft → active requires an owner who is a user of the organization', () => {
    whenActivating(campaignIn('draft', { settings: { ownerId: 'f0000000-0000-4000-8000-000000000999' } })).thenRejects('CAMPAIGN_OWNER_NOT_FOUND');
  });

  // seed 004: Required to Activate — 6. If A/B test enabled: both variant templates selected, templates are different
  it('draft → active holds the A/B rules again', () => {
    whenActivating(campaignIn('draft', { settings: { isAbTest: true, variantATemplateId: TEMPLATE.emailA } })).thenRejects('CAMPAIGN_AB_MISSING_TEMPLATES');
    const same = { ...AB_SETTINGS, variantBTemplateId: TEMPLATE.emailA };
    whenActivating(campaignIn('draft', { settings: same })).thenRejects('CAMPAIGN_AB_SAME_TEMPLATES');
    expect(accepted(whenActivating(campaignIn('draft', { settings: AB_SETTINGS })))).toHaveLength(1);
  });

  it('draft → active is refused once the end date has passed', () => {
    whenActivating(campaignIn('draft', { settings: { endDate: TODAY } })).thenRejects('CAMPAIGN_INVALID_DATES');
  });

  it('a draft cannot be paused, completed or archived', () => {
    given(campaignDecider, campaignIn('draft')).when(command.pause()).thenRejects('CAMPAIGN_INVALID_STATUS_TRANSITION');
    given(campaignDecider, campaignIn('draft')).when(command.complete()).thenRejects('CAMPAIGN_INVALID_STATUS_TRANSITION');
    given(campaignDecider, campaignIn('draft')).when(command.archive()).thenRejects('CAMPAIGN_INVALID_STATUS_TRANSITION');
  });
});

describe('when the campaign is active', () => {
  // seed 004: CAMPAIGN_ALREADY_ACTIVE — "Campaign is already active"
  it('campaign is already active', () => {
    given(campaignDecider, campaignIn('active')).when(command.activate()).thenRejects('CAMPAIGN_ALREADY_ACTIVE', { message: 'Campaign is already active' });
  });

  // seed 004: active → paused — stops all scheduled outreach
  it('active → paused', () => {
    given(campaignDecider, campaignIn('active'))
      .when(command.pause())
      .then([event.statusChanged('active', 'paused')]);
  });

  // seed 004: active → completed — Sets: end_date to today; On Completion — report, summary to owner
  it('active → completed sets end_date to today and reports to the owner', () => {
    given(campaignDecider, campaignIn('active'))
      .when(command.complete())
      .then([
        event.statusChanged('active', 'completed', { endDate: TODAY }),
        {
          type: 'CampaignCompletionReported',
          data: {
            orgId: ORG_ID,
            campaignId: CAMPAIGN_ID,
            ownerId: ADMIN_ID,
            name: SETTINGS.name,
            reason: 'manual',
            startDate: TODAY,
            endDate: TODAY,
            report: REPORT,
            goals: { targetContactsCount: null, targetResponseRate: null, targetConversionCount: null, isAbTest: false },
            reportedAt: NOW,
          },
        },
      ]);
  });

  it('completion keeps an end_date set before', () => {
    const history = campaignIn('active', { settings: { endDate: dayOffset(-1) } });
    const [changed, reported] = accepted(given(campaignDecider, history).when(command.complete({ reason: 'end_date_reached' })));
    expect(changed).toEqual(event.statusChanged('active', 'completed', { reason: 'end_date_reached' }));
    expect(reported).toMatchObject({ data: { reason: 'end_date_reached', endDate: dayOffset(-1) } });
  });

  // seed 004: Auto-Complete Triggers — targets reached, all contacts processed
  it.each(['targets_reached', 'all_contacts_processed'] as const)('active → completed automatically (%s)', (reason) => {
    expect(accepted(given(campaignDecider, campaignIn('active')).when(command.complete({ reason })))[0]).toMatchObject({ data: { to: 'completed', reason } });
  });

  // seed 004: auto_complete_campaigns — end_date <= CURRENT_DATE
  it('completion for end_date_reached needs the end date reached', () => {
    const history = campaignIn('active', { settings: { endDate: dayOffset(1) } });
    given(campaignDecider, history)
      .when(command.complete({ reason: 'end_date_reached' }))
      .thenRejects('CAMPAIGN_INVALID_DATES');
  });

  it('completion carries a report of non-negative counts', () => {
    const report = { ...REPORT, emailsSent: -1 };
    given(campaignDecider, campaignIn('active'))
      .when(command.complete({ report }))
      .thenRejects('CAMPAIGN_INVALID', { details: { field: 'report' } });
  });

  // seed 004: On Completion — the report judges the Success Criteria against the goals the campaign ended with
  it('the completion report carries the goals and the counts of each A/B variant', () => {
    const variants = { A: { contacts: 120, responses: 20, conversions: 8 }, B: { contacts: 110, responses: 15, conversions: 3 } };
    const history = campaignIn('active', { settings: { targetResponseRate: 15, targetConversionCount: 10 } });
    const [, reported] = accepted(given(campaignDecider, history).when(command.complete({ report: { ...REPORT, variants } })));
    expect(reported).toMatchObject({
      data: { report: { variants }, goals: { targetContactsCount: null, targetResponseRate: 15, targetConversionCount: 10, isAbTest: false } },
    });
  });

  it('completion refuses A/B counts that are not non-negative integers for both variants', () => {
    const variants = { A: { contacts: 1, responses: 0, conversions: 0 }, B: { contacts: 1, responses: -1, conversions: 0 } };
    given(campaignDecider, campaignIn('active'))
      .when(command.complete({ report: { ...REPORT, variants } }))
      .thenRejects('CAMPAIGN_INVALID', { details: { field: 'report.variants' } });
  });

  it('an active campaign is not archived before completion', () => {
    given(campaignDecider, campaignIn('active')).when(command.archive()).thenRejects('CAMPAIGN_INVALID_STATUS_TRANSITION');
  });
});

describe('when the campaign is paused', () => {
  // seed 004: paused → active — resumes outreach, does not reset metrics
  it('paused → active resumes without changing the start date', () => {
    given(campaignDecider, campaignIn('paused'))
      .when(command.activate())
      .then([event.statusChanged('paused', 'active')]);
  });

  // seed 004: Manual Complete — "Owner can manually complete at any time"
  it('paused → completed only manually', () => {
    expect(accepted(given(campaignDecider, campaignIn('paused')).when(command.complete()))[0]).toMatchObject({ data: { from: 'paused', to: 'completed' } });
    given(campaignDecider, campaignIn('paused'))
      .when(command.complete({ reason: 'end_date_reached' }))
      .thenRejects('CAMPAIGN_INVALID_STATUS_TRANSITION');
    given(campaignDecider, campaignIn('paused'))
      .when(command.complete({ reason: 'targets_reached' }))
      .thenRejects('CAMPAIGN_INVALID_STATUS_TRANSITION');
  });

  it('a paused campaign is not paused again', () => {
    given(campaignDecider, campaignIn('paused')).when(command.pause()).thenRejects('CAMPAIGN_INVALID_STATUS_TRANSITION');
  });
});

describe('when the campaign is completed', () => {
  // seed 004: completed → archived
  it('completed → archived', () => {
    given(campaignDecider, campaignIn('completed'))
      .when(command.archive())
      .then([event.statusChanged('completed', 'archived')]);
  });

  // seed 004: Archive After — 90 days after completion (a timer, as a service)
  it('completed → archived 90 days after completion', () => {
    const archive = command.archive({ reason: 'archive_after_90_days' }, { role: undefined, actor: 'service:timer-scheduler' });
    given(campaignDecider, campaignIn('completed'))
      .when(archive)
      .then([event.statusChanged('completed', 'archived', { reason: 'archive_after_90_days' })]);
  });

  // seed 004: Archive After — "Manual archive by admin/owner"
  it('manual archive by admin or owner', () => {
    const history = campaignIn('completed', { settings: { ownerId: RECRUITER_ID } });
    expect(accepted(given(campaignDecider, history).when(command.archive({}, { role: 'recruiter', actor: `user:${RECRUITER_ID}` })))).toHaveLength(1);
    given(campaignDecider, campaignIn('completed'))
      .when(command.archive({}, { role: 'recruiter', actor: `user:${RECRUITER_ID}` }))
      .thenRejects('FORBIDDEN');
  });

  it('a completed campaign is not activated, paused or completed again', () => {
    given(campaignDecider, campaignIn('completed')).when(command.activate()).thenRejects('CAMPAIGN_INVALID_STATUS_TRANSITION');
    given(campaignDecider, campaignIn('completed')).when(command.pause()).thenRejects('CAMPAIGN_INVALID_STATUS_TRANSITION');
    given(campaignDecider, campaignIn('completed')).when(command.complete()).thenRejects('CAMPAIGN_INVALID_STATUS_TRANSITION');
  });
});

describe('when the campaign is archived', () => {
  // seed 004: On Archive — no further edits allowed, read-only access
  it.each([command.activate(), command.pause(), command.complete(), command.archive(), command.addContacts()])('archived is read-only ($type)', (cmd) => {
    given(campaignDecider, campaignIn('archived')).when(cmd).thenRejects('CAMPAIGN_READ_ONLY');
  });
});

describe('tenancy and roles', () => {
  // seed 004: campaigns_org_isolation — the stream id is built from the acting org.
  it("another organization's campaign is not found", () => {
    const otherOrg = { tenant: '223e4567-e89b-42d3-a456-426614174000' };
    expect(campaignDecider.streamIdOf(command.activate({}, otherOrg))).not.toBe(campaignDecider.streamIdOf(command.activate()));
    given(campaignDecider, directory()).when(command.activate({}, otherOrg)).thenRejects('CAMPAIGN_NOT_FOUND');
  });

  // seed 004: campaigns_team_view — auth.jwt() ->> 'role' IN ('admin', 'ta_manager', 'recruiter')
  it('roles outside admin, ta_manager and recruiter may not act on campaigns', () => {
    given(campaignDecider, campaignIn('active'))
      .when(command.pause({}, { role: 'viewer' }))
      .thenRejects('FORBIDDEN');
    expect(accepted(given(campaignDecider, campaignIn('active')).when(command.pause({}, { role: 'ta_manager' })))).toHaveLength(1);
  });
});
