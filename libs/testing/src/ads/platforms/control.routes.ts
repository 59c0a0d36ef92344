/**
 * The stand-in's own door under `/_control/`, for a stand-in in another process (the demo, a
 * bench): the same controls a test has on `data`, as JSON over HTTP.
 *   POST /_control/accounts   {platform, platformAccountId, currency, timeZone}
 *   POST /_control/campaigns  {platform, platformAccountId, platformCampaignId, name, status, objective, budgetAmount, budgetType, startDate, endDate}
 *   POST /_control/metrics    {rows: [{platform, platformCampaignId, date, hour?, impressions, clicks, spend, conversions, revenue}]}
 *   POST /_control/restate    {platform, platformCampaignId, date, hour?, …changed figures}
 *   POST /_control/fail       {platform, count, status}
 *   GET  /_control/campaigns, GET /_control/mutations
 */
import type { StandInAccount, StandInCampaign, StandInDataset, StandInMetric, StandInPlatform } from './dataset';
import type { Answer, Incoming } from './http';

const ok = (body: unknown = { ok: true }): Answer => ({ status: 200, body });

export const controlRoutes =
  (data: StandInDataset) =>
  (request: Incoming): Answer => {
    const body = (request.json ?? {}) as Record<string, unknown>;
    try {
      switch (`${request.method} ${request.path}`) {
        case 'POST /accounts':
          data.addAccount(body as unknown as StandInAccount);
          return ok();
        case 'POST /campaigns':
          data.addCampaign(body as unknown as StandInCampaign);
          return ok();
        case 'POST /metrics':
          data.setMetrics((body.rows ?? []) as StandInMetric[]);
          return ok();
        case 'POST /restate':
          data.restate(body as unknown as StandInMetric);
          return ok();
        case 'POST /fail':
          data.failNext(body.platform as StandInPlatform, Number(body.count ?? 1), Number(body.status ?? 500));
          return ok();
        case 'GET /campaigns':
          return ok([...data.campaigns.values()]);
        case 'GET /mutations':
          return ok(data.mutations);
        default:
          return { status: 404, body: { error: { message: `no control ${request.method} ${request.path}` } } };
      }
    } catch (error) {
      return { status: 400, body: { error: { message: (error as Error).message } } };
    }
  };
