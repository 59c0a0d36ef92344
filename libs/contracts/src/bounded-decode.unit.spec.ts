import { avro, parseSchema } from './avro';
import { assertWellFormed, MAX_EMPTY_ITEMS, MAX_NESTING_DEPTH } from './bounded-decode';
import { decodeCommand, decodeEvent, envelopeSchemas, FORMAT_V1, peekCommandEnvelope } from './envelope';
import { ContractError } from './errors';
import { CONTRACTS } from './registry';

/** Avro's zig-zag varint of `n`, as avsc writes longs, counts and lengths. */
const long = (n: number): Buffer => avro.Type.forSchema('long').toBuffer(n);
const text = (value: string): Buffer => avro.Type.forSchema('string').toBuffer(value);
const bytes = (...parts: (Buffer | number[])[]): Buffer => Buffer.concat(parts.map((part) => Buffer.from(part)));

/** 2^31−1 items in five bytes: avsc 5.7.9 loops that often and dies of "heap out of memory". */
const HUGE = 2 ** 31 - 1;
const HUGE_COUNT = long(HUGE);

const refusal = (type: avro.Type, buffer: Buffer): unknown => {
  try {
    assertWellFormed(type, buffer, 'Sample');
    return undefined;
  } catch (error) {
    return error;
  }
};

const expectRefused = (type: avro.Type, buffer: Buffer, reason: RegExp): void => {
  const error = refusal(type, buffer);
  expect(error).toBeInstanceOf(ContractError);
  expect(error).toMatchObject({ code: 'MALFORMED_MESSAGE', message: expect.stringMatching(reason) });
};

const expectAccepted = (type: avro.Type, buffer: Buffer): void => expect(refusal(type, buffer)).toBeUndefined();

const record = (fields: object[]) => parseSchema({ type: 'record', name: 'Sample', fields });
const withItems = record([{ name: 'items', type: { type: 'array', items: { type: 'record', name: 'Item', fields: [{ name: 'id', type: 'string' }] } } }]);
const withMap = record([{ name: 'counts', type: { type: 'map', values: 'int' } }]);
const withText = record([
  { name: 'note', type: 'string' },
  { name: 'blob', type: 'bytes' },
]);
const everyKind = record([
  { name: 'flag', type: 'boolean' },
  { name: 'count', type: 'int' },
  { name: 'total', type: 'long' },
  { name: 'ratio', type: 'float' },
  { name: 'rate', type: 'double' },
  { name: 'hash', type: { type: 'fixed', name: 'Hash', size: 4 } },
  { name: 'color', type: { type: 'enum', name: 'Color', symbols: ['RED', 'GREEN'] } },
  { name: 'maybe', type: ['null', 'string'], default: null },
  { name: 'at', type: { type: 'long', logicalType: 'timestamp-millis' } },
  { name: 'meta', type: { type: 'string', logicalType: 'json' } },
  { name: 'tags', type: { type: 'map', values: { type: 'array', items: 'string' } } },
]);
const sample = {
  flag: true,
  count: -7,
  total: 2 ** 40,
  ratio: 0.5,
  rate: 0.25,
  hash: Buffer.from('abcd'),
  color: 'GREEN',
  maybe: 'yes',
  at: '2026-05-01T12:00:00.000Z',
  meta: { a: [1, 2] },
  tags: { x: ['p', 'q'], y: [] },
};

