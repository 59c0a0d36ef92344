/**
 * The query bench's check: the API's answer and the seed query's raw answer hold the same
 * campaigns with the same figures. Names are unique per bench campaign, so rows are matched by
 * name; numbers are compared as exact decimals (trailing zeros aside) and, failing that, as
 * numbers (a JSON number cannot carry NUMERIC's every digit).
 */
type Row = Readonly<Record<string, unknown>>;

const FIELDS = ['name', 'platform', 'total_spend', 'total_revenue', 'roas', 'total_conversions', 'cpa'] as const;
const squash = (key: string) => key.replace(/_/g, '').toLowerCase();

/** The rows of an API answer: an array, or the first array property of an object (items, rows…). */
export const performanceRows = (body: unknown): Row[] => {
  if (Array.isArray(body)) return body as Row[];
  if (body && typeof body === 'object') {
    const list = Object.values(body).find(Array.isArray);
    if (list) return list as Row[];
  }
  throw new Error(`GET /v1/ads/performance answered no list of rows: ${JSON.stringify(body).slice(0, 300)}`);
};

/** A row's seed fields whatever the API's casing (total_spend or totalSpend). */
const seedFieldsOf = (row: Row): Record<(typeof FIELDS)[number], unknown> => {
  const bySquashed = new Map(Object.entries(row).map(([k, v]) => [squash(k), v]));
  return Object.fromEntries(FIELDS.map((f) => [f, bySquashed.get(squash(f))])) as Record<(typeof FIELDS)[number], unknown>;
};

const decimal = (value: unknown): string | null => {
  if (value === null || value === undefined) return null;
  const text = String(value);
  return text.includes('.') ? text.replace(/0+$/, '').replace(/\.$/, '') : text;
};

const sameNumber = (a: unknown, b: unknown): boolean => {
  if (a === null || a === undefined || b === null || b === undefined) return (a ?? null) === (b ?? null);
  const x = Number(a);
  const y = Number(b);
  return x === y || Math.abs(x - y) <= 1e-12 * Math.max(Math.abs(x), Math.abs(y));
};

export const compareAnswers = (api: readonly Row[], seed: readonly Row[]) => {
  const seedByName = new Map(seed.map((row) => [String(row.name), seedFieldsOf(row)]));
  let exact = 0;
  let numeric = 0;
  const differing: unknown[] = [];
  for (const row of api) {
    const a = seedFieldsOf(row);
    const b = seedByName.get(String(a.name));
    if (!b) {
      if (differing.length < 3) differing.push({ only_in_api: a });
      continue;
    }
    const numbers = FIELDS.slice(2);
    if (a.platform === b.platform && numbers.every((f) => decimal(a[f]) === decimal(b[f]))) exact++;
    else if (a.platform === b.platform && numbers.every((f) => sameNumber(a[f], b[f]))) numeric++;
    else if (differing.length < 3) differing.push({ api: a, seed: b });
  }
  const matched = exact + numeric;
  return {
    api_rows: api.length,
    seed_rows: seed.length,
    equal_exactly: exact,
    equal_as_numbers: numeric,
    equal: matched === api.length && api.length === seed.length,
    differing,
  };
};
