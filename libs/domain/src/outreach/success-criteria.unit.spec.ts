import { type SuccessInput, successCriteria } from './success-criteria';

/** An active campaign that reached 200 contacts, 30 responded (15%), 12 converted, with no targets. */
const input = (overrides: Partial<SuccessInput> = {}): SuccessInput => ({
  status: 'active',
  contactsReached: 200,
  responseRate: 15,
  conversions: 12,
  targetResponseRate: null,
  targetConversionCount: null,
  ...overrides,
});

describe('seed 004: Success Criteria', () => {
  // seed 004: Success Criteria — actual_response_rate >= target_response_rate
  it('actual_response_rate >= target_response_rate: the response-rate target is met at equality', () => {
    expect(successCriteria(input({ targetResponseRate: 15 })).responseRate).toEqual({ target: 15, actual: 15, status: 'met' });
  });

  // seed 004: Success Criteria — conversions >= target_conversion_count
  it('conversions >= target_conversion_count: the conversion target is met at equality', () => {
    expect(successCriteria(input({ targetConversionCount: 12 })).conversionCount).toEqual({ target: 12, actual: 12, status: 'met' });
  });

  it('a target not reached while the campaign runs is not met yet', () => {
    const criteria = successCriteria(input({ targetResponseRate: 15.01, targetConversionCount: 13 }));
    expect(criteria).toEqual({
      responseRate: { target: 15.01, actual: 15, status: 'not_yet' },
      conversionCount: { target: 13, actual: 12, status: 'not_yet' },
      overall: 'not_yet',
    });
  });

  it.each(['completed', 'archived'] as const)('a target not reached when the campaign is %s is not met', (status) => {
    const criteria = successCriteria(input({ status, targetResponseRate: 20, targetConversionCount: 13 }));
    expect(criteria).toEqual({
      responseRate: { target: 20, actual: 15, status: 'not_met' },
      conversionCount: { target: 13, actual: 12, status: 'not_met' },
      overall: 'not_met',
    });
  });

  it.each(['draft', 'paused'] as const)('a %s campaign is judged like a running one', (status) => {
    expect(successCriteria(input({ status, targetConversionCount: 50 })).conversionCount.status).toBe('not_yet');
  });

  it('no target set: nothing to judge', () => {
    expect(successCriteria(input({ status: 'completed' }))).toEqual({
      responseRate: { target: null, actual: 15, status: 'no_target' },
      conversionCount: { target: null, actual: 12, status: 'no_target' },
      overall: 'no_target',
    });
  });

  it('overall: met when every target set is met, even if the other has none', () => {
    expect(successCriteria(input({ status: 'completed', targetConversionCount: 10 })).overall).toBe('met');
  });

  it('overall: not met as soon as one target set is not met for good', () => {
    expect(successCriteria(input({ status: 'completed', targetResponseRate: 10, targetConversionCount: 20 })).overall).toBe('not_met');
  });

  it('overall: not yet while one target is met and the other is still open', () => {
    expect(successCriteria(input({ targetResponseRate: 10, targetConversionCount: 20 })).overall).toBe('not_yet');
  });

  // seed 004: response_rate — "Only calculate if contacts_reached > 0"
  it('a running campaign that reached nobody has no response rate to judge yet, even against a target of 0', () => {
    const running = input({ contactsReached: 0, responseRate: 0, targetResponseRate: 0 });
    expect(successCriteria(running).responseRate.status).toBe('not_yet');
    expect(successCriteria({ ...running, status: 'completed' }).responseRate.status).toBe('met');
  });
});
