/** The OpenAPI 3.1 description of the accounts, campaigns and budgets endpoints (seed 003), merged into /openapi.json. */
import { accepted, commandId, rejection, uuid } from '../ads.openapi-parts';

const str = (maxLength?: number) => ({ type: ['string', 'null'], ...(maxLength ? { maxLength } : {}) });
const money = {
  type: ['string', 'number'],
  description: 'DECIMAL(15,2): a decimal string (or number), at most 2 decimals, |x| < 10^13',
  examples: ['5000.00'],
};
const instant = { type: ['string', 'null'], format: 'date-time' };

const responses = (status: '200' | '201' | '202', ids: Record<string, unknown>, conflicts: string, invalid: string) => ({
  [status]: { description: 'Accepted', content: { 'application/json': { schema: accepted(ids) } } },
  '400': { description: 'Malformed request (INVALID_REQUEST, with every problem listed)', ...rejection },
  '401': { description: 'No valid bearer JWT (UNAUTHORIZED)', ...rejection },
  '403': { description: 'AD_ROLE_REQUIRED: the role may not do this; TENANT_REQUIRED: the token names no org', ...rejection },
  '404': { description: '*_NOT_FOUND', ...rejection },
  '409': { description: conflicts, ...rejection },
  '422': { description: invalid, ...rejection },
});

const headers = [
  {
    name: 'Authorization',
    in: 'header',
    required: true,
    schema: { type: 'string' },
    description: 'Bearer JWT of a person: sub, org_id (UUIDs), role (analyst, marketer, admin)',
  },
  { name: 'Idempotency-Key', in: 'header', schema: { type: 'string' }, description: 'The command id; a repeat returns the first outcome and writes nothing' },
  { name: 'X-Correlation-Id', in: 'header', schema: { type: 'string' } },
];
const accountIdParam = { name: 'accountId', in: 'path', required: true, schema: uuid };

const body = (properties: Record<string, unknown>, required: string[]) => ({
  required: true,
  content: { 'application/json': { schema: { type: 'object', additionalProperties: false, required, properties: { commandId, ...properties } } } },
});

const NOT_CONNECTED = 'AD_ACCOUNT_NOT_CONNECTED: the account is not connected by the org (never, disconnected, or another org’s)';

export const adsCoreOpenApiPaths = {
  '/v1/ads/accounts': {
    post: {
      summary: 'Connect an ad-platform account to the org (admin); its first sync starts at once, then every 15 minutes',
      parameters: headers,
      requestBody: body(
        {
          platform: { type: 'string', enum: ['google', 'meta', 'linkedin', 'tiktok', 'microsoft'] },
          platform_account_id: { type: 'string', maxLength: 255 },
          name: { type: 'string', maxLength: 500 },
          currency: { type: 'string', pattern: '^[A-Z]{3}$', description: 'ISO 4217' },
          time_zone: { type: 'string', description: 'IANA, the zone of the account’s reporting days' },
        },
        ['platform', 'platform_account_id', 'name', 'currency', 'time_zone'],
      ),
      responses: responses(
        '201',
        { accountId: { ...uuid, description: 'A function of platform and platform_account_id' } },
        'AD_ACCOUNT_CONNECTED_ELSEWHERE: another org connected this platform account',
        'AD_ACCOUNT_INVALID (details.field)',
      ),
    },
  },
  '/v1/ads/accounts/{accountId}': {
    delete: {
      summary: 'Disconnect the account (admin): its 15-minute sync stops; the account stays reserved to the org',
      parameters: [accountIdParam, ...headers],
      responses: responses('200', { accountId: uuid }, NOT_CONNECTED, '—'),
    },
  },
  '/v1/ads/accounts/{accountId}/syncs': {
    post: {
      summary: 'Sync the account now (marketer, admin): re-reads the trailing window (default 3 local days)',
      parameters: [accountIdParam, ...headers],
      requestBody: body({ window_days: { type: ['integer', 'null'], minimum: 1, maximum: 90 } }, []),
      responses: responses('202', { accountId: uuid, syncId: uuid }, NOT_CONNECTED, 'AD_SYNC_INVALID (details.field)'),
    },
  },
  '/v1/ads/campaigns': {
    post: {
      summary: 'Register a platform campaign under a connected account of the org (marketer, admin); again: only what changed is recorded',
      parameters: headers,
      requestBody: body(
        {
          account_id: uuid,
          platform: { type: 'string', maxLength: 50 },
          platform_campaign_id: { type: 'string', maxLength: 255 },
          name: str(500),
          status: str(50),
          objective: str(100),
          budget_amount: { ...money, type: ['string', 'number', 'null'] },
          budget_type: { type: ['string', 'null'], enum: ['daily', 'lifetime', null] },
          start_date: instant,
          end_date: { ...instant, description: 'After start_date' },
        },
        ['account_id', 'platform', 'platform_campaign_id'],
      ),
      responses: responses(
        '201',
        { campaignId: { ...uuid, description: 'A function of platform and platform_campaign_id (seed 003: UNIQUE(platform, platform_campaign_id))' } },
        `AD_CAMPAIGN_UNAVAILABLE: the campaign is another org’s; ${NOT_CONNECTED}`,
        'AD_CAMPAIGN_INVALID (details.field: VARCHAR lengths, DECIMAL(15,2), platform of the account), AD_CAMPAIGN_INVALID_DATES (end not after start)',
      ),
    },
  },
  '/v1/ads/budgets': {
    post: {
      summary: 'Set a period’s budget allocation and its split across platforms (marketer, admin); the same allocation_id again replaces it',
      parameters: headers,
      requestBody: body(
        {
          allocation_id: { ...uuid, description: 'Default: derived from the command id' },
          period_start: { type: 'string', format: 'date' },
          period_end: { type: 'string', format: 'date', description: 'After period_start' },
          total_budget: money,
          allocations: { type: 'object', additionalProperties: money, description: 'Platform → amount, e.g. {"google": "5000.00", "meta": "3000.00"}' },
        },
        ['period_start', 'period_end', 'total_budget', 'allocations'],
      ),
      responses: responses(
        '201',
        { allocationId: uuid },
        '—',
        'BUDGET_PERIOD_INVALID, BUDGET_SPLIT_EXCEEDS_TOTAL, BUDGET_AMOUNT_NEGATIVE, BUDGET_PLATFORM_UNKNOWN, BUDGET_AMOUNT_OUT_OF_RANGE, BUDGET_AMOUNT_INVALID, BUDGET_ALLOCATION_INVALID',
      ),
    },
  },
} as const;
