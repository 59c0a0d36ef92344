import { type AvroSchema, avro, invalidPaths, parseSchema } from './avro';
import { decodeUntrusted } from './bounded-decode';
import { ContractError } from './errors';
import type { ContextContract, SchemaEntry } from './context-contract';
import { CONTEXT_CONTRACTS } from './contexts';
import released from './released/v1.json';
import { type MessageKind, schemaKey } from './schema-key';

export type { ContextContract, SchemaEntry } from './context-contract';
export { type MessageKind, schemaKey } from './schema-key';

/** Every context's current wire contract by name (the list is contexts.ts). */
export const CONTRACTS: Readonly<Record<string, ContextContract>> = Object.fromEntries(CONTEXT_CONTRACTS.map((contract) => [contract.context, contract]));

/** The schema version each message type is written with today, per context. */
export const CONTRACT_VERSIONS = Object.fromEntries(
  Object.entries(CONTRACTS).map(([context, contract]) => [
    context,
    {
      events: Object.fromEntries(Object.entries(contract.events).map(([type, entry]) => [type, entry.version])),
      commands: Object.fromEntries(Object.entries(contract.commands).map(([type, entry]) => [type, entry.version])),
    },
  ]),
) as Readonly<Record<string, { events: Readonly<Record<string, number>>; commands: Readonly<Record<string, number>> }>>;

/** Released schemas by key `<context>/<kind>/<type>/<version>`: what old messages were written with. */
export const RELEASED_SCHEMAS = released as unknown as Readonly<Record<string, AvroSchema>>;

const types = new Map<string, avro.Type>();
const writers = new Map<string, { type: avro.Type; resolver: avro.Resolver }>();

const typeFor = (key: string, schema: AvroSchema): avro.Type => {
  let type = types.get(key);
  if (!type) {
    type = parseSchema(schema);
    types.set(key, type);
  }
  return type;
};

const currentEntry = (context: string, kind: MessageKind, type: string): SchemaEntry => {
  const entry = CONTRACTS[context]?.[kind][type];
  if (!entry) {
    const code = kind === 'events' ? 'UNKNOWN_EVENT_TYPE' : 'UNKNOWN_COMMAND_TYPE';
    throw new ContractError(code, `${context} has no ${kind === 'events' ? 'event' : 'command'} type ${type}`);
  }
  return entry;
};

/** Encodes a message's data with the current schema of its type, naming any misfit field. */
export const encodeData = (context: string, kind: MessageKind, type: string, data: unknown): { version: number; bytes: Buffer } => {
  const entry = currentEntry(context, kind, type);
  const avroType = typeFor(schemaKey(context, kind, type, entry.version), entry.schema);
  const misfits = invalidPaths(avroType, data);
  if (misfits.length > 0) throw new ContractError('SCHEMA_MISMATCH', `${type} does not fit its schema at: ${misfits.join(', ')}`);
  return { version: entry.version, bytes: avroType.toBuffer(data) };
};

/** Decodes data written with any released version of a type into the current shape. */
export const decodeData = (context: string, kind: MessageKind, type: string, version: number, bytes: Buffer): unknown => {
  const entry = currentEntry(context, kind, type);
  const reader = typeFor(schemaKey(context, kind, type, entry.version), entry.schema);
  if (version === entry.version) return decodeUntrusted(reader, bytes, `${type} data`);
  const key = schemaKey(context, kind, type, version);
  const writerSchema = RELEASED_SCHEMAS[key];
  if (!writerSchema) throw new ContractError('SCHEMA_MISMATCH', `no released schema ${key}`);
  let writer = writers.get(key);
  if (!writer) {
    const writerType = typeFor(key, writerSchema);
    writer = { type: writerType, resolver: reader.createResolver(writerType) };
    writers.set(key, writer);
  }
  return decodeUntrusted(reader, bytes, `${type} data (version ${version})`, writer);
};

/** Checks an event against its wire schema before it is stored (the command side calls this). */
export const validateEventData = (context: string, type: string, data: unknown): void => {
  const { bytes } = encodeData(context, 'events', type, data);
  if (bytes.length > MAX_EVENT_BYTES) {
    throw new ContractError('EVENT_TOO_LARGE', `${type} would be ${bytes.length} bytes on the wire; an event holds at most ${MAX_EVENT_BYTES}`);
  }
};

/**
 * The most one event's data may take on the wire. Kafka refuses a record batch over the
 * broker's message.max.bytes (1 MiB by default); the relay sends batches in requests under
 * 900,000 bytes, so every event must fit one with room for its envelope.
 */
export const MAX_EVENT_BYTES = 512 * 1024;
