import { accepted, given, rejected } from '../testing';
import type { ContactCommand } from './commands';
import type { ContactEvent } from './contact';
import { contactDecider } from './contact.decide';
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
const codeOf = (decision: ReturnType<typeof when>) => rejected(decision).code;
const ref = { orgId: ORG_ID, campaignId: CAMPAIGN_ID, contactId: CONTACT_ID };
const checks = (overrides: Partial<ReturnType<typeof command.dispatch>['data']['checks']>) => ({ checks: { suppressed: false, previouslyBounced: false, sendLimit: null, ...overrides } });

describe('when the contact is pending', () => {
  it('DispatchContact records ContactDispatchRequested on the campaign\'s channel, from the owner, attempt 1', () => {
    expect(when(command.dispatch())).toEqual([
      { type: 'ContactDispatchRequested', data: { ...ref, dispatchId: DISPATCH_ID, channel: 'email', messageKind: 'email', templateId: null, senderId: ADMIN_ID, attempt: 1, requestedAt: NOW } },
    ]);
  });

  it('a LinkedIn contact is dispatched as its template\'s kind', () => {
    const history = [...contactIn('active', [], { channel: 'linkedin' }).slice(0, -1), event.contactAdded({ linkedinUrl: 'https://linkedin.com/in/john', templateUsedId: TEMPLATE.inmail, linkedinMessageKind: 'inmail' })];
    expect(accepted(given(contactDecider, history).when(command.dispatch()))[0]).toMatchObject({ data: { channel: 'linkedin', messageKind: 'inmail', templateId: TEMPLATE.inmail } });
  });

  // seed 004: status — only 'active' "Allows Outreach"
  it.each(['draft', 'paused', 'completed', 'archived'] as const)('no outreach while the campaign is %s', (status) => {
    expect(codeOf(when(command.dispatch(), [], status))).toBe('CAMPAIGN_NOT_ACTIVE');
  });

  // seed 004: CONTACT_UNSUBSCRIBED — "Contact has unsubscribed"; "Suppression list checked before every send"
  it('contact has unsubscribed (suppression list checked before every send)', () => {
    expect(rejected(when(command.dispatch(checks({ suppressed: true }))))).toMatchObject({ code: 'CONTACT_UNSUBSCRIBED', message: 'Contact has unsubscribed' });
  });

  // seed 004: CONTACT_BOUNCED — "Email previously bounced"
  it('email previously bounced', () => {
    expect(rejected(when(command.dispatch(checks({ previouslyBounced: true }))))).toMatchObject({ code: 'CONTACT_BOUNCED', message: 'Email previously bounced' });
  });

  // seed 004: CAMPAIGN_SEND_LIMIT_EXCEEDED — "Daily send limit exceeded (1000)"
  it('daily send limit exceeded (1000)', () => {
    const sendLimit = { limit: 'email_per_day', max: 1000, retryAfterMs: 3_600_000 };
    expect(rejected(when(command.dispatch(checks({ sendLimit }))))).toMatchObject({
      code: 'CAMPAIGN_SEND_LIMIT_EXCEEDED',
      message: 'Daily send limit exceeded (1000)',
      details: { limit: 'email_per_day', max: 1000, retryAfterMs: 3_600_000 },
    });
  });

  it('checks run in order: campaign active, unsubscribed, bounced, status, send limit', () => {
    const all = checks({ suppressed: true, previouslyBounced: true, sendLimit: { limit: 'email_per_hour', max: 200, retryAfterMs: 1 } });
    expect(codeOf(when(command.dispatch(all), [], 'paused'))).toBe('CAMPAIGN_NOT_ACTIVE');
    expect(codeOf(when(command.dispatch(all)))).toBe('CONTACT_UNSUBSCRIBED');
    expect(codeOf(when(command.dispatch({ ...all, checks: { ...all.checks, suppressed: false } })))).toBe('CONTACT_BOUNCED');
    expect(codeOf(when(command.dispatch(checks({ sendLimit: { limit: 'email_per_hour', max: 200, retryAfterMs: 1 } })), [event.dispatchRequested()]))).toBe('CONTACT_INVALID_STATUS');
  });

  it('one send at a time: a pending contact with a dispatch under way is not dispatched again', () => {
    expect(codeOf(when(command.dispatch(), [event.dispatchRequested()]))).toBe('CONTACT_INVALID_STATUS');
  });

  // seed 004: Hard bounce — mark contact as 'bounced', do not retry
  it('a hard bounce is final even before any send (the address is known bad)', () => {
    expect(when(command.recordBounce({ bounceType: 'hard', bounceReason: 'no such user' }))).toEqual([event.bounced({ bounceReason: 'no such user' })]);
  });

  // seed 004: LinkedIn — "no open tracking"; opens follow an email
  it('nothing is opened, clicked, answered or converted before a send', () => {
    expect(codeOf(when(command.recordOpened()))).toBe('CONTACT_INVALID_STATUS');
    expect(codeOf(when(command.recordClicked()))).toBe('CONTACT_INVALID_STATUS');
    expect(codeOf(when(command.recordResponse()))).toBe('CONTACT_INVALID_STATUS');
    expect(codeOf(when(command.recordConversion()))).toBe('CONTACT_INVALID_STATUS');
    expect(codeOf(when(command.recordBounce()))).toBe('CONTACT_INVALID_STATUS');
  });

  it('a contact of another campaign, or none, is CONTACT_NOT_FOUND', () => {
    expect(codeOf(when(command.dispatch({ campaignId: '223e4567-e89b-42d3-a456-426614174001' })))).toBe('CONTACT_NOT_FOUND');
    expect(codeOf(given(contactDecider).when(command.dispatch()))).toBe('CONTACT_NOT_FOUND');
  });

  it('reads the campaign stream and writes the contact\'s own', () => {
    expect(contactDecider.streamIdOf(command.dispatch())).toBe(`outreach-${ORG_ID}/contact/${CONTACT_ID}`);
    expect(contactDecider.alsoReads?.(command.dispatch())).toEqual([`outreach-${ORG_ID}/campaign/${CAMPAIGN_ID}`]);
  });
});

