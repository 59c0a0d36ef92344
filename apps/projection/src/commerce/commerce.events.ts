import type { EventEnvelope } from '@campaign/contracts';
import type { commerce } from '@campaign/domain';

/** Every commerce event the projection reads (libs/domain/src/commerce). */
export type CommerceEvent =
  | commerce.AgentEvent
  | commerce.GoalEvent
  | commerce.ProductEvent
  | commerce.InventoryEvent
  | commerce.CustomerEvent
  | commerce.OrderEvent
  | commerce.BudgetEvent
  | commerce.ExpenseEvent
  | commerce.ConfigurationEvent;

/** A commerce event as it arrives from `<prefix>commerce.events`: the domain event in its envelope. */
export type CommerceEnvelope = {
  [T in CommerceEvent['type']]: EventEnvelope<Extract<CommerceEvent, { type: T }>['data']> & { type: T };
}[CommerceEvent['type']];

export type EnvelopeOf<T extends CommerceEvent['type']> = Extract<CommerceEnvelope, { type: T }>;

/** A row as the writer reads it back (to_jsonb) and writes it: column name → value. */
export type Row = Readonly<Record<string, unknown>> & { readonly id: string };

/** An order line as product_metrics counts it: from OrderPlaced, or read back from order_items. */
export interface SoldLine {
  readonly productId: string | null;
  readonly quantity: number;
  readonly lineTotal: string;
}

/** OrderPaid with the lines of its order, which the payment itself does not repeat (commerce.writer.ts adds them). */
export type PaidEnvelope = EnvelopeOf<'OrderPaid'> & { readonly lines: readonly SoldLine[] };

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

/** Equal values; instants compared as instants (a row read back prints `+00:00` where the event says `Z`), numbers as numbers. */
const same = (a: unknown, b: unknown): boolean => {
  if (typeof a === 'string' && typeof b === 'string' && INSTANT.test(a) && INSTANT.test(b)) return Date.parse(a) === Date.parse(b);
  if ((typeof a === 'number' || typeof b === 'number') && a !== null && b !== null && !Number.isNaN(Number(a))) return Number(a) === Number(b);
  return JSON.stringify(a) === JSON.stringify(b);
};

/**
 * The row with the patch and then `stamp` (its updated_at) applied, or the same row object when
 * the patch changes nothing: the writer tells a no-op from a change by identity.
 */
export const patched = <R extends object>(row: R, patch: Partial<R>, stamp: Partial<R> = {}): R =>
  (Object.keys(patch) as (keyof R)[]).some((key) => !same(patch[key], row[key])) ? { ...row, ...patch, ...stamp } : row;

/** The later of two instants: counters fed by several streams keep the latest fact's time whatever the arrival order. */
export const latest = (a: string, b: string): string => (Date.parse(a) >= Date.parse(b) ? a : b);

/** The fields of a change that it carries (undefined is absent; null is a value: the domain's changedFields). */
export const columnsOf = <C extends object>(changes: C | null, columns: Readonly<Record<string, string>>): Record<string, unknown> =>
  Object.fromEntries(
    Object.entries(changes ?? {})
      .filter(([field, value]) => value !== undefined && field in columns)
      .map(([field, value]) => [columns[field], value]),
  );

/** DECIMAL(15,2) as exact cents: the events' strings and the numbers to_jsonb reads back alike. */
export const centsOf = (value: string | number): bigint => {
  const match = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(String(value));
  if (!match) throw new Error(`not an amount of money: ${value}`);
  const abs = BigInt(match[2]) * 100n + BigInt((match[3] ?? '').padEnd(2, '0'));
  return match[1] === '-' ? -abs : abs;
};

/** Cents as the events write money: `1234.50`. */
export const moneyOf = (cents: bigint): string => {
  const abs = cents < 0n ? -cents : cents;
  return `${cents < 0n ? '-' : ''}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`;
};
