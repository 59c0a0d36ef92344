import { outreachCommandOf, type OutreachDueTimer } from './outreach-command';

const ORG = '123e4567-e89b-12d3-a456-426614174000';
const CAMPAIGN = '123e4567-e89b-12d3-a456-426614174001';
const CONTACT = '123e4567-e89b-12d3-a456-426614174002';
const TIMER = '9f0c2d4e-1b2a-4c3d-8e9f-0a1b2c3d4e5f';
const AT = '2026-04-01T00:00:00.012Z';

const timer = (timerType: OutreachDueTimer['timerType'], payload: Record<string, unknown>): OutreachDueTimer => ({
  id: TIMER,
  campaignId: timerType === 'SOFT_BOUNCE_RETRY' ? CONTACT : CAMPAIGN,
  timerType,
  dueAt: new Date(AT),
  attemptAt: new Date(AT),
  attempt: 1,
  payload,
});

describe('the command an outreach timer sends', () => {
  // seed 004: active → completed "Auto when end_date reached"
  it('CAMPAIGN_END_DATE sends CompleteCampaign {reason: end_date_reached}, tenant = the org, id timer-<timerId>', () => {
    expect(outreachCommandOf(timer('CAMPAIGN_END_DATE', { orgId: ORG, campaignId: CAMPAIGN, contactId: null }), AT)).toEqual({
      key: `outreach-${ORG}/campaign/${CAMPAIGN}`,
      envelope: expect.objectContaining({
        commandId: `timer-${TIMER}`,
        type: 'CompleteCampaign',
        context: 'outreach',
        issuedAt: AT,
        actor: 'service:timer-scheduler',
        correlationId: TIMER,
        causationId: `timer-${TIMER}`,
        tenant: ORG,
        data: { campaignId: CAMPAIGN, reason: 'end_date_reached' },
      }),
    });
  });

  // seed 004: Soft bounce — retry
  it('SOFT_BOUNCE_RETRY sends RequeueContact {campaignId, contactId} keyed by the contact stream', () => {
    const sent = outreachCommandOf(timer('SOFT_BOUNCE_RETRY', { orgId: ORG, campaignId: CAMPAIGN, contactId: CONTACT }), AT);
    expect(sent?.key).toBe(`outreach-${ORG}/contact/${CONTACT}`);
    expect(sent?.envelope).toMatchObject({ type: 'RequeueContact', tenant: ORG, data: { campaignId: CAMPAIGN, contactId: CONTACT } });
  });

  it('a timer whose payload names no org sends nothing', () => {
    expect(outreachCommandOf(timer('CAMPAIGN_ARCHIVE', { campaignId: CAMPAIGN }), AT)).toBeNull();
  });
});
