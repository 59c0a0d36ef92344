import { fold } from '../shared/decider';
import { accepted, given, rejected } from '../testing';
import type { ContactCommand } from './commands';
import type { ContactEvent } from './contact';
import { contactDecider } from './contact.decide';
import { contactIn, DISPATCH_ID, NOW, outreachCommand as command, outreachEvent as event, sentOnce } from './testing';

const when = (cmd: ContactCommand, contactEvents: readonly ContactEvent[] = []) => given(contactDecider, contactIn('active', contactEvents)).when(cmd);
const codeOf = (decision: ReturnType<typeof when>) => rejected(decision).code;
const contactAfter = (contactEvents: readonly ContactEvent[]) => fold(contactDecider, contactIn('active', contactEvents)).contact!;

describe('when a dispatch is under way', () => {
  const dispatched = [event.dispatchRequested()];

  it('a sender adapter that could not send records ContactDispatchFailed for the outstanding dispatch', () => {
    expect(when(command.recordDispatchFailed({ reason: 'SMTP 421 service not available' }), dispatched)).toEqual([
      event.dispatchFailed({ reason: 'SMTP 421 service not available', retryable: true, failedAt: NOW }),
    ]);
  });

  it('a failure that will not go away is recorded alike: what follows is the dispatcher\'s decision', () => {
    expect(when(command.recordDispatchFailed({ retryable: false, reason: 'recipient rejected' }), dispatched)).toEqual([
      event.dispatchFailed({ retryable: false, reason: 'recipient rejected' }),
    ]);
  });

  it('says whether the recipient itself was refused; a failure of the message is not one (the default)', () => {
    expect(when(command.recordDispatchFailed({ retryable: false, reason: 'template rejected by provider' }), dispatched)).toEqual([
      event.dispatchFailed({ retryable: false, reason: 'template rejected by provider', recipientRejected: false }),
    ]);
    expect(when(command.recordDispatchFailed({ retryable: false, reason: '550 no such user', recipientRejected: true }), dispatched)).toEqual([
      event.dispatchFailed({ retryable: false, reason: '550 no such user', recipientRejected: true }),
    ]);
  });

  it('a refused recipient will be refused again: reported retryable it is CONTACT_INVALID', () => {
    const contradictory = command.recordDispatchFailed({ retryable: true, recipientRejected: true });
    expect(rejected(when(contradictory, dispatched))).toMatchObject({ code: 'CONTACT_INVALID', details: { field: 'retryable' } });
    const unsure = command.recordDispatchFailed({ retryable: false, recipientRejected: 'yes' as unknown as boolean });
    expect(rejected(when(unsure, dispatched))).toMatchObject({ code: 'CONTACT_INVALID', details: { field: 'recipientRejected' } });
  });

  it('only the outstanding dispatch can fail: an unknown dispatch is CONTACT_INVALID_STATUS', () => {
    expect(codeOf(when(command.recordDispatchFailed({ dispatchId: 'other' }), dispatched))).toBe('CONTACT_INVALID_STATUS');
  });

  it('the reason is text of 1 to 500 characters', () => {
    expect(rejected(when(command.recordDispatchFailed({ reason: '' }), dispatched))).toMatchObject({ code: 'CONTACT_INVALID', details: { field: 'reason' } });
    expect(rejected(when(command.recordDispatchFailed({ reason: 'x'.repeat(501) }), dispatched))).toMatchObject({ code: 'CONTACT_INVALID', details: { field: 'reason' } });
    expect(accepted(when(command.recordDispatchFailed({ reason: 'x'.repeat(500) }), dispatched))).toHaveLength(1);
  });

  it('retryable is true or false', () => {
    const unsure = command.recordDispatchFailed({ retryable: 'maybe' as unknown as boolean });
    expect(rejected(when(unsure, dispatched))).toMatchObject({ code: 'CONTACT_INVALID', details: { field: 'retryable' } });
  });
});

describe('when the contact is pending with nothing under way', () => {
  it('no dispatch, no failure: CONTACT_INVALID_STATUS', () => {
    expect(codeOf(when(command.recordDispatchFailed()))).toBe('CONTACT_INVALID_STATUS');
  });
});

describe('when the dispatch failed', () => {
  const failed = [event.dispatchRequested(), event.dispatchFailed()];

  it('the failed dispatch is settled: the contact stays pending with no dispatch under way (no send, no engagement)', () => {
    expect(contactAfter(failed)).toMatchObject({ status: 'pending', outstanding: null, sends: 0, sentAt: null, failedDispatchIds: [DISPATCH_ID] });
  });

  it('the contact is dispatched again, still as attempt 1 (nothing was sent)', () => {
    expect(accepted(when(command.dispatch({ dispatchId: 'd2' }), failed))[0]).toMatchObject({ type: 'ContactDispatchRequested', data: { dispatchId: 'd2', attempt: 1 } });
  });

  it('a repeated failure report for the same dispatch records nothing', () => {
    expect(when(command.recordDispatchFailed(), failed)).toEqual([]);
  });

  it('a send reported for the failed dispatch is CONTACT_INVALID_STATUS: it is no longer under way', () => {
    expect(codeOf(when(command.recordSent(), failed))).toBe('CONTACT_INVALID_STATUS');
  });
});

describe('when the dispatch was sent', () => {
  it('a failure report for a dispatch already sent records nothing', () => {
    expect(when(command.recordDispatchFailed(), sentOnce())).toEqual([]);
    expect(contactAfter(sentOnce()).status).toBe('sent');
  });
});
