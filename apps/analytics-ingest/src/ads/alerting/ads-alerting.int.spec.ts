import { randomUUID } from 'node:crypto';
import { waitFor } from '@campaign/testing';
import { type AlertingBed, hourlyFacts, produceFacts, startAlertingBed } from './testing';
import { DAY_MS, HOUR_MS } from './window-totals';

// seed 003 Alerts (issue 12 point 5), end to end over real Kafka and PostgreSQL: facts on
// `ads.metric-facts` → the alerting buckets → the rules on the newest window → RaiseAlert /
// ResolveAlert on `ads.commands` (the command side is played; its deciders have their own tests).
describe('ads alerting: facts on the topic raise and resolve alerts', () => {
  let bed: AlertingBed;
  // Data windows end now (a recent window is judged; history is not).
  const end = Math.floor(Date.now() / HOUR_MS) * HOUR_MS;

  beforeAll(async () => {
    bed = await startAlertingBed();
  }, 60_000);
  afterAll(() => bed.close());

  const bucketsOf = async (campaignId: string): Promise<number> => {
    const { rows } = await bed.pool.query<{ n: string }>(`SELECT count(*) AS n FROM "${bed.schema}".alerting_buckets WHERE campaign_id = $1`, [campaignId]);
    return Number(rows[0].n);
  };

  it('ROAS_DROP: a restated bad day raises the alert with its severity; recovery resolves it automatically', async () => {
    const subject = { orgId: randomUUID(), campaignId: randomUUID() };
    // A steady week and day at ROAS 3 (10.00 spent, 30.00 earned, 1 conversion an hour).
    await produceFacts(bed.producer, bed.prefix, hourlyFacts(subject, end - 8 * DAY_MS, end, {}));
    await waitFor('the week in the alerting buckets', async () => (await bucketsOf(subject.campaignId)) === 192);

    // The platform restates the last day: ROAS 0.5, an 83 % drop (HIGH: 60–90 %).
    await produceFacts(bed.producer, bed.prefix, hourlyFacts(subject, end - DAY_MS, end, { revenueCents: 500 }, new Date(Date.now() + 1000)));
    // Buckets travel on several partitions: the alert may first be raised on part of the day, then updated.
    const raised = await bed.commandSide.waitFor('RaiseAlert', subject.campaignId, (d) => d.alertType === 'ROAS_DROP' && d.metricValue === '0.5000');
    expect(raised.tenant).toBe(subject.orgId);
    expect({ ...(raised.data as object) }).toEqual({
      campaignId: subject.campaignId,
      alertType: 'ROAS_DROP',
      severity: 'HIGH',
      platform: 'google',
      message: expect.stringContaining('83.33 % below the 7-day baseline 3.0000'),
      metricName: 'roas',
      metricValue: '0.5000',
      thresholdValue: '2.1000',
    });
    // The restated buckets replaced the earlier figures: still one row per bucket.
    expect(await bucketsOf(subject.campaignId)).toBe(192);

    // Restated again, back at ROAS 3: the metric recovered.
    await produceFacts(bed.producer, bed.prefix, hourlyFacts(subject, end - DAY_MS, end, {}, new Date(Date.now() + 2000)));
    const resolved = await bed.commandSide.waitFor('ResolveAlert', subject.campaignId);
    expect({ ...(resolved.data as object) }).toEqual({ campaignId: subject.campaignId, alertType: 'ROAS_DROP', alertId: null, automatic: true });
    // Conversions never stopped and the CPA held: no other rule fired.
    expect(bed.commandSide.of('RaiseAlert', subject.campaignId).every((c) => (c.data as { alertType: string }).alertType === 'ROAS_DROP')).toBe(true);
  }, 90_000);

  it('ZERO_CONVERSIONS: spend without a conversion raises it; redelivered facts send nothing new', async () => {
    const subject = { orgId: randomUUID(), campaignId: randomUUID() };
    // 24 hours at 10.00 and no conversion: 240.00 spent, 4.8× the 50.00 minimum (CRITICAL from 3×).
    const facts = hourlyFacts(subject, end - DAY_MS, end, { conversions: 0, revenueCents: 0 });
    await produceFacts(bed.producer, bed.prefix, facts);
    const raised = await bed.commandSide.waitFor('RaiseAlert', subject.campaignId, (d) => d.alertType === 'ZERO_CONVERSIONS' && d.metricValue === '240.0000');
    expect(raised.data).toMatchObject({ severity: 'CRITICAL', metricName: 'spend', thresholdValue: '50.0000' });
    const sent = bed.commandSide.received.length;

    // The same facts again (a producer retry): the buckets and the verdict are unchanged. The
    // sentinel's buckets cover every partition after them: once it is judged, they were too.
    await produceFacts(bed.producer, bed.prefix, facts);
    const sentinel = { orgId: randomUUID(), campaignId: randomUUID() };
    await produceFacts(bed.producer, bed.prefix, hourlyFacts(sentinel, end - DAY_MS, end, { conversions: 0, revenueCents: 0 }));
    await bed.commandSide.waitFor('RaiseAlert', sentinel.campaignId, (d) => d.metricValue === '240.0000');
    const again = bed.commandSide.received.slice(sent).filter((c) => (c.data as { campaignId: string }).campaignId === subject.campaignId);
    expect(again.filter((c) => c.commandId !== raised.commandId)).toEqual([]);
  }, 90_000);

  it('keeps no facts older than the retention (ADS_ALERTING_RETENTION_DAYS, 35 days): no rule or result looks that far back', async () => {
    const subject = { orgId: randomUUID(), campaignId: randomUUID() };
    await produceFacts(bed.producer, bed.prefix, [
      ...hourlyFacts(subject, end - 41 * DAY_MS, end - 40 * DAY_MS, {}),
      ...hourlyFacts(subject, end - DAY_MS, end, {}),
    ]);
    // The recent day is on every partition after the old one: once it is in, the old one was read.
    const recent = async () =>
      Number(
        (
          await bed.pool.query(`SELECT count(*) AS n FROM "${bed.schema}".alerting_buckets WHERE campaign_id = $1 AND time >= $2`, [
            subject.campaignId,
            new Date(end - DAY_MS),
          ])
        ).rows[0].n,
      );
    await waitFor('the recent day in the alerting buckets', async () => (await recent()) === 24);
    expect(await bucketsOf(subject.campaignId)).toBe(24);
  }, 60_000);
});
