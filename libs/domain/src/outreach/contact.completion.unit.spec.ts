import { accepted, given } from '../testing';
import type { ContactEvent } from './contact';
import { contactDecider } from './contact.decide';
import { contactIn, NOW, outreachCommand as command, outreachEvent as event, sentOnce } from './testing';

type Status = Parameters<typeof contactIn>[0];
const when = (status: Status, contactEvents: readonly ContactEvent[], cmd: Parameters<typeof contactDecider.decide>[0]) =>
  given(contactDecider, contactIn(status, contactEvents)).when(cmd);

const softBounced = (): ContactEvent[] => [
  ...sentOnce(),
  event.bounced({ bounceType: 'soft', softBounceCount: 1, retryAt: new Date(Date.parse(NOW) + 4 * 3_600_000).toISOString(), final: false }),
];

describe('when the campaign is completed', () => {
  // seed 004: On Completion — "Stop all scheduled outreach": a soft-bounce retry left over is refused
  it('stop all scheduled outreach: a soft-bounced contact is not re-queued', () => {
    when('completed', softBounced(), command.requeue()).thenRejects('CAMPAIGN_NOT_ACTIVE');
  });

  // seed 004: completed — Allows Outreach: No
  it('allows no outreach: a pending contact is not dispatched', () => {
    when('completed', [], command.dispatch()).thenRejects('CAMPAIGN_NOT_ACTIVE');
  });

  // seed 004: On Completion — "Stop all scheduled outreach": a late soft bounce is recorded without a retry
  it('stop all scheduled outreach: a soft bounce after completion is recorded and never retried', () => {
    const [bounce] = accepted(when('completed', sentOnce(), command.recordBounce({ bounceType: 'soft' })));
    expect(bounce).toMatchObject({ type: 'EmailBounced', data: { bounceType: 'soft', softBounceCount: 1, retryAt: null, final: false } });
    when('completed', [...sentOnce(), bounce as ContactEvent], command.requeue()).thenRejects('CAMPAIGN_NOT_ACTIVE');
  });

  // seed 004 leaves late facts open; decided: a reply to a message sent before completion still counts (responses_received)
  it('a late reply to a message sent before completion is recorded', () => {
    const [reply] = accepted(when('completed', sentOnce(), command.recordResponse()));
    expect(reply).toMatchObject({ type: 'ContactResponded', data: { channel: 'email', responseText: 'Interested' } });
  });

  // seed 004 leaves late facts open; decided: a conversion after completion still counts (conversions)
  it('a late conversion is recorded', () => {
    const [conversion] = accepted(when('completed', sentOnce(), command.recordConversion()));
    expect(conversion).toMatchObject({ type: 'ContactConverted', data: { conversionType: 'phone_screen' } });
  });

  it('a late unsubscribe is recorded (it suppresses the address for every campaign)', () => {
    expect(accepted(when('completed', sentOnce(), command.unsubscribe()))).toEqual([expect.objectContaining({ type: 'ContactUnsubscribed' })]);
  });
});

describe('when the campaign is archived', () => {
  const facts = {
    sent: command.recordSent(),
    opened: command.recordOpened(),
    clicked: command.recordClicked(),
    bounced: command.recordBounce({ bounceType: 'hard' }),
    requeued: command.requeue(),
    responded: command.recordResponse(),
    converted: command.recordConversion(),
    unsubscribed: command.unsubscribe(),
    viewed: command.recordProfileViewed(),
    dispatched: command.dispatch(),
  };

  // seed 004: On Archive — "No further edits allowed", "Read-only access"
  it.each(Object.entries(facts))('read-only access: a %s fact is refused with CAMPAIGN_READ_ONLY', (_, cmd) => {
    when('archived', [event.dispatchRequested(), ...softBounced().slice(1)], cmd).thenRejects('CAMPAIGN_READ_ONLY');
  });
});
