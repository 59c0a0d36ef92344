import { type Bucket, figuresOf, type Span, totalsOf } from '../window-totals';

/**
 * seed 003 ai_recommendations.result_metrics: the campaign's figures in the window after the
 * recommendation was executed (executedAt → windowEnd) and in a window of the same length just
 * before it, so the two compare like for like.
 */
export const resultSpans = (executedAt: number, windowEnd: number): { before: Span; after: Span } => {
  const length = Math.max(0, windowEnd - executedAt);
  return { before: { from: executedAt - length, to: executedAt }, after: { from: executedAt, to: windowEnd } };
};

export const resultMetricsOf = (buckets: readonly Bucket[], executedAt: number, windowEnd: number) => {
  const spans = resultSpans(executedAt, windowEnd);
  const describe = (span: Span) => ({ from: new Date(span.from).toISOString(), to: new Date(span.to).toISOString(), ...figuresOf(totalsOf(buckets, span)) });
  return { before: describe(spans.before), after: describe(spans.after) };
};
