import { type AvroSchema, avro, parseSchema } from './avro';
import { assertWellFormed } from './bounded-decode';
import { decodeCommand, decodeEvent, envelopeSchemas, FORMAT_V1 } from './envelope';
import { ContractError } from './errors';
import { CONTRACTS, type MessageKind } from './registry';

/**
 * Every message schema of the contracts, walked with values avsc wrote (all must pass) and with
 * random damage to them (each must either pass or be refused with a ContractError, and what
 * passes must decode to no more items than the message has bytes).
 */
interface Subject {
  readonly name: string;
  readonly schema: AvroSchema;
  /** Where the schema is a message's data: what its envelope says. */
  readonly message?: { context: string; kind: MessageKind; type: string };
}

const SUBJECTS: Subject[] = [
  ...Object.entries(envelopeSchemas).map(([name, schema]) => ({ name, schema })),
  ...Object.values(CONTRACTS).flatMap(({ context, ...kinds }) =>
    (['commands', 'events'] as const).flatMap((kind) =>
      Object.entries(kinds[kind]).map(([type, entry]) => ({ name: `${context}/${kind}/${type}`, schema: entry.schema, message: { context, kind, type } })),
    ),
  ),
];

/** Parsed without the logical types: the same bytes, but `random()` yields wire values (a random string is no JSON). */
const wireType = (schema: AvroSchema): avro.Type => avro.Type.forSchema(schema as avro.Schema, { wrapUnions: false });

/** mulberry32: the damage is reproducible from the seed in a failure's report. */
const prng = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

const HOSTILE_NUMBERS = [2 ** 31 - 1, -(2 ** 31), 2 ** 52, -1, 1_000_000].map((n) => avro.Type.forSchema('long').toBuffer(n));

const damage = (valid: Buffer, random: () => number): Buffer => {
  const at = Math.floor(random() * valid.length);
  const roll = random();
  if (roll < 0.4) {
    const copy = Buffer.from(valid);
    copy[at] = Math.floor(random() * 256);
    return copy;
  }
  if (roll < 0.8) {
    const number = HOSTILE_NUMBERS[Math.floor(random() * HOSTILE_NUMBERS.length)];
    return Buffer.concat([valid.subarray(0, at), number, valid.subarray(at + (roll < 0.6 ? 1 : 0))]);
  }
  return valid.subarray(0, at);
};

/** Array items anywhere in a decoded value: what a declared count makes avsc build. */
const itemsIn = (value: unknown): number => {
  if (Array.isArray(value)) return value.length + value.reduce((sum: number, item) => sum + itemsIn(item), 0);
  if (value === null || typeof value !== 'object' || Buffer.isBuffer(value)) return 0;
  return Object.values(value).reduce((sum: number, item) => sum + itemsIn(item), 0);
};

const SAMPLES = 10;
const DAMAGES = 30;

const seedOf = (name: string): number => Array.from(name).reduce((hash, char) => (Math.imul(hash, 31) + char.charCodeAt(0)) | 0, 7);

/** Damages every sample DAMAGES times; `judge` names what is wrong with one outcome, or null. */
const damageAll = (name: string, samples: Buffer[], judge: (damaged: Buffer) => string | null) => {
  const seed = seedOf(name);
  const random = prng(seed);
  const problems = samples.flatMap((sample) => Array.from({ length: DAMAGES }, () => damage(sample, random)).map(judge)).filter(Boolean);
  return { seed, problems };
};

const rawEnvelopes = { commands: wireType(envelopeSchemas.CommandEnvelope), events: wireType(envelopeSchemas.EventEnvelope) };

/** A whole message around `data`, written with the raw envelope (its timestamps are plain longs). */
const messageAround = ({ context, kind, type }: NonNullable<Subject['message']>, data: Buffer): Buffer => {
  const envelope = { ...(rawEnvelopes[kind].random() as object), context, type, schemaVersion: 1, data };
  return Buffer.concat([Buffer.of(FORMAT_V1), rawEnvelopes[kind].toBuffer(envelope)]);
};

describe.each(SUBJECTS)('the bounded walk over $name', ({ name, schema, message }) => {
  const checked = parseSchema(schema);
  const wire = wireType(schema);
  const samples = Array.from({ length: SAMPLES }, () => wire.toBuffer(wire.random()));

  it('accepts every value avsc encodes', () => {
    const refused = samples.map((sample) => {
      try {
        assertWellFormed(checked, sample, name);
        return null;
      } catch (error) {
        return `${sample.toString('hex')}: ${(error as Error).message}`;
      }
    });
    expect(refused.filter(Boolean)).toEqual([]);
  });

  it('refuses damaged values with MALFORMED_MESSAGE only, and what it lets through is no bigger than the message', () => {
    let refusals = 0;
    const outcome = damageAll(name, samples, (damaged) => {
      try {
        assertWellFormed(checked, damaged, name);
      } catch (error) {
        refusals++;
        return error instanceof ContractError && error.code === 'MALFORMED_MESSAGE' ? null : `${damaged.toString('hex')} threw ${String(error)}`;
      }
      const items = itemsIn(wire.fromBuffer(damaged));
      return items > damaged.length ? `${damaged.toString('hex')} decodes to ${items} items` : null;
    });
    expect(outcome).toEqual({ seed: outcome.seed, problems: [] });
    expect(refusals).toBeGreaterThan(0);
  });

  if (message) {
    it('decoding a damaged message throws nothing but ContractError', () => {
      const decode = message.kind === 'commands' ? decodeCommand : decodeEvent;
      const messages = samples.map((sample) => messageAround(message, sample));
      const outcome = damageAll(name, messages, (damaged) => {
        try {
          decode(damaged);
          return null;
        } catch (error) {
          return error instanceof ContractError ? null : `${damaged.toString('hex')} threw ${String(error)}`;
        }
      });
      expect(outcome).toEqual({ seed: outcome.seed, problems: [] });
    });
  }
});
