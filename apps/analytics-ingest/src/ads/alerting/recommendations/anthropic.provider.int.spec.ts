import { type AnthropicStandIn, startAnthropicStandIn } from '@campaign/testing';
import { NO_TOTALS } from '../window-totals';
import { AnthropicProvider, type AnthropicSettings } from './anthropic.provider';
import type { AnalysisInput } from './recommendation-provider';
import { StatisticalProvider } from './statistical.provider';

// seed 003 "AI Analysis (Claude)" (issue 12 point 6): the provider calling Anthropic's Messages
// API, played by the local stand-in; any failure falls back to the statistical provider.
const KEY = 'sk-ant-test-key';
const IDLE = '22222222-2222-4222-8222-222222222222';
const input: AnalysisInput = {
  orgId: '11111111-1111-4111-8111-111111111111',
  windowStart: '2026-03-09T00:00:00.000Z',
  windowEnd: '2026-03-10T00:00:00.000Z',
  campaigns: [
    {
      campaignId: IDLE,
      platform: 'meta',
      name: 'Idle',
      status: 'ACTIVE',
      budgetAmount: '80.00',
      current: { ...NO_TOTALS, spendCents: 20_000, spendingBuckets: 24 },
      previous: { ...NO_TOTALS, spendCents: 20_000, conversions: 10, revenueCents: 50_000, spendingBuckets: 24 },
      hourly: [],
    },
  ],
  settings: { minSpendCents: 5000, decreaseBp: 2000, reallocationBp: 2000, minRoasGap: 0.5 },
};
const pause = {
  campaignId: IDLE,
  recommendationType: 'PAUSE_CAMPAIGN',
  text: 'Pause Idle: 200.00 spent without a conversion.',
  confidence: 0.874,
  action: { actionType: 'PAUSE', previousState: { status: 'ACTIVE' }, newState: { status: 'PAUSED' }, changeAmount: '80.00' },
};

describe('Anthropic provider against the Messages API stand-in', () => {
  let standIn: AnthropicStandIn;
  const warnings: string[] = [];
  const log = { warn: (message: string, fields?: Record<string, unknown>) => warnings.push(`${message} ${JSON.stringify(fields)}`) };
  const settings = (over: Partial<AnthropicSettings> = {}): AnthropicSettings => ({
    apiKey: KEY,
    baseUrl: standIn.url,
    model: 'claude-test-model',
    version: '2023-06-01',
    maxTokens: 1024,
    timeoutMs: 2000,
    ...over,
  });
  const provider = (over: Partial<AnthropicSettings> = {}) => new AnthropicProvider(settings(over), new StatisticalProvider(), log);

  beforeEach(async () => {
    warnings.length = 0;
    standIn = await startAnthropicStandIn(KEY);
  });
  afterEach(() => standIn.close());

  it('posts to /v1/messages with the key, the version and the configured model, and takes the validated proposals', async () => {
    standIn.answer({ text: JSON.stringify({ proposals: [pause] }) });
    const proposals = await provider().analyze(input);
    expect(proposals).toEqual([
      {
        ...pause,
        confidence: 0.87,
        provider: 'anthropic',
        action: { ...pause.action, platform: 'meta' },
        baseline: expect.objectContaining({ current: expect.objectContaining({ spend: '200.00', conversions: 0 }) }),
      },
    ]);
    const [request] = standIn.requests;
    expect(request).toMatchObject({ method: 'POST', path: '/v1/messages', headers: { 'x-api-key': KEY, 'anthropic-version': '2023-06-01' } });
    const body = request.body as { model: string; max_tokens: number; messages: { role: string; content: string }[] };
    expect(body.model).toBe('claude-test-model');
    expect(body.max_tokens).toBe(1024);
    expect(JSON.parse(body.messages[0].content).campaigns[0]).toMatchObject({ campaignId: IDLE, currentWindow: { spend: '200.00' } });
    expect(warnings).toEqual([]);
  });

  it('reads an answer wrapped in a ```json fence', async () => {
    standIn.answer({ text: `Here you are:\n\`\`\`json\n${JSON.stringify({ proposals: [pause] })}\n\`\`\`` });
    expect((await provider().analyze(input))[0].provider).toBe('anthropic');
  });

  const fallsBack = async (p: AnthropicProvider, reason: RegExp) => {
    const proposals = await p.analyze(input);
    expect(proposals.map((x) => [x.provider, x.recommendationType])).toEqual([['statistical', 'PAUSE_CAMPAIGN']]);
    expect(warnings.join('\n')).toMatch(reason);
  };

  it('falls back to the statistical provider, logged, when the key is refused (401)', async () => {
    await fallsBack(provider({ apiKey: 'wrong' }), /401.*authentication_error/);
  });

  it('falls back when the API fails (529 overloaded) or does not answer in time', async () => {
    standIn.answer({ status: 529, body: { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } } });
    await fallsBack(provider(), /529/);
    warnings.length = 0;
    standIn.answer({ delayMs: 500, text: JSON.stringify({ proposals: [pause] }) });
    await fallsBack(provider({ timeoutMs: 100 }), /abort|timeout/i);
  });

  it('falls back when the answer is not strictly valid: not JSON, an unknown campaign, a mismatched action, extra fields', async () => {
    const answers = [
      'I would pause it.',
      JSON.stringify({ proposals: [{ ...pause, campaignId: '33333333-3333-4333-8333-333333333333' }] }),
      JSON.stringify({ proposals: [{ ...pause, action: { ...pause.action, actionType: 'REALLOCATE' } }] }),
      JSON.stringify({ proposals: [{ ...pause, confidence: 1.5 }] }),
      JSON.stringify({ proposals: [{ ...pause, action: { ...pause.action, changeAmount: '80.001' } }] }),
      JSON.stringify({ proposals: [{ ...pause, extra: true }] }),
    ];
    for (const text of answers) {
      warnings.length = 0;
      standIn.answer({ text });
      await fallsBack(provider(), /anthropic analysis failed/);
    }
  });
});
