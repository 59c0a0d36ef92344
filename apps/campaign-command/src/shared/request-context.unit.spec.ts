import { BadRequestException } from '@nestjs/common';
import type { Principal } from '@campaign/runtime';
import { metadataFromRequest } from './request-context';

const caller: Principal = { subject: '42', orgId: 'org-1', role: 'admin', scopes: new Set(), actor: 'user:42', claims: {} };

const refusal = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    return error instanceof BadRequestException ? { status: error.getStatus(), body: error.getResponse() } : error;
  }
  return 'accepted';
};

describe('command metadata from an HTTP request', () => {
  it("takes the Idempotency-Key, else the body's commandId, as the command id", () => {
    expect(metadataFromRequest({ 'idempotency-key': 'k-1' }, caller, 'body-1').commandId).toBe('k-1');
    expect(metadataFromRequest({}, caller, 'body-1').commandId).toBe('body-1');
  });

  it.each(['timer-0f3c', 'ingest-9a1b', 'dispatch-77', 'dispatch-failed-77', 'system-1', 'suppress-c1', 'previously-bounced-c1', 'auto-complete-c1-1'])(
    'refuses the internal command id %s from outside, in the header or the body',
    (id) => {
      for (const run of [() => metadataFromRequest({ 'idempotency-key': id }, caller), () => metadataFromRequest({}, caller, id)]) {
        expect(refusal(run)).toEqual({
          status: 400,
          body: expect.objectContaining({
            code: 'INVALID_REQUEST',
            details: { problems: [expect.stringMatching(/^Idempotency-Key: .*reserved for internal commands/)] },
          }),
        });
      }
    },
  );

  it('accepts ids that merely contain those words', () => {
    for (const id of ['my-timer-1', 'Timer-1', 'timers', 'order-ingest-2'])
      expect(refusal(() => metadataFromRequest({ 'idempotency-key': id }, caller))).toBe('accepted');
  });
});
