import { accepted as acceptedAny, given } from '../testing';
import type { ContactEvent, EmailBounced } from './contact';
import { contactDecider } from './contact.decide';
import { contactIn, NOW, outreachCommand as command, outreachEvent as event, sentOnce } from './testing';

const atHour = (hours: number) => new Date(Date.parse(NOW) + hours * 3_600_000).toISOString();

/** The contact decider records only contact events; its campaign events are read, never written. */
const accepted = (outcome: ReturnType<typeof when>) => acceptedAny(outcome) as ContactEvent[];

const when = (cmd: Parameters<typeof contactDecider.decide>[0], contactEvents: readonly ContactEvent[], now?: string) =>
  given(contactDecider, contactIn('active', contactEvents)).when(now === undefined ? cmd : { ...cmd, metadata: { ...cmd.metadata, now } });

/** The contact's history through `n` soft bounces of its email, each retried as scheduled. */
const softBounces = (n: number): ContactEvent[] => {
  let history: ContactEvent[] = sentOnce();
  for (let i = 0; i < n; i += 1) {
    const [bounce] = accepted(when(command.recordBounce(), history, atHour(i === 0 ? 0 : [4, 16, 48][i - 1] + 1))) as [EmailBounced];
    history = [...history, bounce];
    if (bounce.data.final) break;
    const retry = `r${i + 1}`;
    history = [
      ...history,
      ...accepted(when(command.requeue(), history)),
      event.dispatchRequested({ dispatchId: retry, attempt: i + 2 }),
      event.messageSent({ dispatchId: retry }),
    ];
  }
  return history;
};
const bouncesIn = (history: readonly ContactEvent[]) => history.filter((e): e is EmailBounced => e.type === 'EmailBounced');

describe('when a soft bounce left a retry', () => {
  const pending = softBounces(1).slice(0, 3);

  // seed 004: Soft bounce — retry (a timer requeues the contact, which goes back to pending)
  it('RequeueContact puts the contact back to pending for attempt 2', () => {
    expect(accepted(when(command.requeue(), pending))).toEqual([
      expect.objectContaining({ type: 'ContactRequeued', data: expect.objectContaining({ attempt: 2 }) }),
    ]);
  });

  it('the requeued contact is dispatched again as attempt 2', () => {
    const requeued = [...pending, ...accepted(when(command.requeue(), pending))];
    expect(accepted(when(command.dispatch({ dispatchId: 'r1' }), requeued))[0]).toMatchObject({ data: { attempt: 2 } });
  });

  it('a contact that replied meanwhile is not requeued', () => {
    const replied = [...pending, ...accepted(when(command.recordResponse(), pending))];
    when(command.requeue(), replied).thenRejects('CONTACT_INVALID_STATUS');
  });

  it('a contact unsubscribed meanwhile is not requeued', () => {
    const unsubscribed = [...pending, ...accepted(when(command.unsubscribe(), pending))];
    when(command.requeue(), unsubscribed).thenRejects('CONTACT_INVALID_STATUS');
  });
});

describe('when soft bounces repeat', () => {
  // seed 004: Soft bounce — "Retry up to 3 times over 48 hours" (retries 4, 16 and 48 hours after the first bounce)
  it('retry up to 3 times over 48 hours, then bounced', () => {
    const bounces = bouncesIn(softBounces(4));
    expect(bounces.map((b) => [b.data.softBounceCount, b.data.retryAt, b.data.final])).toEqual([
      [1, atHour(4), false],
      [2, atHour(16), false],
      [3, atHour(48), false],
      [4, null, true],
    ]);
  });

  it('after the final soft bounce the contact is bounced: no requeue, no dispatch, later bounces record nothing', () => {
    const history = softBounces(4);
    when(command.requeue(), history).thenRejects('CONTACT_INVALID_STATUS');
    when(command.dispatch({ dispatchId: 'again' }), history).thenRejects('CONTACT_BOUNCED');
    when(command.recordBounce({ bounceType: 'hard' }), history).thenNothing();
  });
});

describe('when the contact is bounced', () => {
  const bounced = [...sentOnce(), event.bounced()];

  it('a bounced contact is not dispatched (Email previously bounced)', () => {
    when(command.dispatch({ dispatchId: 'again' }), bounced).thenRejects('CONTACT_BOUNCED', { message: 'Email previously bounced' });
  });

  // seed 004: responses_received — Excludes bounces
  it('a bounced contact records no response', () => {
    when(command.recordResponse(), bounced).thenRejects('CONTACT_INVALID_STATUS');
  });

  it('a repeated bounce records nothing', () => {
    when(command.recordBounce({ bounceType: 'soft' }), bounced).thenNothing();
  });
});

describe('when the contact is unsubscribed', () => {
  const unsubscribed = [...sentOnce(), ...accepted(when(command.unsubscribe(), sentOnce()))];

  it('an unsubscribed contact is not dispatched (Contact has unsubscribed)', () => {
    when(command.dispatch({ dispatchId: 'again' }), unsubscribed).thenRejects('CONTACT_UNSUBSCRIBED', { message: 'Contact has unsubscribed' });
  });
});

describe('whether a bounce is about the address', () => {
  // seed 004: "Email previously bounced" stands in the way of later sends — of the address, org-wide.
  it("a provider's bounce is (the default): the address was refused", () => {
    const [bounce] = accepted(when(command.recordBounce({ bounceType: 'hard' }), sentOnce())) as [EmailBounced];
    expect(bounce.data).toMatchObject({ final: true, addressRejected: true });
  });

  it('a dispatch that failed for good over its message is not: the contact ends bounced, the address stays usable', () => {
    const [bounce] = accepted(
      when(command.recordBounce({ bounceType: 'hard', bounceReason: 'dispatch failed: template rejected', addressRejected: false }), sentOnce()),
    ) as [EmailBounced];
    expect(bounce.data).toMatchObject({ final: true, addressRejected: false });
  });

  it('addressRejected is true or false', () => {
    const unsure = command.recordBounce({ bounceType: 'hard', addressRejected: 'no' as unknown as boolean });
    when(unsure, sentOnce()).thenRejects('CONTACT_INVALID', { details: { field: 'addressRejected' } });
  });
});
