import { randomUUID } from 'node:crypto';
import { AdsPushBed, rowOf, serviceToken, userToken } from './testing';

/** The HTTP push door of metric rows, against real Kafka, PostgreSQL and Redis. */
describe('POST /v1/ads/metrics (the bulk push door)', () => {
  let ads: AdsPushBed;
  beforeAll(async () => (ads = await AdsPushBed.start({ ADS_PUSH_MAX_ROWS: '50', ADS_PUSH_MAX_BYTES: '65536', ADS_FACTS_BATCH_BYTES: '2048' })));
  afterAll(() => ads?.close());

  const json = async (response: Response) => ({ status: response.status, body: (await response.json()) as Record<string, unknown> });

  it('JSON rows are accepted (202 with the count) and their facts are on ads.metric-facts', async () => {
    const campaign = await ads.register();
    const response = await json(
      await ads.post(campaign.orgId, { rows: [rowOf(campaign, '2026-05-01T10:00:00Z'), rowOf(campaign, '2026-05-01T10:15:00.000Z', { spend: '12.5' })] }),
    );
    expect(response).toMatchObject({ status: 202, body: { status: 'ACCEPTED', accepted: 2 } });
    const requestId = response.body.requestId as string;
    const facts = await ads.waitForFacts(campaign.campaignId, requestId, 2);
    expect(facts.map((fact) => fact.time).sort()).toEqual(['2026-05-01T10:00:00.000Z', '2026-05-01T10:15:00.000Z']);
    expect(facts.find((fact) => fact.time === '2026-05-01T10:15:00.000Z')).toMatchObject({
      orgId: campaign.orgId,
      campaignId: campaign.campaignId,
      accountId: campaign.accountId,
      platform: 'google',
      platformCampaignId: campaign.platformCampaignId,
      impressions: 1000,
      clicks: 50,
      spendCents: 1250,
      conversions: 5,
      revenueCents: 10000,
      currency: 'EUR',
      source: 'push',
      sourceRef: requestId,
    });
  });

  it("a push larger than one produce request (ADS_FACTS_BATCH_BYTES) is split, and every fact arrives, a campaign's on one partition in the order sent", async () => {
    const campaign = await ads.register();
    const rows = Array.from({ length: 50 }, (_, i) => rowOf(campaign, new Date(Date.UTC(2026, 3, 1) + i * 900_000).toISOString(), { clicks: i }));
    const response = await json(await ads.post(campaign.orgId, { rows }));
    expect(response).toMatchObject({ status: 202, body: { accepted: 50 } });
    const facts = await ads.waitForFacts(campaign.campaignId, response.body.requestId as string, 50);
    // One partition (the campaign's, not each bucket key's): read back in offset order, which is the rows' order.
    expect(ads.partitions.get(campaign.campaignId)?.size).toBe(1);
    expect(facts.map((fact) => fact.clicks)).toEqual(rows.map((_, i) => i));
  });

  it('NDJSON rows (one JSON object per line, camelCase or seed column names) are accepted', async () => {
    const campaign = await ads.register();
    const lines = [
      JSON.stringify(rowOf(campaign, '2026-05-02T00:00:00Z')),
      '',
      JSON.stringify({ ...rowOf(campaign, '2026-05-02T00:15:00Z'), platform_campaign_id: undefined, platformCampaignId: campaign.platformCampaignId }),
    ].join('\n');
    const response = await json(await ads.post(campaign.orgId, lines, 'application/x-ndjson'));
    expect(response).toMatchObject({ status: 202, body: { accepted: 2 } });
    expect(await ads.waitForFacts(campaign.campaignId, response.body.requestId as string, 2)).toHaveLength(2);
  });

  it('CSV with the seed snake_case header is accepted', async () => {
    const campaign = await ads.register();
    const csv = [
      'time,platform,platform_campaign_id,impressions,clicks,spend,conversions,revenue',
      `2026-05-03T08:00:00Z,google,${campaign.platformCampaignId},2000,80,40.10,4,"160.00"`,
      `2026-05-03T08:15:00Z,google,${campaign.platformCampaignId},0,0,0,0,0`,
    ].join('\r\n');
    const response = await json(await ads.post(campaign.orgId, csv, 'text/csv; charset=utf-8'));
    expect(response).toMatchObject({ status: 202, body: { accepted: 2 } });
    const facts = await ads.waitForFacts(campaign.campaignId, response.body.requestId as string, 2);
    expect(facts.find((fact) => fact.time === '2026-05-03T08:00:00.000Z')).toMatchObject({
      impressions: 2000,
      clicks: 80,
      spendCents: 4010,
      revenueCents: 16000,
    });
  });

  it("CSV as a platform export gives it (title lines, Day, Campaign ID, Cost with grouping, a Total row) is read in the account's time zone", async () => {
    const campaign = await ads.register(undefined, { timeZone: 'America/New_York', currency: 'USD' });
    const csv = [
      'Campaign performance',
      '"May 4, 2026 - May 5, 2026"',
      'Day,Campaign,Campaign ID,Currency code,Impr.,Clicks,Cost,Conversions,Conv. value',
      `2026-05-04,Spring sale,${campaign.platformCampaignId},USD,"12,000",300,"1,234.50",12.00,"4,000.00"`,
      `2026-05-05,Spring sale,${campaign.platformCampaignId},USD,100,1,0.50,0.00,0`,
      'Total: Campaigns,,,,"12,100",301,"1,235.00",12.00,"4,000.00"',
    ].join('\n');
    const response = await json(await ads.post(campaign.orgId, csv, 'text/csv', undefined, '?platform=google'));
    expect(response).toMatchObject({ status: 202, body: { accepted: 2 } });
    const facts = await ads.waitForFacts(campaign.campaignId, response.body.requestId as string, 2);
    // New York is UTC−4 in May: the local day starts at 04:00 UTC.
    expect(facts.find((fact) => fact.time === '2026-05-04T04:00:00.000Z')).toMatchObject({
      impressions: 12000,
      clicks: 300,
      spendCents: 123450,
      conversions: 12,
      revenueCents: 400000,
      currency: 'USD',
    });
  });

  // seed 003: campaign_metrics' columns — time on the 15-minute grid (data flow "15min sync"),
  // clicks BIGINT, spend/revenue DECIMAL(15,2), impressions NOT NULL in a fact; issue 12: "validated per
  // row with typed, per-row errors and nothing half-written".
  it('every bad row is answered with its row number, code and field, and nothing is produced (all or nothing)', async () => {
    const campaign = await ads.register();
    const before = await ads.factsTopicEnd();
    const rows = [
      rowOf(campaign, '2026-05-06T10:00:00Z'),
      rowOf(campaign, '2026-05-06T10:07:00Z'),
      rowOf(campaign, '2026-05-06T10:30:00Z', { clicks: -1 }),
      rowOf(campaign, '2026-05-06T10:45:00Z', { spend: '1.234' }),
      { ...rowOf(campaign, '2026-05-06T11:00:00Z'), impressions: undefined },
      rowOf(campaign, '2026-05-06T11:15:00Z', { revenue: 'lots' }),
      'not a row',
    ];
    const response = await json(await ads.post(campaign.orgId, { rows }));
    expect(response.status).toBe(422);
    expect(response.body).toMatchObject({ status: 'REJECTED', code: 'METRIC_ROWS_REJECTED', rejectedRows: 6 });
    expect(response.body.errors).toEqual([
      expect.objectContaining({ row: 2, code: 'METRIC_BUCKET_UNALIGNED', field: 'time' }),
      expect.objectContaining({ row: 3, code: 'METRIC_VALUE_OUT_OF_RANGE', field: 'clicks' }),
      expect.objectContaining({ row: 4, code: 'METRIC_VALUE_OUT_OF_RANGE', field: 'spend' }),
      expect.objectContaining({ row: 5, code: 'METRIC_FIELD_REQUIRED', field: 'impressions' }),
      expect.objectContaining({ row: 6, code: 'METRIC_FIELD_INVALID', field: 'revenue' }),
      expect.objectContaining({ row: 7, code: 'METRIC_ROW_MALFORMED', field: '(row)' }),
    ]);
    expect(await ads.factsTopicEnd()).toBe(before);
  });

  it('a bad NDJSON line or CSV value is a row error by its line number', async () => {
    const campaign = await ads.register();
    const ndjson = [JSON.stringify(rowOf(campaign, '2026-05-07T00:00:00Z')), '{"time": oops'].join('\n');
    expect(await json(await ads.post(campaign.orgId, ndjson, 'application/x-ndjson'))).toMatchObject({
      status: 422,
      body: { errors: [{ row: 2, code: 'METRIC_ROW_MALFORMED', field: '(row)' }] },
    });
    const csv = [
      'time,platform,platform_campaign_id,impressions,clicks,spend,conversions,revenue',
      `2026-05-07T00:00:00Z,google,${campaign.platformCampaignId},10,1,1.00,0.5,0`,
    ].join('\n');
    expect(await json(await ads.post(campaign.orgId, csv, 'text/csv'))).toMatchObject({
      status: 422,
      body: { errors: [{ row: 2, code: 'METRIC_FIELD_INVALID', field: 'conversions' }] },
    });
  });

  // seed 003: campaigns UNIQUE(platform, platform_campaign_id) — the pair names one campaign, registered
  // to one org; another org's figures for it are refused without telling that it exists.
  it("a row of another org's campaign is refused like an unknown one (AD_CAMPAIGN_NOT_REGISTERED)", async () => {
    const mine = await ads.register();
    const theirs = await ads.register();
    const before = await ads.factsTopicEnd();
    const response = await json(
      await ads.post(mine.orgId, {
        rows: [
          rowOf(mine, '2026-05-08T00:00:00Z'),
          rowOf(theirs, '2026-05-08T00:00:00Z'),
          rowOf({ ...mine, platformCampaignId: 'never-registered' }, '2026-05-08T00:00:00Z'),
        ],
      }),
    );
    expect(response.status).toBe(422);
    const errors = response.body.errors as { row: number; code: string; field: string; message: string }[];
    expect(errors.map(({ row, code, field }) => ({ row, code, field }))).toEqual([
      { row: 2, code: 'AD_CAMPAIGN_NOT_REGISTERED', field: 'platform_campaign_id' },
      { row: 3, code: 'AD_CAMPAIGN_NOT_REGISTERED', field: 'platform_campaign_id' },
    ]);
    // The same words for both: whether the other org's campaign exists is not told.
    expect(errors[0].message.replace(theirs.platformCampaignId, 'X')).toBe(errors[1].message.replace('never-registered', 'X'));
    expect(await ads.factsTopicEnd()).toBe(before);
  });

  // seed 003: campaign_metrics.ctr DECIMAL(5,4) and cpc/cpm/roas/roi DECIMAL(10,4) — a KPI the
  // figures imply that its column cannot hold is refused, never stored wrong.
  it('KPI out of precision: a row whose ctr does not fit DECIMAL(5,4) or cpc DECIMAL(10,4) is refused', async () => {
    const campaign = await ads.register();
    const before = await ads.factsTopicEnd();
    const response = await json(
      await ads.post(campaign.orgId, {
        rows: [
          // ctr = 10 clicks / 1 impression = 10.0000: DECIMAL(5,4) holds less than 10.
          rowOf(campaign, '2026-05-09T00:00:00Z', { impressions: 1, clicks: 10 }),
          // cpc = 1,000,000.00 / 1 click: DECIMAL(10,4) holds less than 10^6.
          rowOf(campaign, '2026-05-09T00:15:00Z', { impressions: 100, clicks: 1, spend: '1000000.00', revenue: '0' }),
          // ctr = 9.9999 still fits.
          rowOf(campaign, '2026-05-09T00:30:00Z', { impressions: 10000, clicks: 99999 }),
        ],
      }),
    );
    expect(response.status).toBe(422);
    expect(response.body.errors).toEqual([
      expect.objectContaining({ row: 1, code: 'METRIC_KPI_OUT_OF_RANGE', field: 'ctr', message: expect.stringContaining('DECIMAL(5,4)') }),
      expect.objectContaining({ row: 2, code: 'METRIC_KPI_OUT_OF_RANGE', field: 'cpc', message: expect.stringContaining('DECIMAL(10,4)') }),
    ]);
    expect(await ads.factsTopicEnd()).toBe(before);
  });

  it('two rows of the same campaign and bucket in one push are refused (METRIC_ROW_DUPLICATE)', async () => {
    const campaign = await ads.register();
    const response = await json(
      await ads.post(campaign.orgId, { rows: [rowOf(campaign, '2026-05-10T00:00:00Z'), rowOf(campaign, '2026-05-10T00:00:00.000Z', { clicks: 7 })] }),
    );
    expect(response).toMatchObject({ status: 422, body: { errors: [{ row: 2, code: 'METRIC_ROW_DUPLICATE', field: 'time' }] } });
  });

  it("a row in another currency than its account's is refused (figures are not converted)", async () => {
    const campaign = await ads.register();
    const response = await json(await ads.post(campaign.orgId, { rows: [rowOf(campaign, '2026-05-10T00:00:00Z', { currency: 'USD' })] }));
    expect(response).toMatchObject({ status: 422, body: { errors: [{ row: 1, code: 'METRIC_CURRENCY_MISMATCH', field: 'currency' }] } });
  });

  it('a campaign registered a moment ago is found (the push waits for the directory to catch up)', async () => {
    const campaign = await ads.register(undefined, { wait: false });
    expect((await ads.post(campaign.orgId, { rows: [rowOf(campaign, '2026-05-11T00:00:00Z')] })).status).toBe(202);
  });

  it('limits: more rows than ADS_PUSH_MAX_ROWS or a body over ADS_PUSH_MAX_BYTES is a 413 with its code', async () => {
    const campaign = await ads.register();
    const rows = Array.from({ length: 51 }, (_, i) => rowOf(campaign, new Date(Date.UTC(2026, 4, 12) + i * 900_000).toISOString()));
    expect(await json(await ads.post(campaign.orgId, { rows }))).toMatchObject({ status: 413, body: { code: 'METRIC_ROWS_TOO_MANY' } });
    const big = 'x'.repeat(70_000);
    expect(await json(await ads.post(campaign.orgId, big, 'text/csv'))).toMatchObject({ status: 413, body: { code: 'METRIC_BODY_TOO_LARGE' } });
  });

  it('who may push: a marketer or admin of the org, or an org token with ads:write; not an analyst, nor a token without an org', async () => {
    const campaign = await ads.register();
    const body = { rows: [rowOf(campaign, '2026-05-13T00:00:00Z')] };
    expect((await ads.post(campaign.orgId, body, 'application/json', userToken(campaign.orgId, 'admin-1', 'admin'))).status).toBe(202);
    expect(await json(await ads.post(campaign.orgId, body, 'application/json', userToken(campaign.orgId, 'analyst-1', 'analyst')))).toMatchObject({
      status: 403,
      body: { code: 'AD_ROLE_REQUIRED' },
    });
    expect(await json(await ads.post(campaign.orgId, body, 'application/json', serviceToken(['ads:write', 'ads:service'])))).toMatchObject({
      status: 403,
      body: { code: 'TENANT_REQUIRED' },
    });
    const response = await fetch(`${ads.url}/v1/ads/metrics`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect(response.status).toBe(401);
    // The org is the token's: a marketer of another org gets its own org's answer.
    expect(await json(await ads.post(randomUUID(), body))).toMatchObject({ status: 422, body: { errors: [{ code: 'AD_CAMPAIGN_NOT_REGISTERED' }] } });
  });

  it('a body that is not rows is a 400, an unknown content type a 415, both typed', async () => {
    const orgId = randomUUID();
    expect(await json(await ads.post(orgId, { data: [] }))).toMatchObject({ status: 400, body: { code: 'METRIC_BODY_INVALID' } });
    expect(await json(await ads.post(orgId, { rows: [] }))).toMatchObject({ status: 400, body: { code: 'METRIC_BODY_INVALID' } });
    expect(await json(await ads.post(orgId, 'Campaign,Cost\nx,1', 'text/csv'))).toMatchObject({ status: 400, body: { code: 'METRIC_CSV_HEADER_MISSING' } });
    const xml = await ads.post(orgId, '<rows/>', 'application/xml');
    expect(xml.status).toBe(415);
    expect(((await xml.json()) as { code: string }).code).toEqual(expect.any(String));
  });
});
