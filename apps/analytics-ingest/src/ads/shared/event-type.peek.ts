/** The wire format byte of the project's messages (libs/contracts/src/format.ts). */
const FORMAT_V1 = 0x01;

/** An Avro long (zig-zag varint) at `at`: its value and where the next field starts; null past the end. */
const readLong = (buffer: Buffer, at: number): { value: number; next: number } | null => {
  let result = 0;
  let shift = 0;
  for (let i = at; i < buffer.length && shift <= 49; i++) {
    const byte = buffer[i];
    result += (byte & 0x7f) * 2 ** shift;
    if ((byte & 0x80) === 0) return { value: result % 2 === 0 ? result / 2 : -(result + 1) / 2, next: i + 1 };
    shift += 7;
  }
  return null;
};

/**
 * The type of an event envelope (its second field, after eventId), read without decoding its
 * data: the directory decodes only the few event types it keeps, so an event type this build
 * does not know yet (a newer contract) passes by instead of failing the batch. Null when the
 * bytes are not an event envelope's beginning.
 */
export const peekEventType = (buffer: Buffer | null): string | null => {
  if (!buffer || buffer.length < 3 || buffer[0] !== FORMAT_V1) return null;
  const idLength = readLong(buffer, 1);
  if (!idLength || idLength.value < 0) return null;
  const typeLength = readLong(buffer, idLength.next + idLength.value);
  if (!typeLength || typeLength.value < 0 || typeLength.next + typeLength.value > buffer.length) return null;
  return buffer.toString('utf8', typeLength.next, typeLength.next + typeLength.value);
};
