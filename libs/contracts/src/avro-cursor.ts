/**
 * Reading Avro binary data without trusting it: every number has Avro's size limits and every
 * declared length must fit in the bytes that remain. Used by the bounded walk (bounded-decode.ts)
 * and by readers of a message's leading fields.
 */

/** Why the walk stopped; `path` is filled with field names as the error leaves each record. */
export class Malformed extends Error {
  readonly path: string[] = [];
}

/** A read position over Avro binary data that refuses to move past the end of its buffer. */
export class AvroCursor {
  constructor(
    private readonly buffer: Buffer,
    private position = 0,
  ) {}

  get offset(): number {
    return this.position;
  }

  get remaining(): number {
    return this.buffer.length - this.position;
  }

  /** A zig-zag varint of at most `maxBytes` bytes (5 for an int, 10 for a long). */
  long(maxBytes = 10): number {
    const first = this.buffer[this.position];
    // Most numbers on the wire (lengths, counts, union and enum indexes) fit in one byte.
    if (first < 0x80) {
      this.position++;
      return (first >> 1) ^ -(first & 1);
    }
    let value = 0;
    let scale = 1;
    for (let index = 0; index < maxBytes; index++) {
      if (this.position >= this.buffer.length) throw new Malformed('truncated number');
      const byte = this.buffer[this.position++];
      value += (byte & 0x7f) * scale;
      if (byte < 0x80) {
        const decoded = value % 2 === 1 ? -(value + 1) / 2 : value / 2;
        // avsc refuses longs it cannot hold exactly; so does the walk, with a clearer reason.
        if (index >= 7 && !Number.isSafeInteger(decoded)) throw new Malformed(`number ${decoded} is beyond ±2^53`);
        return decoded;
      }
      scale *= 128;
    }
    throw new Malformed(`number longer than ${maxBytes} bytes`);
  }

  int(): number {
    const value = this.long(5);
    if (value < -0x80000000 || value > 0x7fffffff) throw new Malformed(`int ${value} is out of range`);
    return value;
  }

  /** Avro writes a boolean as one byte, 0 or 1. */
  boolean(): void {
    if (this.remaining < 1) throw new Malformed('truncated boolean');
    const byte = this.buffer[this.position++];
    if (byte > 1) throw new Malformed(`boolean byte ${byte} is neither 0 nor 1`);
  }

  skip(bytes: number, what: string): void {
    if (bytes > this.remaining) throw new Malformed(`${what} needs ${bytes} bytes but only ${this.remaining} remain`);
    this.position += bytes;
  }

  /** The declared length of a string or bytes value, checked against what remains. */
  length(what: string): number {
    const length = this.long();
    if (length < 0) throw new Malformed(`${what} declares a negative length ${length}`);
    if (length > this.remaining) throw new Malformed(`${what} declares ${length} bytes but only ${this.remaining} remain`);
    return length;
  }

  /** Whether the bytes at the position are `bytes` (the position stays). */
  startsWith(bytes: Buffer): boolean {
    return bytes.length <= this.remaining && this.buffer.compare(bytes, 0, bytes.length, this.position, this.position + bytes.length) === 0;
  }

  /** Steps over a string or bytes value. */
  skipLengthPrefixed(what: string): void {
    const length = this.length(what); // read first: `position +=` would add to the position before the length
    this.position += length;
  }

  string(): string {
    const length = this.length('string');
    const start = this.position;
    this.position += length;
    return this.buffer.toString('utf8', start, this.position);
  }
}
