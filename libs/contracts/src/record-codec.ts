import { type AvroSchema, invalidPaths, parseSchema } from './avro';
import { decodeUntrusted } from './bounded-decode';
import { FORMAT_V1 } from './format';
import { ContractError } from './errors';

/**
 * A record sent outside any envelope (to systems outside the platform, e.g. sender adapters):
 * one marker byte (FORMAT_V1), then the Avro record. Encoding refuses a misfit naming its
 * fields; decoding refuses what is not such a message, within the bounded decoder's limits.
 */
export const recordCodec = <T>(name: string, schema: AvroSchema) => {
  const type = parseSchema(schema);
  return {
    encode: (value: T): Buffer => {
      const misfits = invalidPaths(type, value);
      if (misfits.length > 0) throw new ContractError('SCHEMA_MISMATCH', `${name} does not fit its schema at: ${misfits.join(', ')}`);
      return Buffer.concat([Buffer.of(FORMAT_V1), type.toBuffer(value)]);
    },
    decode: (buffer: Buffer): T => {
      if (buffer.length < 2 || buffer[0] !== FORMAT_V1) {
        throw new ContractError('MALFORMED_MESSAGE', `not a campaign-platform message (format byte ${buffer[0] ?? 'missing'})`);
      }
      return decodeUntrusted<T>(type, buffer.subarray(1), name);
    },
  };
};
