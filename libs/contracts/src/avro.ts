import * as avro from 'avsc';

/**
 * Logical types that let domain objects encode as they are: instants travel as Avro
 * `timestamp-millis` longs but read back as ISO-8601 strings (the domain's form), and free-form
 * JSON objects (campaign metadata) travel as strings tagged `json`.
 */
class IsoTimestamp extends avro.types.LogicalType {
  override _fromValue(value: unknown): string {
    return new Date(value as number).toISOString();
  }

  override _toValue(value: unknown): number | undefined {
    if (typeof value !== 'string') return undefined;
    const millis = Date.parse(value);
    return Number.isNaN(millis) ? undefined : millis;
  }

  override _resolve(type: avro.Type) {
    if (avro.Type.isType(type, 'long', 'logical:timestamp-millis')) return (value: unknown) => this._fromValue(value);
    return undefined;
  }
}

class JsonObject extends avro.types.LogicalType {
  override _fromValue(value: unknown): unknown {
    return JSON.parse(value as string);
  }

  override _toValue(value: unknown): string | undefined {
    const isObject = typeof value === 'object' && value !== null && !Array.isArray(value);
    return isObject ? JSON.stringify(value) : undefined;
  }

  override _resolve(type: avro.Type) {
    if (avro.Type.isType(type, 'string', 'logical:json')) return (value: unknown) => this._fromValue(value);
    return undefined;
  }
}

/** Any JSON value (a configuration's value: a string, a number, an object …), as its JSON text. */
class JsonValue extends avro.types.LogicalType {
  override _fromValue(value: unknown): unknown {
    return JSON.parse(value as string);
  }

  override _toValue(value: unknown): string | undefined {
    return value === undefined ? undefined : JSON.stringify(value);
  }

  override _resolve(type: avro.Type) {
    if (avro.Type.isType(type, 'string', 'logical:json-value')) return (value: unknown) => this._fromValue(value);
    return undefined;
  }
}

/** A schema as written in this library: plain (often readonly) JSON. */
export type AvroSchema = string | Readonly<Record<string, unknown>> | readonly unknown[];

const logicalTypes = { 'timestamp-millis': IsoTimestamp, json: JsonObject, 'json-value': JsonValue };

/** Parses a schema with the project's logical types; `registry` shares named types. */
export const parseSchema = (schema: AvroSchema, registry: Record<string, avro.Type> = {}): avro.Type =>
  avro.Type.forSchema(schema as avro.Schema, { logicalTypes, wrapUnions: false, registry });

/** Schema fragments used across contracts. */
export const timestamp = { type: 'long', logicalType: 'timestamp-millis' } as const;
export const json = { type: 'string', logicalType: 'json' } as const;
export const jsonValue = { type: 'string', logicalType: 'json-value' } as const;
export const optional = <T>(type: T) => ({ type: ['null', type], default: null });

/** The dotted paths at which `value` does not fit `type`, empty when it fits. */
export const invalidPaths = (type: avro.Type, value: unknown): string[] => {
  const paths: string[] = [];
  type.isValid(value, { errorHook: (path) => paths.push(path.join('.') || '(root)') });
  return paths;
};

export { avro };