describe('when a dispatch is under way', () => {
  const dispatched = [event.dispatchRequested()];

  it('RecordMessageSent records MessageSent on the dispatch\'s channel', () => {
    expect(when(command.recordSent(), dispatched)).toEqual([event.messageSent()]);
  });

  it('an unknown dispatch is CONTACT_INVALID_STATUS', () => {
    expect(codeOf(when(command.recordSent({ dispatchId: 'other' }), dispatched))).toBe('CONTACT_INVALID_STATUS');
  });
});

describe('when the contact was sent an email', () => {
  const sent = sentOnce();

  it('a repeated RecordMessageSent for the same dispatch records nothing', () => {
    expect(when(command.recordSent(), sent)).toEqual([]);
  });

  it('a sent contact is not dispatched again', () => {
    expect(codeOf(when(command.dispatch({ dispatchId: 'd2' }), sent))).toBe('CONTACT_INVALID_STATUS');
  });

  // seed 004: engagement_tracking — each email_opened is a row
  it('every open is recorded', () => {
    const opened = { type: 'EmailOpened', data: { ...ref, trackingId: 't1', userAgent: 'Mozilla/5.0', ipAddress: '192.168.1.1', location: null, openedAt: NOW } };
    const cmd = command.recordOpened({ trackingId: 't1', userAgent: 'Mozilla/5.0', ipAddress: '192.168.1.1' });
    expect(when(cmd, sent)).toEqual([opened]);
    expect(when(cmd, [...sent, opened as ContactEvent])).toEqual([opened]);
  });

  it('a click on an http(s) link is recorded', () => {
    expect(accepted(when(command.recordClicked({ linkText: 'View Job Details' }), sent))[0]).toMatchObject({ type: 'LinkClicked', data: { url: 'https://intime.com/jobs/senior-java-developer', linkText: 'View Job Details' } });
    expect(rejected(when(command.recordClicked({ url: 'javascript:alert(1)' }), sent))).toMatchObject({ code: 'CONTACT_INVALID', details: { field: 'url' } });
  });

  // seed 004: Soft bounce — retry up to 3 times over 48 hours
  it('a soft bounce schedules retry 1 four hours later', () => {
    expect(when(command.recordBounce(), sent)).toEqual([
      event.bounced({ bounceType: 'soft', softBounceCount: 1, retryAt: '2026-04-01T13:00:00.000Z', final: false }),
    ]);
  });

  it('a repeated report of the same soft bounce records nothing', () => {
    const softBounced = [...sent, event.bounced({ bounceType: 'soft', softBounceCount: 1, retryAt: '2026-04-01T13:00:00.000Z', final: false })];
    expect(when(command.recordBounce(), softBounced)).toEqual([]);
  });

  // seed 004: Response Triggers — email reply, LinkedIn reply, phone, manual
  it('every response is recorded', () => {
    expect(when(command.recordResponse(), sent)).toEqual([{ type: 'ContactResponded', data: { ...ref, channel: 'email', responseText: 'Interested', respondedAt: NOW } }]);
  });

  // seed 004: Conversion Types — talent_sourcing: phone_screen, submission, interview, placement
  it('a talent sourcing contact converts by a talent conversion, once', () => {
    const converted = { type: 'ContactConverted', data: { ...ref, conversionType: 'phone_screen', conversionEntityId: null, convertedAt: NOW } } as const;
    expect(when(command.recordConversion(), sent)).toEqual([converted]);
    expect(codeOf(when(command.recordConversion(), [...sent, converted]))).toBe('CONTACT_INVALID_STATUS');
    expect(rejected(when(command.recordConversion({ conversionType: 'deal' }), sent))).toMatchObject({ code: 'CONTACT_INVALID', details: { field: 'conversion_type' } });
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
    else expect(rejected(decision).code).toBe('CONTACT_INVALID');
  });

  // seed 004: Unsubscribe — one-click; applies globally
  it('UnsubscribeContact records the address to suppress, once', () => {
    const unsubscribed = { type: 'ContactUnsubscribed', data: { ...ref, email: 'john.doe@example.com', reason: null, unsubscribedAt: NOW } } as const;
    expect(when(command.unsubscribe(), sent)).toEqual([unsubscribed]);
    expect(when(command.unsubscribe(), [...sent, unsubscribed])).toEqual([]);
  });

  it('RecordLinkedInProfileViewed records LinkedInProfileViewed', () => {
    expect(when(command.recordProfileViewed(), sent)).toEqual([{ type: 'LinkedInProfileViewed', data: { ...ref, viewedAt: NOW } }]);
  });
});

describe('when the contact was sent a LinkedIn message', () => {
  const linkedin = [event.dispatchRequested({ channel: 'linkedin', messageKind: 'connection_request' }), event.messageSent({ channel: 'linkedin' })];

  // seed 004: linkedin — "no open tracking"
  it('LinkedIn has no open tracking', () => {
    expect(codeOf(when(command.recordOpened(), linkedin))).toBe('CONTACT_INVALID_STATUS');
  });

  it('responses are recorded', () => {
    expect(accepted(when(command.recordResponse({ channel: 'linkedin' }), linkedin))).toHaveLength(1);
  });
});
