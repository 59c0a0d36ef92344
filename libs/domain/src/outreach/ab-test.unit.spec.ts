import { abTestResult, erfc, normalCdf, twoProportionZTest } from './ab-test';

const variant = (contacts: number, responses: number, conversions: number) => ({ contacts, responses, conversions });

describe('the normal distribution used for the significance test', () => {
  // Reference values: Python's math.erfc (C library, correctly rounded to ~1 ulp).
  it.each([
    [0, 1],
    [0.5, 0.4795001221869535],
    [1, 0.15729920705028513],
    [1.96, 0.005573724535172132],
    [2.5, 0.0004069520174449589],
    [3, 2.2090496998585438e-5],
    [4, 1.541725790028002e-8],
    [6, 2.1519736712498916e-17],
  ])('erfc(%p) matches the reference to 1e-7 relative', (x, expected) => {
    expect(Math.abs(erfc(x) - expected)).toBeLessThanOrEqual(1e-7 * expected + 1e-15);
    expect(Math.abs(erfc(-x) - (2 - expected))).toBeLessThanOrEqual(1e-7);
  });

  it('Φ(1.96) ≈ 0.975 and Φ(-1) ≈ 0.1587 (standard normal table)', () => {
    expect(normalCdf(1.96)).toBeCloseTo(0.9750021048517795, 9);
    expect(normalCdf(-1)).toBeCloseTo(0.15865525393145707, 9);
  });
});

describe('seed 004: A/B Test Winner Determination', () => {
  it('computes the pooled two-proportion z-test: 120/1000 vs 80/1000 gives z ≈ 2.98, p ≈ 0.0029', () => {
    // By hand: pooled p = 200/2000 = 0.1; se = √(0.1·0.9·(1/1000 + 1/1000)) = √0.00018 = 0.0134164;
    // z = (0.12 − 0.08)/0.0134164 = 2.98142; two-sided p = erfc(2.98142/√2) = 0.0028691.
    const test = twoProportionZTest(variant(1000, 150, 120), variant(1000, 140, 80));
    expect(test?.z).toBeCloseTo(2.9814239699997187, 9);
    expect(test?.pValue).toBeCloseTo(0.0028691127920766257, 9);
  });

  it('the recommended winner is by conversion rate, once p < 0.05 with enough contacts and responses', () => {
    const result = abTestResult({ A: variant(1000, 150, 120), B: variant(1000, 140, 80) });
    expect(result).toMatchObject({ significant: true, winner: 'A' });
    expect(result.pValue).toBeCloseTo(0.0028691, 6);
    expect(result.verdict).toBe('variant A wins by conversion rate: 12% vs 8% (p = 0.0029)');
  });

  it('the winner is B when B converts significantly better, even if A responds more', () => {
    const result = abTestResult({ A: variant(1000, 200, 80), B: variant(1000, 100, 120) });
    expect(result).toMatchObject({ significant: true, winner: 'B' });
  });

  it('reports rates as percentages of the variant contacts, rounded to 2 decimals', () => {
    const result = abTestResult({ A: variant(300, 46, 25), B: variant(300, 38, 18) });
    // 46/300 = 15.333…%, 25/300 = 8.333…%, 38/300 = 12.666…%, 18/300 = 6%
    expect(result.variants).toEqual({
      A: { contacts: 300, responses: 46, conversions: 25, responseRate: 15.33, conversionRate: 8.33 },
      B: { contacts: 300, responses: 38, conversions: 18, responseRate: 12.67, conversionRate: 6 },
    });
  });

  it('95% confidence level (p < 0.05): the seed UI example 8.3% vs 6.1% on 1000 each is not significant yet', () => {
    // By hand: pooled 144/2000 = 0.072; se = √(0.072·0.928·0.002) = 0.011560; z = 0.022/0.011560 = 1.90313;
    // p = erfc(1.90313/√2) = 0.057024.
    const result = abTestResult({ A: variant(1000, 152, 83), B: variant(1000, 128, 61) });
    expect(result.significant).toBe(false);
    expect(result.winner).toBeNull();
    expect(result.pValue).toBeCloseTo(0.05702416086815118, 9);
    expect(result.verdict).toBe('not significant yet: p = 0.0570 is not below 0.05 (95% confidence)');
  });

  it('Minimum 100 contacts per variant: 99 contacts in B leaves no winner whatever the rates', () => {
    const result = abTestResult({ A: variant(1000, 300, 300), B: variant(99, 5, 0) });
    expect(result.pValue).not.toBeNull();
    expect(result.pValue as number).toBeLessThan(0.05);
    expect(result).toMatchObject({ significant: false, winner: null });
    expect(result.verdict).toBe('not significant yet: variant B has 99 contacts; at least 100 per variant are needed');
  });

  it('Minimum 30 responses total: 29 responses leave no winner whatever the rates', () => {
    const result = abTestResult({ A: variant(500, 20, 60), B: variant(500, 9, 5) });
    expect(result.pValue as number).toBeLessThan(0.05);
    expect(result).toMatchObject({ significant: false, winner: null });
    expect(result.verdict).toBe('not significant yet: 29 responses in total; at least 30 are needed');
  });

  it('exactly 100 contacts per variant and 30 responses are enough', () => {
    // pooled 0.25; se = √(0.25·0.75·0.02) = 0.061237; z = 0.3/0.061237 = 4.899; p ≈ 9.6e-7
    const result = abTestResult({ A: variant(100, 20, 40), B: variant(100, 10, 10) });
    expect(result).toMatchObject({ significant: true, winner: 'A' });
  });

  it('no conversions at all: the test is undefined (p null) and there is no winner', () => {
    const result = abTestResult({ A: variant(200, 20, 0), B: variant(200, 20, 0) });
    expect(result).toMatchObject({ significant: false, winner: null, pValue: null });
    expect(result.verdict).toMatch(/^not significant yet: the conversion rates cannot be compared/);
  });

  it('a variant without contacts has rates of 0 and no p-value', () => {
    const result = abTestResult({ A: variant(0, 0, 0), B: variant(10, 1, 1) });
    expect(result.variants.A).toMatchObject({ responseRate: 0, conversionRate: 0 });
    expect(result.pValue).toBeNull();
    expect(result.verdict).toBe('not significant yet: variant A has 0, variant B has 10 contacts; at least 100 per variant are needed');
  });
});
