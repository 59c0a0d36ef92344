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
    const test = twoProportionZTest({ successes: 120, trials: 1000 }, { successes: 80, trials: 1000 });
    expect(test?.z).toBeCloseTo(2.9814239699997187, 9);
    expect(test?.pValue).toBeCloseTo(0.0028691127920766257, 9);
  });

  // seed 004: Recommended winner: by_conversion_rate (business outcome); Conversion Rate = conversions / responses_received
  it('the recommended winner is by conversion rate (conversions / responses), once p < 0.05 with enough contacts and responses', () => {
    // 120/200 vs 80/200: pooled 0.5; se = √(0.25·0.01) = 0.05; z = 0.2/0.05 = 4; p = erfc(4/√2) = 6.334e-5.
    const result = abTestResult({ A: variant(1000, 200, 120), B: variant(1000, 200, 80) });
    expect(result).toMatchObject({ significant: true, winner: 'A' });
    expect(result.pValue).toBeCloseTo(6.334248366624009e-5, 9);
    expect(result.verdict).toBe('variant A wins by conversion rate: 60% vs 40% (p = 0.0001)');
  });

  it('the winner is B when B converts significantly better, even if A responds more', () => {
    // 90/300 vs 60/100: z = −5.37, p ≈ 8e-8.
    const result = abTestResult({ A: variant(1000, 300, 90), B: variant(1000, 100, 60) });
    expect(result).toMatchObject({ significant: true, winner: 'B', winners: { byResponseRate: 'A', byConversionRate: 'B', byOverall: 'A' } });
  });

  // seed 004: Winner Criteria — by_response_rate, by_conversion_rate, by_overall; Display: the Difference line
  it('reports the winner by response rate, by conversion rate and overall, and the differences A − B', () => {
    const result = abTestResult({ A: variant(500, 100, 40), B: variant(500, 120, 30) });
    // A: 100/500 = 20% responded, 40/100 = 40% of responses converted, 40/500 = 8% overall;
    // B: 120/500 = 24%, 30/120 = 25%, 30/500 = 6%.
    expect(result.variants).toEqual({
      A: { contacts: 500, responses: 100, conversions: 40, responseRate: 20, conversionRate: 40, overallRate: 8 },
      B: { contacts: 500, responses: 120, conversions: 30, responseRate: 24, conversionRate: 25, overallRate: 6 },
    });
    expect(result.winners).toEqual({ byResponseRate: 'B', byConversionRate: 'A', byOverall: 'A' });
    expect(result.differences).toEqual({ responseRate: -4, conversionRate: 15, overallRate: 2 });
  });

  // seed 004: 95% confidence level (p < 0.05)
  it('states the confidence level of the conversion-rate difference beside the 95% required', () => {
    // 40/100 vs 30/120: pooled 70/220; se = 0.063066; z = 2.3785; p = 0.017384 → 98.26% confidence.
    const result = abTestResult({ A: variant(500, 100, 40), B: variant(500, 120, 30) });
    expect(result.pValue).toBeCloseTo(0.01738442035206617, 9);
    expect(result).toMatchObject({ significant: true, winner: 'A', confidenceLevel: 98.26, requiredConfidenceLevel: 95 });
  });

  it('equal rates name no winner by that rate', () => {
    const result = abTestResult({ A: variant(200, 20, 5), B: variant(200, 20, 5) });
    expect(result.winners).toEqual({ byResponseRate: null, byConversionRate: null, byOverall: null });
    expect(result.differences).toEqual({ responseRate: 0, conversionRate: 0, overallRate: 0 });
  });

  it('reports rates as percentages rounded to 2 decimals', () => {
    const result = abTestResult({ A: variant(300, 46, 25), B: variant(300, 38, 18) });
    // 46/300 = 15.333…%, 25/46 = 54.347…%, 25/300 = 8.333…%; 38/300 = 12.666…%, 18/38 = 47.368…%, 18/300 = 6%
    expect(result.variants).toEqual({
      A: { contacts: 300, responses: 46, conversions: 25, responseRate: 15.33, conversionRate: 54.35, overallRate: 8.33 },
      B: { contacts: 300, responses: 38, conversions: 18, responseRate: 12.67, conversionRate: 47.37, overallRate: 6 },
    });
    // (25/46 − 18/38)·100 = 6.979…
    expect(result.differences).toEqual({ responseRate: 2.67, conversionRate: 6.98, overallRate: 2.33 });
  });

  it('95% confidence level (p < 0.05): 30/152 vs 18/128 converted responses on 1000 contacts each is not significant yet', () => {
    // By hand: pooled 48/280; se = √(0.171429·0.828571·(1/152 + 1/128)) = 0.045296; z = 1.25504; p = 0.20947.
    const result = abTestResult({ A: variant(1000, 152, 30), B: variant(1000, 128, 18) });
    expect(result.significant).toBe(false);
    expect(result.winner).toBeNull();
    expect(result.pValue).toBeCloseTo(0.2094651507072882, 9);
    expect(result.confidenceLevel).toBe(79.05);
    expect(result.verdict).toBe('not significant yet: p = 0.2095 is not below 0.05 (95% confidence)');
  });

  // seed 004: Minimum 100 contacts per variant
  it('Minimum 100 contacts per variant: 99 contacts in B leaves no winner whatever the rates', () => {
    const result = abTestResult({ A: variant(1000, 300, 300), B: variant(99, 5, 0) });
    expect(result.pValue).not.toBeNull();
    expect(result.pValue as number).toBeLessThan(0.05);
    expect(result).toMatchObject({ significant: false, winner: null });
    expect(result.verdict).toBe('not significant yet: variant B has 99 contacts; at least 100 per variant are needed');
  });

  // seed 004: Minimum 30 responses total
  it('Minimum 30 responses total: 29 responses leave no winner whatever the rates', () => {
    const result = abTestResult({ A: variant(500, 20, 20), B: variant(500, 9, 0) });
    expect(result.pValue as number).toBeLessThan(0.05);
    expect(result).toMatchObject({ significant: false, winner: null });
    expect(result.verdict).toBe('not significant yet: 29 responses in total; at least 30 are needed');
  });

  it('exactly 100 contacts per variant and 30 responses are enough', () => {
    // 15/15 vs 0/15: pooled 0.5; se = √(0.25·(2/15)) = 0.182574; z = 5.477; p ≈ 4.3e-8
    const result = abTestResult({ A: variant(100, 15, 15), B: variant(100, 15, 0) });
    expect(result).toMatchObject({ significant: true, winner: 'A' });
  });

  it('no conversions at all: the test is undefined (p null), there is no winner and no confidence level', () => {
    const result = abTestResult({ A: variant(200, 20, 0), B: variant(200, 20, 0) });
    expect(result).toMatchObject({ significant: false, winner: null, pValue: null, confidenceLevel: null });
    expect(result.verdict).toMatch(/^not significant yet: the conversion rates cannot be compared/);
  });

  it('a variant without contacts has rates of 0 and no p-value', () => {
    const result = abTestResult({ A: variant(0, 0, 0), B: variant(10, 1, 1) });
    expect(result.variants.A).toMatchObject({ responseRate: 0, conversionRate: 0, overallRate: 0 });
    expect(result.pValue).toBeNull();
    expect(result.verdict).toBe('not significant yet: variant A has 0, variant B has 10 contacts; at least 100 per variant are needed');
  });
});
