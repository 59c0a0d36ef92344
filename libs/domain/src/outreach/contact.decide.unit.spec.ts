import { accepted, given } from '../testing';
import type { ContactCommand } from './commands';
import type { ContactEvent } from './contact';
import { contactDecider } from './contact.decide';
import { sendLimitMessage } from './dispatch';
import type { OutreachCampaignStatus } from './values';
import {
  ADMIN_ID,
  CAMPAIGN_ID,
  CONTACT_ID,
  contactIn,
  DISPATCH_ID,
  NOW,
  ORG_ID,
  outreachCommand as command,
  outreachEvent as event,
  sentOnce,
  TEMPLATE,
} from './testing';

const when = (cmd: ContactCommand, contactEvents: readonly ContactEvent[] = [], status: OutreachCampaignStatus = 'active') =>
  given(contactDecider, contactIn(status, contactEvents)).when(cmd);
const ref = { orgId: ORG_ID, campaignId: CAMPAIGN_ID, contactId: CONTACT_ID };
const checks = (overrides: Partial<ReturnType<typeof command.dispatch>['data']['checks']>) => ({
  checks: { suppressed: false, previouslyBounced: false, sendLimit: null, ...overrides },
});

describe('when the contact is pending', () => {
  it("DispatchContact records ContactDispatchRequested on the campaign's channel, from the owner, attempt 1", () => {
    when(command.dispatch()).then([
      {
        type: 'ContactDispatchRequested',
        data: { ...ref, dispatchId: DISPATCH_ID, channel: 'email', messageKind: 'email', templateId: null, senderId: ADMIN_ID, attempt: 1, requestedAt: NOW },
      },
    ]);
  });

  it("a LinkedIn contact is dispatched as its template's kind", () => {
    const history = [
      ...contactIn('active', [], { channel: 'linkedin' }).slice(0, -1),
      event.contactAdded({ linkedinUrl: 'https://linkedin.com/in/john', templateUsedId: TEMPLATE.inmail, linkedinMessageKind: 'inmail' }),
    ];
    expect(accepted(given(contactDecider, history).when(command.dispatch()))[0]).toMatchObject({
      data: { channel: 'linkedin', messageKind: 'inmail', templateId: TEMPLATE.inmail },
    });
  });

  // seed 004: status — only 'active' "Allows Outreach"
  it.each(['draft', 'paused', 'completed'] as const)('no outreach while the campaign is %s', (status) => {
    when(command.dispatch(), [], status).thenRejects('CAMPAIGN_NOT_ACTIVE');
  });

  // seed 004: On Archive — read-only access (an archived campaign takes no contact facts, a dispatch included)
  it('no outreach while the campaign is archived: read-only', () => {
    when(command.dispatch(), [], 'archived').thenRejects('CAMPAIGN_READ_ONLY');
  });

  // seed 004: CONTACT_UNSUBSCRIBED — "Contact has unsubscribed"; "Suppression list checked before every send"
  it('contact has unsubscribed (suppression list checked before every send)', () => {
    when(command.dispatch(checks({ suppressed: true }))).thenRejects('CONTACT_UNSUBSCRIBED', { message: 'Contact has unsubscribed' });
  });

  // seed 004: CONTACT_BOUNCED — "Email previously bounced"
  it('email previously bounced', () => {
    when(command.dispatch(checks({ previouslyBounced: true }))).thenRejects('CONTACT_BOUNCED', { message: 'Email previously bounced' });
  });

  // seed 004: CAMPAIGN_SEND_LIMIT_EXCEEDED — "Daily send limit exceeded (1000)", "Wait 24 hours or increase limit"
  it('daily send limit exceeded (1000): the contact waits, held by the window until a slot frees up', () => {
    const sendLimit = { limit: 'email_per_day', max: 1000, retryAfterMs: 3_600_000 };
    when(command.dispatch(checks({ sendLimit }))).then([
      {
        type: 'ContactDispatchHeld',
        data: { ...ref, senderId: ADMIN_ID, limit: 'email_per_day', max: 1000, heldUntil: '2026-04-01T10:00:00.000Z', heldAt: NOW },
      },
    ]);
    expect(sendLimitMessage('email_per_day', 1000)).toBe('Daily send limit exceeded (1000)');
  });

  it('a malformed window hit is refused (CONTACT_INVALID)', () => {
    when(command.dispatch(checks({ sendLimit: { limit: 'email_per_day', max: 1000, retryAfterMs: -1 } }))).thenRejects('CONTACT_INVALID');
  });

  it('checks run in order: campaign active, unsubscribed, bounced, status, send limit', () => {
    const all = checks({ suppressed: true, previouslyBounced: true, sendLimit: { limit: 'email_per_hour', max: 200, retryAfterMs: 1 } });
    when(command.dispatch(all), [], 'paused').thenRejects('CAMPAIGN_NOT_ACTIVE');
    when(command.dispatch(all)).thenRejects('CONTACT_UNSUBSCRIBED');
    when(command.dispatch({ ...all, checks: { ...all.checks, suppressed: false } })).thenRejects('CONTACT_BOUNCED');
    when(command.dispatch(checks({ sendLimit: { limit: 'email_per_hour', max: 200, retryAfterMs: 1 } })), [event.dispatchRequested()]).thenRejects(
      'CONTACT_INVALID_STATUS',
    );
  });

  it('one send at a time: a pending contact with a dispatch under way is not dispatched again', () => {
    when(command.dispatch(), [event.dispatchRequested()]).thenRejects('CONTACT_INVALID_STATUS');
  });

  // seed 004: Hard bounce — mark contact as 'bounced', do not retry
  it('a hard bounce is final even before any send (the address is known bad)', () => {
    when(command.recordBounce({ bounceType: 'hard', bounceReason: 'no such user' })).then([event.bounced({ bounceReason: 'no such user' })]);
  });

  // seed 004: LinkedIn — "no open tracking"; opens follow an email
  it('nothing is opened, clicked, answered or converted before a send', () => {
    when(command.recordOpened()).thenRejects('CONTACT_INVALID_STATUS');
    when(command.recordClicked()).thenRejects('CONTACT_INVALID_STATUS');
    when(command.recordResponse()).thenRejects('CONTACT_INVALID_STATUS');
    when(command.recordConversion()).thenRejects('CONTACT_INVALID_STATUS');
    when(command.recordBounce()).thenRejects('CONTACT_INVALID_STATUS');
  });

  it('a contact of another campaign, or none, is CONTACT_NOT_FOUND', () => {
    when(command.dispatch({ campaignId: '223e4567-e89b-42d3-a456-426614174001' })).thenRejects('CONTACT_NOT_FOUND');
    given(contactDecider).when(command.dispatch()).thenRejects('CONTACT_NOT_FOUND');
  });

  it("reads the campaign stream and writes the contact's own", () => {
    expect(contactDecider.streamIdOf(command.dispatch())).toBe(`outreach-${ORG_ID}/contact/${CONTACT_ID}`);
    expect(contactDecider.alsoReads?.(command.dispatch())).toEqual([`outreach-${ORG_ID}/campaign/${CAMPAIGN_ID}`]);
  });
});

