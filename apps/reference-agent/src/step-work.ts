import type { StepDispatch } from './step-dispatch';

/**
 * What the reference agent answers to one dispatch: a pure function of the dispatch (and the
 * configured delay), so a redelivered StepDispatched produces the very same report — the
 * command side recognises a repeated command id only together with the same data.
 *
 * The step's input steers it:
 * - `produce: {title, contentType?, platform?, contentMarkdown?, derivedFromStep?}` puts
 *   `content` in the output, which the reactor creates as the campaign's content
 *   (docs/orchestration.md, "Agents"), derived from `derivedFromStep`'s content when named;
 * - `failAttempts: n` fails attempts 1…n (retryable unless `failRetryable: false`): a
 *   deterministic fault for demos and tests;
 * - `qualityScore` (0–1) is reported as given; `output` (an object) is merged into the output.
 */
export interface CompleteStepData {
  readonly workflowId: string;
  readonly stepKey: string;
  readonly attempt: number;
  readonly output: Readonly<Record<string, unknown>>;
  readonly costCents: number;
  readonly tokens: number;
  readonly qualityScore: number;
  readonly durationMs: number;
}

export interface FailStepData {
  readonly workflowId: string;
  readonly stepKey: string;
  readonly attempt: number;
  readonly error: string;
  readonly retryable: boolean;
}

export type StepReport = { readonly type: 'CompleteStep'; readonly data: CompleteStepData } | { readonly type: 'FailStep'; readonly data: FailStepData };

export interface ProducedContent {
  readonly title: string;
  readonly contentType: string;
  readonly platform: string;
  readonly contentMarkdown: string;
  readonly derivedFromStep?: string;
}

export const AGENT_NAME = 'reference-agent';
const DEFAULT_QUALITY = 0.9;
/** Roughly four characters a token, as the usual tokenizers count English text. */
const CHARS_PER_TOKEN = 4;
/** A made-up price, one cent per hundred tokens: enough for the cost columns to add up. */
const TOKENS_PER_CENT = 100;

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const text = (value: unknown): string | undefined => (typeof value === 'string' && value.trim().length > 0 ? value : undefined);

/** A bad input another attempt cannot fix: the step fails for good with the reason. */
class BadInput extends Error {}

const deliberateFailure = (dispatch: StepDispatch): FailStepData | null => {
  const { failAttempts, failRetryable } = dispatch.input;
  if (failAttempts === undefined) return null;
  if (!Number.isSafeInteger(failAttempts) || (failAttempts as number) < 0) throw new BadInput('input.failAttempts is a non-negative integer');
  if (dispatch.attempt > (failAttempts as number)) return null;
  return {
    ...stepOf(dispatch),
    error: `${AGENT_NAME}: attempt ${dispatch.attempt} fails on purpose (input.failAttempts = ${failAttempts as number})`,
    retryable: failRetryable !== false,
  };
};

const parentTitle = (dispatch: StepDispatch, derivedFromStep: string): string | undefined => {
  const parent = dispatch.dependencyOutputs[derivedFromStep]?.content;
  return isObject(parent) ? text(parent.title) : undefined;
};

/** The markdown the agent "writes" when the input gives none: deterministic, naming where it came from. */
const writtenMarkdown = (dispatch: StepDispatch, title: string, derivedFromStep: string | undefined): string => {
  const from = derivedFromStep ? parentTitle(dispatch, derivedFromStep) : undefined;
  const lines = [`# ${title}`, '', `Written by the ${AGENT_NAME} for the step "${dispatch.stepName || dispatch.stepKey}".`];
  if (derivedFromStep) lines.push('', `Derived from ${from ? `"${from}"` : `the content of step ${derivedFromStep}`}.`);
  return lines.join('\n');
};

export const producedContent = (dispatch: StepDispatch): ProducedContent | null => {
  const produce = dispatch.input.produce;
  if (produce === undefined) return null;
  if (!isObject(produce)) throw new BadInput('input.produce is an object');
  const title = text(produce.title);
  if (!title) throw new BadInput('input.produce.title is a non-empty string');
  const derivedFromStep = produce.derivedFromStep === undefined ? undefined : text(produce.derivedFromStep);
  if (produce.derivedFromStep !== undefined && (!derivedFromStep || !(derivedFromStep in dispatch.dependencyOutputs)))
    // The reactor finds the parent content by step; a step that has not completed has none yet.
    throw new BadInput(`input.produce.derivedFromStep names a step this one depends on (${Object.keys(dispatch.dependencyOutputs).join(', ') || 'none'})`);
  return {
    title,
    contentType: text(produce.contentType) ?? 'blog_post',
    platform: text(produce.platform) ?? 'website',
    contentMarkdown: text(produce.contentMarkdown) ?? writtenMarkdown(dispatch, title, derivedFromStep),
    ...(derivedFromStep ? { derivedFromStep } : {}),
  };
};

const stepOf = ({ workflowId, stepKey, attempt }: StepDispatch) => ({ workflowId, stepKey, attempt });

const qualityOf = (input: StepDispatch['input']): number => {
  const score = input.qualityScore;
  return typeof score === 'number' && score >= 0 && score <= 1 ? score : DEFAULT_QUALITY;
};

const completion = (dispatch: StepDispatch, delayMs: number): CompleteStepData => {
  const content = producedContent(dispatch);
  const output = {
    ...(isObject(dispatch.input.output) ? dispatch.input.output : {}),
    producedBy: AGENT_NAME,
    ...(content ? { content } : {}),
  };
  const tokens = Math.ceil(JSON.stringify(output).length / CHARS_PER_TOKEN);
  return {
    ...stepOf(dispatch),
    output,
    tokens,
    costCents: Math.ceil(tokens / TOKENS_PER_CENT),
    qualityScore: qualityOf(dispatch.input),
    durationMs: delayMs,
  };
};

/** The report for one attempt of a step; `delayMs` is how long the agent took (AGENT_DELAY_MS). */
export const reportFor = (dispatch: StepDispatch, delayMs: number): StepReport => {
  try {
    const failure = deliberateFailure(dispatch);
    return failure ? { type: 'FailStep', data: failure } : { type: 'CompleteStep', data: completion(dispatch, delayMs) };
  } catch (error) {
    if (!(error instanceof BadInput)) throw error;
    return { type: 'FailStep', data: { ...stepOf(dispatch), error: `${AGENT_NAME}: ${error.message}`, retryable: false } };
  }
};
