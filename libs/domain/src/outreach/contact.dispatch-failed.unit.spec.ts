import { fold } from '../shared/decider';
import { accepted, given } from '../testing';
import type { ContactCommand } from './commands';
import type { ContactEvent } from './contact';
import { contactDecider } from './contact.decide';
import { contactIn, DISPATCH_ID, NOW, outreachCommand as command, outreachEvent as event, sentOnce } from './testing';

const when = (cmd: ContactCommand, contactEvents: readonly ContactEvent[] = []) => given(contactDecider, contactIn('active', contactEvents)).when(cmd);
const contactAfter = (contactEvents: readonly ContactEvent[]) => fold(contactDecider, contactIn('active', contactEvents)).contact!;

describe('when a dispatch is under way', () => {
  const dispatched = [event.dispatchRequested()];

  it('a sender adapter that could not send records ContactDispatchFailed for the outstanding dispatch', () => {
    when(command.recordDispatchFailed({ reason: 'SMTP 421 service not available' }), dispatched).then([
      event.dispatchFailed({ reason: 'SMTP 421 service not available', retryable: true, failedAt: NOW }),
    ]);
  });

  it("a failure that will not go away is recorded alike: what follows is the dispatcher's decision", () => {
    when(command.recordDispatchFailed({ retryable: false, reason: 'recipient rejected' }), dispatched).then([
      event.dispatchFailed({ retryable: false, reason: 'recipient rejected' }),
    ]);
  });

  it('says whether the recipient itself was refused; a failure of the message is not one (the default)', () => {
    when(command.recordDispatchFailed({ retryable: false, reason: 'template rejected by provider' }), dispatched).then([
      event.dispatchFailed({ retryable: false, reason: 'template rejected by provider', recipientRejected: false }),
    ]);
    when(command.recordDispatchFailed({ retryable: false, reason: '550 no such user', recipientRejected: true }), dispatched).then([
      event.dispatchFailed({ retryable: false, reason: '550 no such user', recipientRejected: true }),
    ]);
  });

  it('a refused recipient will be refused again: reported retryable it is CONTACT_INVALID', () => {
    const contradictory = command.recordDispatchFailed({ retryable: true, recipientRejected: true });
    when(contradictory, dispatched).thenRejects('CONTACT_INVALID', { details: { field: 'retryable' } });
    const unsure = command.recordDispatchFailed({ retryable: false, recipientRejected: 'yes' as unknown as boolean });
    when(unsure, dispatched).thenRejects('CONTACT_INVALID', { details: { field: 'recipientRejected' } });
  });

  it('only the outstanding dispatch can fail: an unknown dispatch is CONTACT_INVALID_STATUS', () => {
    when(command.recordDispatchFailed({ dispatchId: 'other' }), dispatched).thenRejects('CONTACT_INVALID_STATUS');
  });

  it('the reason is text of 1 to 500 characters', () => {
    when(command.recordDispatchFailed({ reason: '' }), dispatched).thenRejects('CONTACT_INVALID', { details: { field: 'reason' } });
    when(command.recordDispatchFailed({ reason: 'x'.repeat(501) }), dispatched).thenRejects('CONTACT_INVALID', { details: { field: 'reason' } });
    expect(accepted(when(command.recordDispatchFailed({ reason: 'x'.repeat(500) }), dispatched))).toHaveLength(1);
  });

  it('retryable is true or false', () => {
    const unsure = command.recordDispatchFailed({ retryable: 'maybe' as unknown as boolean });
    when(unsure, dispatched).thenRejects('CONTACT_INVALID', { details: { field: 'retryable' } });
  });
});

describe('when the contact is pending with nothing under way', () => {
  it('no dispatch, no failure: CONTACT_INVALID_STATUS', () => {
    when(command.recordDispatchFailed()).thenRejects('CONTACT_INVALID_STATUS');
  });
});

describe('when the dispatch failed', () => {
  const failed = [event.dispatchRequested(), event.dispatchFailed()];

  it('the failed dispatch is settled: the contact stays pending with no dispatch under way (no send, no engagement)', () => {
    expect(contactAfter(failed)).toMatchObject({ status: 'pending', outstanding: null, sends: 0, sentAt: null, failedDispatchIds: [DISPATCH_ID] });
  });

  it('the contact is dispatched again, still as attempt 1 (nothing was sent)', () => {
    expect(accepted(when(command.dispatch({ dispatchId: 'd2' }), failed))[0]).toMatchObject({
      type: 'ContactDispatchRequested',
      data: { dispatchId: 'd2', attempt: 1 },
    });
  });

  it('a repeated failure report for the same dispatch records nothing', () => {
    when(command.recordDispatchFailed(), failed).thenNothing();
  });

  it('a send reported for the failed dispatch is CONTACT_INVALID_STATUS: it is no longer under way', () => {
    when(command.recordSent(), failed).thenRejects('CONTACT_INVALID_STATUS');
  });
});

describe('when the dispatch was sent', () => {
  it('a failure report for a dispatch already sent records nothing', () => {
    when(command.recordDispatchFailed(), sentOnce()).thenNothing();
    expect(contactAfter(sentOnce()).status).toBe('sent');
  });
});