describe('when a dispatch is under way', () => {
  const dispatched = [event.dispatchRequested()];

  it("RecordMessageSent records MessageSent on the dispatch's channel", () => {
    when(command.recordSent(), dispatched).then([event.messageSent()]);
  });

  it('an unknown dispatch is CONTACT_INVALID_STATUS', () => {
    when(command.recordSent({ dispatchId: 'other' }), dispatched).thenRejects('CONTACT_INVALID_STATUS');
  });
});

describe('when the contact was sent an email', () => {
  const sent = sentOnce();

  it('a repeated RecordMessageSent for the same dispatch records nothing', () => {
    when(command.recordSent(), sent).thenNothing();
  });

  it('a sent contact is not dispatched again', () => {
    when(command.dispatch({ dispatchId: 'd2' }), sent).thenRejects('CONTACT_INVALID_STATUS');
  });

  // seed 004: engagement_tracking — each email_opened is a row
  it('every open is recorded', () => {
    const opened = {
      type: 'EmailOpened',
      data: { ...ref, trackingId: 't1', userAgent: 'Mozilla/5.0', ipAddress: '192.168.1.1', location: null, openedAt: NOW },
    } as const;
    const cmd = command.recordOpened({ trackingId: 't1', userAgent: 'Mozilla/5.0', ipAddress: '192.168.1.1' });
    when(cmd, sent).then([opened]);
    when(cmd, [...sent, opened]).then([opened]);
  });

  it('a click on an http(s) link is recorded', () => {
    expect(accepted(when(command.recordClicked({ linkText: 'View Job Details' }), sent))[0]).toMatchObject({
      type: 'LinkClicked',
      data: { url: 'https://intime.com/jobs/senior-java-developer', linkText: 'View Job Details' },
    });
    when(command.recordClicked({ url: 'javascript:alert(1)' }), sent).thenRejects('CONTACT_INVALID', { details: { field: 'url' } });
  });

  // seed 004: Soft bounce — retry up to 3 times over 48 hours
  it('a soft bounce schedules retry 1 four hours later', () => {
    when(command.recordBounce(), sent).then([event.bounced({ bounceType: 'soft', softBounceCount: 1, retryAt: '2026-04-01T13:00:00.000Z', final: false })]);
  });

  it('a repeated report of the same soft bounce records nothing', () => {
    const softBounced = [...sent, event.bounced({ bounceType: 'soft', softBounceCount: 1, retryAt: '2026-04-01T13:00:00.000Z', final: false })];
    when(command.recordBounce(), softBounced).thenNothing();
  });

  // seed 004: Response Triggers — email reply, LinkedIn reply, phone, manual
  it('every response is recorded', () => {
    when(command.recordResponse(), sent).then([{ type: 'ContactResponded', data: { ...ref, channel: 'email', responseText: 'Interested', respondedAt: NOW } }]);
  });

  // seed 004: Conversion Types — talent_sourcing: phone_screen, submission, interview, placement
  it('a talent sourcing contact converts by a talent conversion, once', () => {
    const converted = { type: 'ContactConverted', data: { ...ref, conversionType: 'phone_screen', conversionEntityId: null, convertedAt: NOW } } as const;
    when(command.recordConversion(), sent).then([converted]);
    when(command.recordConversion(), [...sent, converted]).thenRejects('CONTACT_INVALID_STATUS');
    when(command.recordConversion({ conversionType: 'deal' }), sent).thenRejects('CONTACT_INVALID', { details: { field: 'conversion_type' } });
  });

  // seed 004: business_development — discovery_call, meeting, proposal, deal; mixed — any
  it.each([
    ['business_development', 'deal', true],
    ['business_development', 'interview', false],
    ['mixed', 'placement', true],
    ['mixed', 'meeting', true],
  ] as const)('a %s campaign converts by %s: %p', (campaignType, conversionType, ok) => {
    const decision = given(contactDecider, contactIn('active', sent, { campaignType })).when(command.recordConversion({ conversionType }));
    if (ok) expect(accepted(decision)).toHaveLength(1);
    else decision.thenRejects('CONTACT_INVALID');
  });

  // seed 004: Unsubscribe — one-click; applies globally
  it('UnsubscribeContact records the address to suppress, once', () => {
    const unsubscribed = { type: 'ContactUnsubscribed', data: { ...ref, email: 'john.doe@example.com', reason: null, unsubscribedAt: NOW } } as const;
    when(command.unsubscribe(), sent).then([unsubscribed]);
    when(command.unsubscribe(), [...sent, unsubscribed]).thenNothing();
  });

  it('RecordLinkedInProfileViewed records LinkedInProfileViewed', () => {
    when(command.recordProfileViewed(), sent).then([{ type: 'LinkedInProfileViewed', data: { ...ref, viewedAt: NOW } }]);
  });
});

describe('when the contact was sent a LinkedIn message', () => {
  const linkedin = [event.dispatchRequested({ channel: 'linkedin', messageKind: 'connection_request' }), event.messageSent({ channel: 'linkedin' })];

  // seed 004: linkedin — "no open tracking"
  it('LinkedIn has no open tracking', () => {
    when(command.recordOpened(), linkedin).thenRejects('CONTACT_INVALID_STATUS');
  });

  it('responses are recorded', () => {
    expect(accepted(when(command.recordResponse({ channel: 'linkedin' }), linkedin))).toHaveLength(1);
  });
});
