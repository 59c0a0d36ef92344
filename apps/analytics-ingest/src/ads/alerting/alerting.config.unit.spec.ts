import { alertingConfigSchema, alertRulesOf } from './alerting.config';
import { recommendationProviderOf } from './ads-alerting.parts';
import { DAY_MS, HOUR_MS } from './window-totals';

// seed 003 Alerts (issue 12 point 5): thresholds and windows configurable per rule with
// documented defaults; the Anthropic provider is off without a key (point 6).
describe('alerting settings', () => {
  it('defaults: ROAS_DROP 30 %, CPA_SPIKE 50 %, ZERO_CONVERSIONS from 50.00, windows of 24 h against the 7 days before', () => {
    expect(alertRulesOf(alertingConfigSchema.parse({}))).toEqual({
      ROAS_DROP: { thresholdBp: 3000, windowMs: 24 * HOUR_MS, baselineMs: 7 * DAY_MS, minSpendCents: 1000 },
      CPA_SPIKE: { thresholdBp: 5000, windowMs: 24 * HOUR_MS, baselineMs: 7 * DAY_MS, minSpendCents: 1000 },
      ZERO_CONVERSIONS: { minSpendCents: 5000, windowMs: 24 * HOUR_MS },
    });
  });

  it('takes each rule its own threshold, window and baseline', () => {
    const rules = alertRulesOf(
      alertingConfigSchema.parse({
        ADS_ALERT_ROAS_DROP_THRESHOLD_PCT: '12.5',
        ADS_ALERT_CPA_SPIKE_WINDOW_HOURS: '6',
        ADS_ALERT_CPA_SPIKE_BASELINE_DAYS: '14',
        ADS_ALERT_ZERO_CONVERSIONS_MIN_SPEND: '120.50',
      }),
    );
    expect(rules.ROAS_DROP.thresholdBp).toBe(1250);
    expect(rules.CPA_SPIKE).toMatchObject({ windowMs: 6 * HOUR_MS, baselineMs: 14 * DAY_MS });
    expect(rules.ZERO_CONVERSIONS.minSpendCents).toBe(12_050);
  });

  it.each([
    ['ADS_ALERT_ROAS_DROP_THRESHOLD_PCT', '0'],
    ['ADS_ALERT_ROAS_DROP_THRESHOLD_PCT', '101'],
    ['ADS_ALERT_CPA_SPIKE_THRESHOLD_PCT', '12.345'],
    ['ADS_ALERT_ZERO_CONVERSIONS_MIN_SPEND', '1.234'],
    ['ADS_ALERT_ZERO_CONVERSIONS_MIN_SPEND', '0'],
    ['ADS_ALERT_ROAS_DROP_WINDOW_HOURS', '0'],
    ['ADS_ALERT_CPA_SPIKE_BASELINE_DAYS', 'week'],
    ['ANTHROPIC_BASE_URL', 'not a url'],
  ])('refuses %s=%s', (name, value) => {
    expect(alertingConfigSchema.safeParse({ [name]: value }).success).toBe(false);
  });

  it('the statistical provider answers by default; Anthropic only with a key', () => {
    const log = { warn: () => undefined } as never;
    expect(recommendationProviderOf(alertingConfigSchema.parse({ ANTHROPIC_API_KEY: '  ' }), log).name).toBe('statistical');
    expect(recommendationProviderOf(alertingConfigSchema.parse({ ANTHROPIC_API_KEY: 'sk-ant-x' }), log).name).toBe('anthropic');
  });
});
