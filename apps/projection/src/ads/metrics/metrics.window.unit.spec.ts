import { compareNumeric, type SevenDayItem, seedOrder } from './metrics.window';

const item = (id: string, roas: string | null): SevenDayItem => ({ id, roas, json: '{}' });

describe('the 7-day answer in the seed order, kept in memory (seed 003 Sample Queries "ORDER BY roas DESC"; issue 12 point 11b)', () => {
  it('compares NUMERIC text exactly: by magnitude, not by text or by float', () => {
    expect(compareNumeric('10.0', '9.99')).toBeGreaterThan(0);
    expect(compareNumeric('2.5', '2.50000000000000000000')).toBe(0);
    expect(compareNumeric('0.1000000000000000000001', '0.1')).toBeGreaterThan(0);
    // Beyond a double's precision: equal as floats, not as numbers.
    expect(compareNumeric('1.00000000000000000001', '1.00000000000000000002')).toBeLessThan(0);
    expect(compareNumeric('123456789012345678901', '123456789012345678900')).toBeGreaterThan(0);
    expect(compareNumeric('0', '0.0000')).toBe(0);
    expect(compareNumeric('-1.5', '1')).toBeLessThan(0);
    expect(compareNumeric('-1.5', '-1.25')).toBeLessThan(0);
    expect(compareNumeric('-0.5', '0')).toBeLessThan(0);
  });

  it('ORDER BY roas DESC puts NULL first (as PostgreSQL does), then the highest ROAS; equal ROAS by campaign id', () => {
    const items = [
      item('b0000000-0000-4000-8000-000000000000', '2.0000'),
      item('a0000000-0000-4000-8000-000000000000', '2.00000000000000000000'),
      item('c0000000-0000-4000-8000-000000000000', null),
      item('d0000000-0000-4000-8000-000000000000', '10.5'),
      item('e0000000-0000-4000-8000-000000000000', '0.0000000000000000000000'),
      item('01000000-0000-4000-8000-000000000000', null),
    ];
    expect([...items].sort(seedOrder).map((i) => [i.id[0] + i.id[1], i.roas])).toEqual([
      ['01', null],
      ['c0', null],
      ['d0', '10.5'],
      ['a0', '2.00000000000000000000'],
      ['b0', '2.0000'],
      ['e0', '0.0000000000000000000000'],
    ]);
  });
});
