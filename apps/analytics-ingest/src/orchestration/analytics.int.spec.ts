import { randomUUID } from 'node:crypto';
import { signJwt } from '@campaign/runtime';
import { acceptAll, PlayedCommandSide, serviceToken, TEST_JWT_SECRET, userToken, waitFor } from '@campaign/testing';
import { type IngestBed, startIngestBed } from '../shared/testing';
import { analyticsRow } from './testing';

/** `POST /v1/orchestration/analytics` against real Kafka (seed 000 campaign_analytics), the command side played. */
describe('POST /v1/orchestration/analytics (measurements from outside)', () => {
  let bed: IngestBed<PlayedCommandSide>;
  let side: PlayedCommandSide;
  const orgId = randomUUID();
  const editor = userToken(orgId, randomUUID(), 'editor');

  beforeAll(async () => {
    bed = await startIngestBed('orchestration', (kafka, prefix) => new PlayedCommandSide(kafka, prefix, 'orchestration'));
    side = bed.commandSide;
  }, 90_000);
  afterAll(async () => {
    await bed?.close();
  });
  afterEach(() => {
    side.responder = acceptAll;
  });

  const row = (campaignId: string, fields: Record<string, unknown> = {}) => analyticsRow({ campaign_id: campaignId, ...fields });
  const push = async (token: string, body: unknown, headers: Record<string, string> = {}) => {
    const response = await fetch(`${bed.url}/v1/orchestration/analytics`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, ...headers },
      body: JSON.stringify(body),
    });
    return { status: response.status, retryAfter: response.headers.get('retry-after'), body: (await response.json()) as Record<string, unknown> };
  };

  it('every row becomes a RecordContentAnalytics in the token’s org, keyed by the campaign’s content stream', async () => {
    const campaignId = randomUUID();
    const contentId = randomUUID();
    const answer = await push(editor, [row(campaignId), row(campaignId, { content_id: contentId, platform: null, revenue: 10 })]);
    expect(answer).toMatchObject({ status: 200, body: { status: 'ACCEPTED', accepted: 2, rejectedRows: 0 } });
    const commands = side.commandsWith('campaignId', campaignId);
    expect(commands.map((command) => side.keys.get(command.commandId))).toEqual([
      `orchestration-content-${orgId}-${campaignId}`,
      `orchestration-content-${orgId}-${campaignId}`,
    ]);
    expect(commands.find((c) => (c.data as { contentId: string | null }).contentId === contentId)).toMatchObject({
      type: 'RecordContentAnalytics',
      tenant: orgId,
      commandId: expect.stringMatching(/^ingest-analytics-/),
      data: { campaignId, contentId, measurementDate: '2026-05-01', platform: null, views: 1200, shares: 9, revenue: '10' },
    });
  });

  // seed 000 campaign_analytics: non-negative counts, revenue DECIMAL(12,2).
  it('a bad row refuses the whole push (422 ANALYTICS_ROWS_INVALID, every bad field listed) and sends nothing', async () => {
    const campaignId = randomUUID();
    const answer = await push(editor, [row(campaignId), row(campaignId, { clicks: -3 })]);
    expect(answer).toMatchObject({
      status: 422,
      body: { code: 'ANALYTICS_ROWS_INVALID', rejectedRows: 1, errors: [{ row: 2, field: 'clicks', code: 'CONTENT_ANALYTICS_INVALID' }] },
    });
    // A good push of the same campaign travels on the same partition: once it arrived, an earlier one would have too.
    expect(await push(editor, [row(campaignId, { views: 7 })])).toMatchObject({ status: 200 });
    await waitFor('the sentinel push', async () => side.commandsWith('campaignId', campaignId).length > 0 || undefined);
    expect(side.commandsWith('campaignId', campaignId).map((c) => (c.data as { views: number }).views)).toEqual([7]);
  });

  it('rows the command side refuses are listed with its code (another org’s campaign is CAMPAIGN_NOT_FOUND); the others are recorded', async () => {
    const [mine, theirs] = [randomUUID(), randomUUID()];
    side.responder = (command) =>
      (command.data as { campaignId: string }).campaignId === theirs
        ? { status: 'REJECTED', code: 'CAMPAIGN_NOT_FOUND', message: `Campaign ${theirs} does not exist`, details: { campaignId: theirs } }
        : { status: 'ACCEPTED', code: null, message: null, details: null };
    const answer = await push(editor, [row(mine), row(theirs)]);
    expect(answer).toMatchObject({
      status: 422,
      body: { code: 'ANALYTICS_ROWS_REJECTED', accepted: 1, rejectedRows: 1, errors: [{ row: 2, code: 'CAMPAIGN_NOT_FOUND', field: '(row)' }] },
    });
  });

  it('a push sent again with the same Idempotency-Key sends the same command ids (the command side answers them from their first outcome)', async () => {
    const campaignId = randomUUID();
    const headers = { 'idempotency-key': `nightly-${campaignId}` };
    expect(await push(editor, [row(campaignId)], headers)).toMatchObject({ status: 200 });
    expect(await push(editor, [row(campaignId)], headers)).toMatchObject({ status: 200 });
    const ids = side.commandsWith('campaignId', campaignId).map((c) => c.commandId);
    expect(ids).toHaveLength(2);
    expect(new Set(ids).size).toBe(1);
  });

  it('who pushes: an editor or an org-bound token with orchestration:write; a viewer is 403 ORCHESTRATION_ROLE_REQUIRED, a token of no org 403 TENANT_REQUIRED', async () => {
    const integration = signJwt(
      { sub: 'nightly-export', org_id: orgId, scope: 'orchestration:write', exp: Math.floor(Date.now() / 1000) + 600 },
      TEST_JWT_SECRET,
    );
    expect(await push(integration, [row(randomUUID())])).toMatchObject({ status: 200 });
    expect(await push(userToken(orgId, randomUUID(), 'viewer'), [row(randomUUID())])).toMatchObject({
      status: 403,
      body: { code: 'ORCHESTRATION_ROLE_REQUIRED' },
    });
    expect(await push(serviceToken(['orchestration:service']), [row(randomUUID())])).toMatchObject({ status: 403, body: { code: 'TENANT_REQUIRED' } });
  });

  it('a command side that does not answer in time is 503 with Retry-After: push again with the same Idempotency-Key', async () => {
    side.responder = () => null;
    const answer = await push(editor, [row(randomUUID())]);
    expect(answer).toMatchObject({ status: 503, retryAfter: '5', body: { code: 'ANALYTICS_UNAVAILABLE' } });
  });
});
