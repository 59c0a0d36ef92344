import { z } from '@campaign/runtime';
import { figuresOf } from '../window-totals';
import { ACTION_TYPES, type AnalysisInput, type Proposal, RECOMMENDATION_TYPES, type RecommendationProvider } from './recommendation-provider';

export interface AnthropicSettings {
  readonly apiKey: string;
  readonly baseUrl: string;
  readonly model: string;
  readonly version: string;
  readonly maxTokens: number;
  readonly timeoutMs: number;
}

export interface ProviderLog {
  warn(message: string, fields?: Record<string, unknown>): void;
}

const PROVIDER = 'anthropic';
const MONEY = /^\d{1,13}(\.\d{1,2})?$/;

const SYSTEM = [
  'You analyse paid advertising campaigns and propose changes.',
  'Answer with one JSON object and nothing else: {"proposals": [...]}.',
  'Each proposal: {"campaignId": one of the input campaign ids, "recommendationType": one of',
  `${RECOMMENDATION_TYPES.join(', ')}, "text": a sentence for a marketer, "confidence": a number 0..1,`,
  `"action": {"actionType": one of ${ACTION_TYPES.join(', ')}, "previousState": object, "newState": object,`,
  '"changeAmount": the money the action moves as a decimal string with at most 2 decimals}}.',
  'PAUSE_CAMPAIGN pairs with PAUSE, BUDGET_DECREASE with BUDGET_CHANGE, BUDGET_REALLOCATION with REALLOCATE.',
  'Propose nothing you cannot support with the figures. Money is in the account currency.',
].join(' ');

const PAIRS: Readonly<Record<string, string>> = { PAUSE_CAMPAIGN: 'PAUSE', BUDGET_DECREASE: 'BUDGET_CHANGE', BUDGET_REALLOCATION: 'REALLOCATE' };

const proposalSchema = z
  .object({
    campaignId: z.string().uuid(),
    recommendationType: z.enum(RECOMMENDATION_TYPES),
    text: z.string().min(1).max(4000),
    confidence: z.number().min(0).max(1),
    action: z
      .object({
        actionType: z.enum(ACTION_TYPES),
        previousState: z.record(z.unknown()),
        newState: z.record(z.unknown()),
        changeAmount: z.string().regex(MONEY),
      })
      .strict(),
  })
  .strict()
  .refine((p) => PAIRS[p.recommendationType] === p.action.actionType, 'the action does not fit the recommendation type');
const answerSchema = z.object({ proposals: z.array(proposalSchema).max(100) }).strict();
const messageSchema = z.object({ content: z.array(z.object({ type: z.string(), text: z.string().optional() }).passthrough()) }).passthrough();

/** The model's text as JSON: a bare object, or one wrapped in a ```json fence. */
const jsonOf = (text: string): unknown => {
  const fenced = /```(?:json)?\s*([\s\S]*?)```/.exec(text);
  return JSON.parse((fenced ? fenced[1] : text).trim());
};

/** What the model is shown: the figures of each campaign, money as decimals. */
export const promptOf = (input: AnalysisInput): string =>
  JSON.stringify({
    window: { start: input.windowStart, end: input.windowEnd },
    campaigns: input.campaigns.map((c) => ({
      campaignId: c.campaignId,
      platform: c.platform,
      name: c.name,
      status: c.status,
      budgetAmount: c.budgetAmount,
      currentWindow: figuresOf(c.current),
      previousWindow: figuresOf(c.previous),
    })),
  });

/**
 * seed 003 "AI Analysis (Claude)": asks Anthropic's Messages API for proposals and validates the
 * answer strictly (known campaigns and types, the action fitting its type, money and confidence
 * in range). Any failure — the network, a status, a timeout, an answer that does not fit — is
 * logged and the fallback (statistical) provider answers instead: the analysis never stops on it.
 */
export class AnthropicProvider implements RecommendationProvider {
  readonly name = PROVIDER;

  constructor(
    private readonly settings: AnthropicSettings,
    private readonly fallback: RecommendationProvider,
    private readonly log: ProviderLog,
  ) {}

  async analyze(input: AnalysisInput): Promise<readonly Proposal[]> {
    try {
      return await this.ask(input);
    } catch (error) {
      this.log.warn('anthropic analysis failed; the statistical provider answers', { orgId: input.orgId, error: (error as Error).message });
      return this.fallback.analyze(input);
    }
  }

  private async ask(input: AnalysisInput): Promise<Proposal[]> {
    const response = await fetch(`${this.settings.baseUrl}/v1/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': this.settings.apiKey, 'anthropic-version': this.settings.version },
      body: JSON.stringify({
        model: this.settings.model,
        max_tokens: this.settings.maxTokens,
        system: SYSTEM,
        messages: [{ role: 'user', content: promptOf(input) }],
      }),
      signal: AbortSignal.timeout(this.settings.timeoutMs),
    });
    if (!response.ok) throw new Error(`Messages API answered ${response.status}: ${(await response.text()).slice(0, 200)}`);
    const message = messageSchema.parse(await response.json());
    const text = message.content.map((block) => (block.type === 'text' ? (block.text ?? '') : '')).join('');
    const answer = answerSchema.parse(jsonOf(text));
    const known = new Map(input.campaigns.map((c) => [c.campaignId, c]));
    return answer.proposals.map((p) => {
      const campaign = known.get(p.campaignId);
      if (!campaign) throw new Error(`the answer names a campaign that was not asked about: ${p.campaignId}`);
      return {
        ...p,
        confidence: Math.round(p.confidence * 100) / 100,
        provider: PROVIDER,
        action: { ...p.action, platform: campaign.platform },
        baseline: { current: figuresOf(campaign.current), previous: figuresOf(campaign.previous) },
      };
    });
  }
}
