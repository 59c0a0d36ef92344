/**
 * Rule-based segment membership (seed 001 customer_segments → customer_segment_members). A rule
 * set is `{ all: [condition, …] }`: a customer is a member when every condition holds. A
 * condition reads `accepts_marketing`, `email_domain` or an attribute (`attributes.<name>`) and
 * compares with `eq`, `neq`, `in` (a list) or `exists`. The projection re-evaluates a customer's
 * memberships whenever the customer changes, and a segment's members when its rules change.
 */
export interface SegmentCondition {
  readonly field: string;
  readonly op: 'eq' | 'neq' | 'in' | 'exists';
  readonly value?: unknown;
}

export interface SegmentRules {
  readonly all: readonly SegmentCondition[];
}

/** What a rule may read of a customer. */
export interface SegmentSubject {
  readonly email: string;
  readonly acceptsMarketing: boolean;
  readonly attributes: Readonly<Record<string, unknown>>;
}

const OPS = ['eq', 'neq', 'in', 'exists'] as const;
const FIELD = /^(accepts_marketing|email_domain|attributes\.[A-Za-z0-9_]{1,64})$/;
const MAX_CONDITIONS = 20;

/** Null when `rules` is a rule set this module can evaluate; else what is wrong with it. */
export const segmentRulesProblem = (rules: unknown): string | null => {
  const all = (rules as { all?: unknown } | null)?.all;
  if (!Array.isArray(all) || all.length === 0 || all.length > MAX_CONDITIONS) return `rules is { all: [1 to ${MAX_CONDITIONS} conditions] }`;
  for (const [i, condition] of all.entries()) {
    const { field, op, value } = (condition ?? {}) as Partial<SegmentCondition>;
    if (typeof field !== 'string' || !FIELD.test(field)) return `rules.all[${i}].field is accepts_marketing, email_domain or attributes.<name>`;
    if (!OPS.includes(op as SegmentCondition['op'])) return `rules.all[${i}].op is one of ${OPS.join(', ')}`;
    if (op === 'in' && !Array.isArray(value)) return `rules.all[${i}].value is a list for op in`;
    if (op !== 'exists' && value === undefined) return `rules.all[${i}].value is required for op ${op}`;
  }
  return null;
};

const read = (subject: SegmentSubject, field: string): unknown => {
  if (field === 'accepts_marketing') return subject.acceptsMarketing;
  if (field === 'email_domain') return subject.email.split('@')[1] ?? null;
  return subject.attributes[field.slice('attributes.'.length)];
};

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

const holds = (subject: SegmentSubject, { field, op, value }: SegmentCondition): boolean => {
  const actual = read(subject, field);
  switch (op) {
    case 'eq':
      return same(actual, value);
    case 'neq':
      return !same(actual, value);
    case 'in':
      return (value as readonly unknown[]).some((v) => same(actual, v));
    case 'exists':
      return actual !== undefined && actual !== null;
  }
};

export const matchesSegment = (rules: SegmentRules, subject: SegmentSubject): boolean => rules.all.every((condition) => holds(subject, condition));
