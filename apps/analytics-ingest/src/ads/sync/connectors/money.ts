/**
 * Platform money to exact cents. Platforms write amounts as micros (Google's `cost_micros`),
 * decimal strings (Meta's `spend`), JSON numbers (Google's `conversions_value`) or minor units
 * (Meta's budgets). Floats never touch the figures: every conversion is BigInt arithmetic on the
 * digits, rounded half away from zero, as PostgreSQL rounds NUMERIC (seed 003: DECIMAL(15,2)).
 */
import { PlatformDataError } from './connector.errors';

const DECIMAL = /^(-?)(\d+)(?:\.(\d*))?$/;

const roundDiv = (value: bigint, divisor: bigint): bigint => {
  const quotient = value / divisor;
  const remainder = value % divisor;
  const twice = (remainder < 0n ? -remainder : remainder) * 2n;
  if (twice < divisor) return quotient;
  return value < 0n ? quotient - 1n : quotient + 1n;
};

const toSafe = (value: bigint, field: string): number => {
  if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < -BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new PlatformDataError(`${field} is out of range: ${value}`);
  }
  return Number(value);
};

/** A JSON number or numeric string as plain decimal text (no exponent): `1.5e-7` → `0.00000015`. */
export const decimalText = (value: unknown, field: string): string => {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new PlatformDataError(`${field} is not a finite number`);
    // toFixed(8) writes the double's exact binary value rounded at 8 places: the digits the
    // platform printed for any amount with fewer decimals, without an exponent.
    return value.toFixed(8);
  }
  if (typeof value === 'string' && DECIMAL.test(value.trim())) return value.trim();
  throw new PlatformDataError(`${field} is not a number: ${JSON.stringify(value)}`);
};

/** A decimal amount scaled by 10^scale and rounded to an integer: `("12.345", 2)` → 1235n. */
const scaled = (value: unknown, scale: number, field: string): bigint => {
  const match = DECIMAL.exec(decimalText(value, field));
  if (!match) throw new PlatformDataError(`${field} is not a decimal: ${JSON.stringify(value)}`);
  const [, sign, whole, fraction = ''] = match;
  const digits = BigInt(whole + fraction) * (sign === '-' ? -1n : 1n);
  const shift = scale - fraction.length;
  return shift >= 0 ? digits * 10n ** BigInt(shift) : roundDiv(digits, 10n ** BigInt(-shift));
};

/** A decimal string or number in the currency's major unit → cents. */
export const decimalToCents = (value: unknown, field: string): number => toSafe(scaled(value, 2, field), field);

/** A count the platform may report fractionally (Google's attributed conversions) → a whole number. */
export const toWhole = (value: unknown, field: string): number => toSafe(scaled(value, 0, field), field);

/** Google's micros (1/1,000,000 of the major unit), a JSON string or number → cents. */
export const microsToCents = (value: unknown, field: string): number => toSafe(roundDiv(scaled(value, 0, field), 10_000n), field);

/** Cents → Google's micros, as the REST API's int64 string. */
export const centsToMicros = (cents: bigint): string => (cents * 10_000n).toString();

/** A decimal money string (`"1234.50"`) → cents, exact. */
export const amountToCents = (amount: string, field: string): bigint => scaled(amount, 2, field);

/** Cents → the decimal money string the ads commands carry (`123450n` → `"1234.50"`). */
export const centsToAmount = (cents: bigint | number): string => {
  const value = BigInt(cents);
  const abs = value < 0n ? -value : value;
  const text = `${abs / 100n}.${(abs % 100n).toString().padStart(2, '0')}`;
  return value < 0n ? `-${text}` : text;
};

/** The currency's minor-unit digits (USD 2, JPY 0), from the ISO 4217 data Intl carries. */
export const minorDigits = (currency: string): number => {
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    throw new PlatformDataError(`unknown currency ${currency}`);
  }
};

/** Meta's budgets are in the currency's minor units ("5000" USD = 50.00; "5000" JPY = 5000) → cents. */
export const minorUnitsToCents = (value: unknown, currency: string, field: string): bigint => {
  const whole = BigInt(toWhole(value, field));
  return whole * 10n ** BigInt(2 - Math.min(2, minorDigits(currency)));
};

/** Cents → Meta's minor units for the currency (rounded for a currency with no minor unit). */
export const centsToMinorUnits = (cents: bigint, currency: string): string => {
  const digits = Math.min(2, minorDigits(currency));
  return roundDiv(cents, 10n ** BigInt(2 - digits)).toString();
};