describe('the bounded walk over untrusted Avro bytes', () => {
  it('accepts what avsc wrote, for every kind of type the contracts use', () => {
    expectAccepted(everyKind, everyKind.toBuffer(sample));
    expectAccepted(withItems, withItems.toBuffer({ items: [{ id: 'a' }, { id: 'b' }] }));
  });

  it('refuses five bytes declaring 2^31−1 array items, naming the field', () => {
    expect(HUGE_COUNT).toHaveLength(5);
    expectRefused(withItems, HUGE_COUNT, /at items: array block declares 2147483647 items but only 0 bytes remain/);
  });

  it('refuses array counts hidden in a negative block, and a block size that is not what it holds', () => {
    expectRefused(withItems, bytes(long(-HUGE), long(0)), /declares 2147483647 items/);
    const twoItems = bytes(long(-2), long(4), text('a'), text('b'), [0]);
    expectAccepted(withItems, twoItems);
    expect(withItems.fromBuffer(twoItems)).toEqual({ items: [{ id: 'a' }, { id: 'b' }] });
    expectRefused(withItems, bytes(long(-2), long(3), text('a'), text('b'), [0]), /block declares 3 bytes but holds 4/);
  });

  it('refuses huge map counts', () => {
    expectRefused(withMap, HUGE_COUNT, /at counts: map block declares 2147483647 items/);
    expectRefused(withMap, bytes(long(1000), text('k'), [2], [0]), /map block declares 1000 items but only 4 bytes remain/);
    expectAccepted(withMap, withMap.toBuffer({ counts: { a: 1, b: 2 } }));
  });

  it('refuses a map key "__proto__", which a decoded object would drop without a word; other keys stay', () => {
    // avsc assigns `obj[key] = value`: for "__proto__" that sets the prototype, the entry is gone.
    expect(avro.Type.forSchema({ type: 'map', values: 'int' }).fromBuffer(bytes(long(1), text('__proto__'), [2], [0]))).toEqual({});
    expectRefused(withMap, bytes(long(1), text('__proto__'), [2], [0]), /at counts: map key "__proto__" cannot be held/);
    expectRefused(withMap, bytes(long(2), text('a'), [2], text('__proto__'), [4], [0]), /map key "__proto__"/);
    expectAccepted(withMap, bytes(long(3), text('constructor'), [2], text('__proto_'), [2], text('prototype'), [4], [0]));
  });

  it('refuses string and bytes lengths larger than what remains, or negative', () => {
    expectRefused(withText, bytes(long(HUGE), Buffer.from('abc')), /at note: string declares 2147483647 bytes but only 3 remain/);
    expectRefused(withText, bytes(text('ok'), long(10), [1, 2]), /at blob: bytes declares 10 bytes/);
    expectRefused(withText, bytes(long(-1)), /at note: string declares a negative length -1/);
    expectRefused(withText, bytes(text('ok'), long(-5)), /at blob: bytes declares a negative length/);
    expectRefused(withItems, bytes(long(-1), long(-3), text('a'), [0]), /array block declares a negative length/);
  });

  it('refuses every truncation of a valid value', () => {
    const whole = everyKind.toBuffer(sample);
    for (let length = 0; length < whole.length; length++) {
      expectRefused(everyKind, whole.subarray(0, length), /truncated|needs|declares|remain/);
    }
  });

  it('refuses trailing bytes after the value', () => {
    expectRefused(everyKind, bytes(everyKind.toBuffer(sample), [0]), /1 trailing bytes/);
  });

  it('refuses numbers longer than Avro allows', () => {
    expectRefused(record([{ name: 'n', type: 'long' }]), Buffer.alloc(11, 0x80), /number longer than 10 bytes/);
    expectRefused(record([{ name: 'n', type: 'int' }]), bytes([0x80, 0x80, 0x80, 0x80, 0x80, 0x01]), /number longer than 5 bytes/);
    expectRefused(record([{ name: 'n', type: 'int' }]), long(2 ** 31), /int 2147483648 is out of range/);
    expectRefused(record([{ name: 'n', type: 'long' }]), bytes([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f]), /beyond ±2\^53/);
  });

  it('refuses union branches, enum symbols and booleans out of range', () => {
    const maybe = record([{ name: 'maybe', type: ['null', 'string'] }]);
    expectRefused(maybe, long(2), /at maybe: union branch index 2 is not in 0..1/);
    expectRefused(maybe, long(-1), /union branch index -1/);
    const color = record([{ name: 'color', type: { type: 'enum', name: 'Color', symbols: ['RED', 'GREEN'] } }]);
    expectRefused(color, long(2), /at color: enum symbol index 2 is not in 0..1/);
    expectRefused(record([{ name: 'flag', type: 'boolean' }]), bytes([7]), /boolean byte 7/);
  });

  describe('nesting', () => {
    const node = record([{ name: 'next', type: ['null', 'Sample'], default: null }]);
    const chain = (depth: number): unknown => (depth === 1 ? { next: null } : { next: chain(depth - 1) });

    it(`accepts ${MAX_NESTING_DEPTH} nested records and refuses one more`, () => {
      expectAccepted(node, node.toBuffer(chain(MAX_NESTING_DEPTH)));
      expectRefused(node, node.toBuffer(chain(MAX_NESTING_DEPTH + 1)), new RegExp(`nesting deeper than ${MAX_NESTING_DEPTH}`));
    });

    it('refuses a hostile recursion long before the stack runs out', () => {
      expectRefused(node, bytes(Buffer.alloc(100_000, 0x02), [0]), /nesting deeper/);
    });
  });

  it(`caps arrays of items that take no bytes at ${MAX_EMPTY_ITEMS}`, () => {
    const nulls = record([{ name: 'nothing', type: { type: 'array', items: 'null' } }]);
    expectAccepted(nulls, bytes(long(MAX_EMPTY_ITEMS), [0]));
    expectRefused(nulls, bytes(long(MAX_EMPTY_ITEMS), long(1), [0]), /more than 1024 empty items/);
    expectRefused(nulls, bytes(HUGE_COUNT, [0]), /empty items/);
  });
});

