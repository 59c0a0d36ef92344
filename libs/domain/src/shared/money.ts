/**
 * Money as the ads and commerce contexts carry it: decimal strings with at most two decimals, held exactly
 * as integer cents (BigInt), checked against the seed's DECIMAL(15,2): |x| < 10^13.
 */

const DECIMAL = /^(-?)(\d+)(?:\.(\d+))?$/;

// seed 003: budget_amount, spend, revenue, total_budget DECIMAL(15,2) — 13 integer digits.
export const MONEY_LIMIT_CENTS = 10n ** 15n;

export type MoneyReading = { readonly cents: bigint } | { readonly problem: 'format' | 'scale' | 'range' };

/** Reads a decimal string (or a finite number) as cents; says why not when it cannot. */
export const readMoney = (value: unknown): MoneyReading => {
  const text = typeof value === 'number' && Number.isFinite(value) ? String(value) : value;
  const match = typeof text === 'string' ? DECIMAL.exec(text.trim()) : null;
  if (!match) return { problem: 'format' };
  const [, sign, whole, fraction = ''] = match;
  if (fraction.length > 2) return { problem: 'scale' };
  const cents = BigInt(whole) * 100n + BigInt(fraction.padEnd(2, '0'));
  if (cents >= MONEY_LIMIT_CENTS) return { problem: 'range' };
  return { cents: sign === '-' ? -cents : cents };
};

/** Cents written as the context's money string: `1234.50`, `-0.05`. */
export const formatCents = (cents: bigint): string => {
  const sign = cents < 0n ? '-' : '';
  const abs = cents < 0n ? -cents : cents;
  return `${sign}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`;
};
