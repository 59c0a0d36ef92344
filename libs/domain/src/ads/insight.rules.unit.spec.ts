import { centsOf, derivedUuid, isConfidence, isMetricDecimal } from './insight.rules';

describe('the seed 003 decimals as strings', () => {
  // seed 003: DECIMAL(15,2) — at most 13 integer digits and 2 decimals.
  it.each([
    ['1234.50', 123450],
    ['0.05', 5],
    ['7', 700],
    ['-2.5', -250],
    ['9999999999999.99', 999999999999999],
  ])('money DECIMAL(15,2): %s is %d cents', (text, cents) => {
    expect(centsOf(text)).toBe(cents);
  });

  it.each(['10000000000000.00', '1.234', '1e3', ' 1.00', '', '.5'])('money DECIMAL(15,2): %p does not fit', (text) => {
    expect(centsOf(text)).toBeNull();
  });

  // seed 003: metric_value / threshold_value DECIMAL(15,4) — at most 11 integer digits and 4 decimals.
  it('metric values DECIMAL(15,4)', () => {
    expect(['99999999999.9999', '-0.0001', '3'].every(isMetricDecimal)).toBe(true);
    expect(['100000000000', '0.00001', 'NaN'].some(isMetricDecimal)).toBe(false);
  });

  // seed 003: confidence DECIMAL(3,2) — 0 to 1, two decimals.
  it('confidence DECIMAL(3,2)', () => {
    expect([0, 0.07, 0.29, 0.57, 1].every(isConfidence)).toBe(true);
    expect([-0.01, 1.01, 0.001, Number.NaN].some(isConfidence)).toBe(false);
  });
});

describe('ids derived from a command id', () => {
  it('are UUIDs, the same for the same command and label, different otherwise', () => {
    const id = derivedUuid('cmd-1', 'alert');
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(derivedUuid('cmd-1', 'alert')).toBe(id);
    const others = new Set(Array.from({ length: 10_000 }, (_, i) => derivedUuid(`cmd-${i}`, 'alert')));
    expect(others.size).toBe(10_000);
  });
});
