import { AdPlatformError } from './connector.errors';
import { centsToAmount, centsToMicros, centsToMinorUnits, decimalToCents, microsToCents, minorUnitsToCents, toWhole } from './money';

// seed 003: spend / revenue DECIMAL(15,2) — platform money becomes exact cents, never through floats.
describe('platform money to cents (seed 003 spend, revenue DECIMAL(15,2))', () => {
  it('turns Google cost_micros into cents, rounding half away from zero', () => {
    expect(microsToCents('1234560000', 'cost')).toBe(123_456);
    expect(microsToCents('1234565000', 'cost')).toBe(123_457);
    expect(microsToCents('1234564999', 'cost')).toBe(123_456);
    expect(microsToCents(0, 'cost')).toBe(0);
    // 90 billion micros of a currency unit: beyond what a double holds exactly in micros' last digits.
    expect(microsToCents('9007199254740993', 'cost')).toBe(900_719_925_474);
  });

  it('turns Meta string spend into cents exactly', () => {
    expect(decimalToCents('12.34', 'spend')).toBe(1_234);
    expect(decimalToCents('0.1', 'spend')).toBe(10);
    expect(decimalToCents('100', 'spend')).toBe(10_000);
    expect(decimalToCents('0.005', 'spend')).toBe(1);
    expect(decimalToCents('9999999999999.99', 'spend')).toBe(999_999_999_999_999);
  });

  it('reads a JSON number (Google conversions_value) by its printed digits, not its binary value', () => {
    // 0.145 is 0.14499999999999999 as a double: a float rounding would give 14.
    expect(decimalToCents(0.145, 'value')).toBe(15);
    expect(decimalToCents(1.1e-7, 'value')).toBe(0);
    expect(decimalToCents(1234.5, 'value')).toBe(123_450);
  });

  it('rounds fractional attributed conversions to the seed INTEGER', () => {
    expect(toWhole(2.5, 'conversions')).toBe(3);
    expect(toWhole('2.49', 'conversions')).toBe(2);
    expect(toWhole(7, 'conversions')).toBe(7);
  });

  it('reads Meta budgets in the currency minor units (USD cents, JPY whole yen)', () => {
    expect(minorUnitsToCents('5000', 'USD', 'budget')).toBe(5_000n);
    expect(minorUnitsToCents('5000', 'JPY', 'budget')).toBe(500_000n);
    expect(centsToMinorUnits(5_000n, 'USD')).toBe('5000');
    expect(centsToMinorUnits(500_000n, 'JPY')).toBe('5000');
  });

  it('writes cents back as micros and as decimal money', () => {
    expect(centsToMicros(4_550n)).toBe('45500000');
    expect(centsToAmount(123_450n)).toBe('1234.50');
    expect(centsToAmount(5)).toBe('0.05');
  });

  it('rejects what is not a number with a typed error', () => {
    expect(() => decimalToCents('12,34', 'spend')).toThrow(AdPlatformError);
    expect(() => microsToCents(null, 'cost')).toThrow(expect.objectContaining({ code: 'AD_PLATFORM_DATA_INVALID' }));
  });
});
