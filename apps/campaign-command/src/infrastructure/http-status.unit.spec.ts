import { httpStatusOf } from './http-status';

const rejected = (code: string) => ({ status: 'REJECTED' as const, commandId: 'c', streamId: 's', code, message: '', details: {} });

describe('HTTP status of a command outcome', () => {
  it('is 201 for an accepted creation and 200 for other accepted commands', () => {
    const accepted = { status: 'ACCEPTED' as const, commandId: 'c', streamId: 's', streamVersion: 1, eventIds: [] };
    expect(httpStatusOf(accepted, true)).toBe(201);
    expect(httpStatusOf(accepted, false)).toBe(200);
  });

  it.each([
    ['CAMPAIGN_NOT_FOUND', 404],
    ['INVALID_STATE_TRANSITION', 409],
    ['CAMPAIGN_ALREADY_EXISTS', 409],
    ['REWARD_ALREADY_CLAIMED', 409],
    ['INVALID_DURATION', 422],
    ['START_TIME_IN_PAST', 422],
  ])('maps %s to %i', (code, status) => {
    expect(httpStatusOf(rejected(code), false)).toBe(status);
  });
});
