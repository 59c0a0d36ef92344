/**
 * The query API's parameter checks, shared by every context's routes: every bad value is a 400
 * INVALID_QUERY whose message and `details.parameter` name it.
 */
import { BadRequestException } from '@nestjs/common';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const invalid = (name: string, message: string) =>
  new BadRequestException({ code: 'INVALID_QUERY', message: `${name} ${message}`, details: { parameter: name } });

/** Each parameter given at most once, and only those the route knows. */
export const checkQuery = (query: Readonly<Record<string, unknown>>, known: readonly string[]): Readonly<Record<string, string | undefined>> => {
  const unknown = Object.keys(query).filter((key) => !known.includes(key));
  if (unknown.length > 0) throw invalid(unknown[0], `is not a parameter of this endpoint (use ${known.join(', ')})`);
  for (const [key, value] of Object.entries(query)) if (typeof value !== 'string') throw invalid(key, 'must be given once');
  return query as Record<string, string | undefined>;
};

/** One of `allowed`; the fallback (or null) when the parameter is absent. */
export function oneOf<T extends string>(name: string, value: string | undefined, allowed: readonly T[]): T | null;
export function oneOf<T extends string>(name: string, value: string | undefined, allowed: readonly T[], fallback: T): T;
export function oneOf<T extends string>(name: string, value: string | undefined, allowed: readonly T[], fallback: T | null = null): T | null {
  if (value === undefined) return fallback;
  if (!(allowed as readonly string[]).includes(value)) throw invalid(name, `must be one of ${allowed.join(', ')}`);
  return value as T;
}

export const intParam = (name: string, value: string | undefined, fallback: number, min: number, max: number): number => {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(n) || n < min || n > max) throw invalid(name, `must be an integer from ${min} to ${max}`);
  return n;
};

/** A UUID, lower-cased (as PostgreSQL prints it, so it compares equal to stored ids as text too). */
export const uuidParam = (name: string, value: string): string => {
  if (!UUID.test(value)) throw invalid(name, 'must be a UUID');
  return value.toLowerCase();
};
