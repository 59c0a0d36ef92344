import { adAccountIdOf } from './ads/ids';
import { nameUuid } from './name-uuid';

// Ids derived this way are stored (streams, read-model rows, command ids): the values below were
// computed by the per-context copies this function replaced, and must never change.
describe('nameUuid', () => {
  it.each([
    [['ads', 'account', 'google', '123'], '1a306460-636b-5925-8eb1-48f0944494a3'],
    [['org-1', 'cmd-1', 'campaign'], 'e5424e55-5ae1-5804-a73e-97ca69707306'],
    [['outreach/completion-summary/s-1@3'], '15a499c1-6482-52a1-a158-5b56d3799c70'],
    [['ads-alerting', 'c1', 2], 'fce57360-0606-5e13-9209-3ee44b57981e'],
    // libs/timers' timerIdFor: one part, the event id and timer type
    [['e1:START'], '432025ad-a726-5cf0-aa1d-1abe4ed6d086'],
  ])('%j names %s, as it always has', (parts, id) => {
    expect(nameUuid(...parts)).toBe(id);
  });

  it('is a version 5, RFC 4122 variant UUID', () => {
    expect(nameUuid('x')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it("an ad account's id is the ads namespace's name of its platform ids", () => {
    expect(adAccountIdOf('google', '123')).toBe('1a306460-636b-5925-8eb1-48f0944494a3');
  });
});