describe('decoding hostile messages', () => {
  const commandEnvelope = parseSchema(envelopeSchemas.CommandEnvelope);
  const eventEnvelope = parseSchema(envelopeSchemas.EventEnvelope);
  const frame = (body: Buffer) => bytes([FORMAT_V1], body);
  const command = (type: string, data: Buffer): Buffer =>
    frame(
      commandEnvelope.toBuffer({
        commandId: 'c-1',
        type,
        schemaVersion: 1,
        context: 'outreach',
        issuedAt: '2026-05-01T12:00:00.000Z',
        actor: 'svc',
        correlationId: null,
        causationId: null,
        tenant: 'org-1',
        data,
      }),
    );
  const event = (context: string, type: string, data: Buffer): Buffer =>
    frame(
      eventEnvelope.toBuffer({
        eventId: 'e-1',
        type,
        schemaVersion: 1,
        context,
        streamId: 's',
        streamVersion: 1,
        globalPosition: '1',
        occurredAt: '2026-05-01T12:00:00.000Z',
        correlationId: 'c',
        causationId: null,
        actor: 'svc',
        tenant: null,
        data,
      }),
    );

  /** AddContacts whose contacts array declares 2^31−1 items: a crash loop on the command door before. */
  const hostileAddContacts = command('AddContacts', bytes(text('campaign-1'), HUGE_COUNT));

  it('refuses a command whose data declares 2^31−1 items with MALFORMED_MESSAGE', () => {
    expect(() => decodeCommand(hostileAddContacts)).toThrow(ContractError);
    expect(() => decodeCommand(hostileAddContacts)).toThrow(
      expect.objectContaining({ code: 'MALFORMED_MESSAGE', message: expect.stringContaining('at contacts') }),
    );
  });

  it('refuses an event whose nested list declares 2^31−1 items with MALFORMED_MESSAGE', () => {
    // Parsed without the logical types: the same bytes, but random() then yields wire values.
    const raw = avro.Type.forSchema(CONTRACTS.outreach.events.CampaignCreated.schema as avro.Schema, { wrapUnions: false });
    const value = raw.random() as unknown as { settings: { targetLocations: string[] | null } };
    value.settings.targetLocations = ['#MARK#'];
    const data = raw.toBuffer(value);
    const marker = data.indexOf('#MARK#');
    // [count 1][length 6]#MARK#[0]: the count goes, 2^31−1 comes in its place
    const hostile = bytes(data.subarray(0, marker - 2), HUGE_COUNT, data.subarray(marker - 1));
    expect(() => decodeEvent(event('outreach', 'CampaignCreated', hostile))).toThrow(
      expect.objectContaining({ code: 'MALFORMED_MESSAGE', message: expect.stringContaining('at settings.targetLocations') }),
    );
  });

  it('refuses envelopes that declare more than they hold', () => {
    for (const hostile of [
      frame(bytes(long(HUGE), Buffer.from('abc'))),
      frame(bytes(text('e-1'), long(-4))),
      event('lifecycle', 'ParticipantJoined', bytes(long(HUGE))),
    ]) {
      expect(() => decodeEvent(hostile)).toThrow(expect.objectContaining({ code: 'MALFORMED_MESSAGE' }));
      expect(() => decodeCommand(hostile)).toThrow(ContractError);
    }
  });

  describe('peekCommandEnvelope', () => {
    it('reads the id, type and context of a command of a type nobody knows, without its data', () => {
      const unknown = command('LaunchRocket', Buffer.from('whatever'));
      expect(() => decodeCommand(unknown)).toThrow(expect.objectContaining({ code: 'UNKNOWN_COMMAND_TYPE' }));
      expect(peekCommandEnvelope(unknown)).toEqual({ commandId: 'c-1', type: 'LaunchRocket', context: 'outreach' });
      expect(peekCommandEnvelope(hostileAddContacts)).toEqual({ commandId: 'c-1', type: 'AddContacts', context: 'outreach' });
    });

    it('answers null when the leading fields cannot be read', () => {
      const whole = command('StartCampaign', Buffer.alloc(0));
      for (const unreadable of [
        Buffer.alloc(0),
        bytes([0x02], whole.subarray(1)),
        whole.subarray(0, 6),
        frame(bytes(long(HUGE), Buffer.from('c-1'))),
        frame(bytes(long(-2))),
      ]) {
        expect(peekCommandEnvelope(unreadable)).toBeNull();
      }
    });
  });
});
