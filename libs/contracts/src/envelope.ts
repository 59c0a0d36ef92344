import { FORMAT_V1 } from './format';
import { json, optional, parseSchema, timestamp } from './avro';
import { AvroCursor } from './avro-cursor';
import { decodeUntrusted } from './bounded-decode';
import { ContractError } from './errors';
import { decodeData, encodeData } from './registry';

/**
 * The wire format of every message: one marker byte (FORMAT_V1) and an Avro envelope whose
 * `data` holds the message's own Avro encoding, written with the schema of its
 * (context, type, schemaVersion). Readers of any later version resolve old data.
 */
export { FORMAT_V1 };

export interface EventEnvelope<T = unknown> {
  readonly eventId: string;
  readonly type: string;
  readonly schemaVersion: number;
  readonly context: string;
  readonly streamId: string;
  readonly streamVersion: number;
  /** The event store's global position (a bigint, as a decimal string). */
  readonly globalPosition: string;
  readonly occurredAt: string;
  readonly correlationId: string;
  readonly causationId: string | null;
  readonly actor: string;
  readonly tenant: string | null;
  readonly data: T;
}

export interface CommandEnvelope<T = unknown> {
  readonly commandId: string;
  readonly type: string;
  readonly schemaVersion: number;
  readonly context: string;
  readonly issuedAt: string;
  readonly actor: string;
  readonly correlationId: string | null;
  readonly causationId: string | null;
  readonly tenant: string | null;
  readonly data: T;
}

export interface CommandResult {
  readonly commandId: string;
  readonly context: string;
  readonly status: 'ACCEPTED' | 'REJECTED';
  readonly streamId: string | null;
  readonly streamVersion: number | null;
  readonly code: string | null;
  readonly message: string | null;
  readonly details: Readonly<Record<string, string | number | boolean | null>> | null;
  readonly processedAt: string;
}

export const envelopeSchemas = {
  EventEnvelope: {
    type: 'record',
    name: 'EventEnvelope',
    namespace: 'campaign',
    fields: [
      { name: 'eventId', type: 'string' },
      { name: 'type', type: 'string' },
      { name: 'schemaVersion', type: 'int' },
      { name: 'context', type: 'string' },
      { name: 'streamId', type: 'string' },
      { name: 'streamVersion', type: 'long' },
      { name: 'globalPosition', type: 'string' },
      { name: 'occurredAt', type: timestamp },
      { name: 'correlationId', type: 'string' },
      { name: 'causationId', ...optional('string') },
      { name: 'actor', type: 'string' },
      { name: 'tenant', ...optional('string') },
      { name: 'data', type: 'bytes' },
    ],
  },
  CommandEnvelope: {
    type: 'record',
    name: 'CommandEnvelope',
    namespace: 'campaign',
    fields: [
      { name: 'commandId', type: 'string' },
      { name: 'type', type: 'string' },
      { name: 'schemaVersion', type: 'int' },
      { name: 'context', type: 'string' },
      { name: 'issuedAt', type: timestamp },
      { name: 'actor', type: 'string' },
      { name: 'correlationId', ...optional('string') },
      { name: 'causationId', ...optional('string') },
      { name: 'tenant', ...optional('string') },
      { name: 'data', type: 'bytes' },
    ],
  },
  CommandResult: {
    type: 'record',
    name: 'CommandResult',
    namespace: 'campaign',
    fields: [
      { name: 'commandId', type: 'string' },
      { name: 'context', type: 'string' },
      { name: 'status', type: { type: 'enum', name: 'CommandStatus', symbols: ['ACCEPTED', 'REJECTED'] } },
      { name: 'streamId', ...optional('string') },
      { name: 'streamVersion', ...optional('long') },
      { name: 'code', ...optional('string') },
      { name: 'message', ...optional('string') },
      { name: 'details', ...optional(json) },
      { name: 'processedAt', type: timestamp },
    ],
  },
} as const;

const eventEnvelope = parseSchema(envelopeSchemas.EventEnvelope);
const commandEnvelope = parseSchema(envelopeSchemas.CommandEnvelope);
const commandResult = parseSchema(envelopeSchemas.CommandResult);

const frame = (body: Buffer): Buffer => Buffer.concat([Buffer.of(FORMAT_V1), body]);

const unframe = (buffer: Buffer): Buffer => {
  if (buffer.length < 2 || buffer[0] !== FORMAT_V1) {
    throw new ContractError('MALFORMED_MESSAGE', `not a campaign-platform message (format byte ${buffer[0] ?? 'missing'})`);
  }
  return buffer.subarray(1);
};

const encodeRecord = (type: ReturnType<typeof parseSchema>, name: string, value: unknown): Buffer => {
  const paths: string[] = [];
  if (!type.isValid(value, { errorHook: (path) => paths.push(path.join('.')) })) {
    throw new ContractError('SCHEMA_MISMATCH', `${name} does not fit its schema at: ${paths.join(', ')}`);
  }
  return frame(type.toBuffer(value));
};

const decodeRecord = <T>(type: ReturnType<typeof parseSchema>, buffer: Buffer): T => decodeUntrusted<T>(type, unframe(buffer), type.name ?? 'message');

export const encodeEvent = (envelope: EventEnvelope): Buffer => {
  const { version, bytes } = encodeData(envelope.context, 'events', envelope.type, envelope.data);
  return encodeRecord(eventEnvelope, 'EventEnvelope', { ...envelope, schemaVersion: version, data: bytes });
};

export const decodeEvent = (buffer: Buffer): EventEnvelope => {
  const raw = decodeRecord<EventEnvelope<Buffer>>(eventEnvelope, buffer);
  return { ...raw, data: decodeData(raw.context, 'events', raw.type, raw.schemaVersion, raw.data) };
};

export const encodeCommand = (envelope: CommandEnvelope): Buffer => {
  const { version, bytes } = encodeData(envelope.context, 'commands', envelope.type, envelope.data);
  return encodeRecord(commandEnvelope, 'CommandEnvelope', { ...envelope, schemaVersion: version, data: bytes });
};

export const decodeCommand = (buffer: Buffer): CommandEnvelope => {
  const raw = decodeRecord<CommandEnvelope<Buffer>>(commandEnvelope, buffer);
  return { ...raw, data: decodeData(raw.context, 'commands', raw.type, raw.schemaVersion, raw.data) };
};

export const encodeCommandResult = (result: CommandResult): Buffer => encodeRecord(commandResult, 'CommandResult', result);

export const decodeCommandResult = (buffer: Buffer): CommandResult => decodeRecord<CommandResult>(commandResult, buffer);

/**
 * The leading fields of a command envelope (commandId, type, schemaVersion, context), read
 * without touching the rest, so a door can answer a command of a type it does not know
 * without decoding its data. Null when they cannot be read.
 */
export const peekCommandEnvelope = (buffer: Buffer): { commandId: string; type: string; context: string } | null => {
  if (buffer.length < 2 || buffer[0] !== FORMAT_V1) return null;
  const cursor = new AvroCursor(buffer, 1);
  try {
    const commandId = cursor.string();
    const type = cursor.string();
    cursor.int();
    return { commandId, type, context: cursor.string() };
  } catch {
    return null;
  }
};
