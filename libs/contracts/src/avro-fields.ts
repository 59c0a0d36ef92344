import { json, optional, timestamp } from './avro';

/**
 * Field builders for the contexts' Avro records: one call per kind of field, so a schema reads as
 * the list of its fields. Optional fields are nullable with default null (old readers and
 * senders that leave them out keep working).
 */
export const record = (name: string, namespace: string, fields: readonly object[]) =>
  ({ version: 1, schema: { type: 'record', name, namespace, fields } }) as const;

export const strings = (...names: string[]) => names.map((name) => ({ name, type: 'string' }));
export const nullableStrings = (...names: string[]) => names.map((name) => ({ name, ...optional('string') }));
export const instant = (name: string) => ({ name, type: timestamp });
export const nullableInstant = (name: string) => ({ name, ...optional(timestamp) });
export const jsonField = (name: string) => ({ name, type: json });
export const nullableJson = (name: string) => ({ name, ...optional(json) });
export const longs = (...names: string[]) => names.map((name) => ({ name, type: 'long' }));
export const nullableLongs = (...names: string[]) => names.map((name) => ({ name, ...optional('long') }));
export const ints = (...names: string[]) => names.map((name) => ({ name, type: 'int' }));
export const nullableInts = (...names: string[]) => names.map((name) => ({ name, ...optional('int') }));
export const booleans = (...names: string[]) => names.map((name) => ({ name, type: 'boolean' }));
export const nullableBooleans = (...names: string[]) => names.map((name) => ({ name, ...optional('boolean') }));
