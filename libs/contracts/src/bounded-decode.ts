import { avro } from './avro';
import { AvroCursor, Malformed } from './avro-cursor';
import { ContractError } from './errors';

/**
 * avsc trusts the counts and lengths a message declares: five bytes saying "2^31−1 array items"
 * make `fromBuffer` loop two billion times, building items from bytes that are not there, until
 * Node runs out of heap. Everything read off the wire is therefore first walked here, against
 * the schema it was written with, in one pass that allocates nothing per item: every declared
 * count and length must fit in the bytes that remain, so what avsc then builds is bounded by the
 * size of the message.
 */

/** Records, arrays and maps inside one another; the contracts use 3, only a hostile recursion needs more. */
export const MAX_NESTING_DEPTH = 32;

/**
 * Items of one array that encode to no bytes at all (nulls, empty records) cannot be measured
 * against the message, so their total is capped; no contract has such an array.
 */
export const MAX_EMPTY_ITEMS = 1024;

type Walker = (cursor: AvroCursor, depth: number) => void;

const walkers = new WeakMap<avro.Type, Walker>();
const minimumSizes = new WeakMap<avro.Type, number>();

/** The fewest bytes any value of `type` encodes to; a lower bound is enough to refuse counts. */
const minimumSize = (type: avro.Type): number => {
  const known = minimumSizes.get(type);
  if (known !== undefined) return known;
  minimumSizes.set(type, 0); // a record that contains itself without a union cannot be encoded at all
  let size = 1;
  if (type instanceof avro.types.NullType) size = 0;
  else if (type instanceof avro.types.FloatType) size = 4;
  else if (type instanceof avro.types.DoubleType) size = 8;
  else if (type instanceof avro.types.FixedType) size = type.size;
  else if (type instanceof avro.types.LogicalType) size = minimumSize(type.underlyingType);
  else if (type instanceof avro.types.RecordType) size = type.fields.reduce((sum, field) => sum + minimumSize(field.type), 0);
  minimumSizes.set(type, size);
  return size;
};

const enter = (depth: number): number => {
  if (depth >= MAX_NESTING_DEPTH) throw new Malformed(`nesting deeper than ${MAX_NESTING_DEPTH}`);
  return depth + 1;
};

const indexIn = (cursor: AvroCursor, count: number, what: string): number => {
  const index = cursor.long();
  if (index < 0 || index >= count) throw new Malformed(`${what} index ${index} is not in 0..${count - 1}`);
  return index;
};

/**
 * Arrays and maps come in blocks: a count, then that many items, until a zero count. A negative
 * count is followed by the block's size in bytes (Avro spec, "Complex Types"), checked here.
 */
const blocksOf =
  (what: string, itemSize: number, walkItem: Walker): Walker =>
  (cursor, depth) => {
    const inner = enter(depth);
    let emptyItems = 0;
    for (let count = cursor.long(); count !== 0; count = cursor.long()) {
      const blockSize = count < 0 ? cursor.length(`${what} block`) : -1;
      const start = cursor.offset;
      count = Math.abs(count);
      if (itemSize === 0 && (emptyItems += count) > MAX_EMPTY_ITEMS) throw new Malformed(`${what} declares more than ${MAX_EMPTY_ITEMS} empty items`);
      if (count * itemSize > cursor.remaining) throw new Malformed(`${what} block declares ${count} items but only ${cursor.remaining} bytes remain`);
      for (let item = 0; item < count; item++) walkItem(cursor, inner);
      if (blockSize >= 0 && cursor.offset - start !== blockSize)
        throw new Malformed(`${what} block declares ${blockSize} bytes but holds ${cursor.offset - start}`);
    }
  };

const recordWalker = (type: avro.types.RecordType): Walker => {
  const fieldWalkers: Walker[] = [];
  const walk: Walker = (cursor, depth) => {
    const inner = enter(depth);
    let index = 0;
    try {
      for (; index < fieldWalkers.length; index++) fieldWalkers[index](cursor, inner);
    } catch (error) {
      if (error instanceof Malformed) error.path.unshift(type.fields[index].name);
      throw error;
    }
  };
  // Registered before its fields are compiled, so a record that refers to itself finds it.
  walkers.set(type, walk);
  for (const field of type.fields) fieldWalkers.push(walkerFor(field.type));
  return walk;
};

const unionWalker = (type: avro.types.UnwrappedUnionType | avro.types.WrappedUnionType): Walker => {
  const branches = type.types.map(walkerFor);
  return (cursor, depth) => branches[indexIn(cursor, branches.length, 'union branch')](cursor, depth);
};

const arrayWalker = (type: avro.types.ArrayType): Walker => {
  const walkItem = walkerFor(type.itemsType);
  return blocksOf('array', minimumSize(type.itemsType), walkItem);
};

/**
 * A map decodes into a plain object, where avsc assigns each key: `obj['__proto__'] = value`
 * sets the prototype (or nothing) instead of an entry, so the entry would vanish without a word —
 * a budget split `{"__proto__": "1.00"}` arrived as `{}` and was accepted. Refused here instead.
 */
const LOST_KEY = Buffer.from('__proto__');

const mapWalker = (type: avro.types.MapType): Walker => {
  const walkValue = walkerFor(type.valuesType as avro.Type);
  const walkEntry: Walker = (cursor, depth) => {
    const length = cursor.length('map key');
    if (length === LOST_KEY.length && cursor.startsWith(LOST_KEY)) throw new Malformed('map key "__proto__" cannot be held: a decoded object would drop it');
    cursor.skip(length, 'map key');
    walkValue(cursor, depth);
  };
  return blocksOf('map', 1 + minimumSize(type.valuesType as avro.Type), walkEntry);
};

const skipping =
  (bytes: number, what: string): Walker =>
  (cursor) =>
    cursor.skip(bytes, what);
const lengthPrefixed =
  (what: string): Walker =>
  (cursor) =>
    cursor.skipLengthPrefixed(what);
const nothing: Walker = () => undefined;

const walkerFor = (type: avro.Type): Walker => walkers.get(type) ?? compile(type);

const compile = (type: avro.Type): Walker => {
  if (type instanceof avro.types.RecordType) return recordWalker(type);
  const walk = primitiveWalker(type) ?? complexWalker(type);
  walkers.set(type, walk);
  return walk;
};

const primitiveWalker = (type: avro.Type): Walker | undefined => {
  switch (type.typeName) {
    case 'null':
      return nothing;
    case 'boolean':
      return (cursor) => cursor.boolean();
    case 'int':
      return (cursor) => cursor.int();
    case 'long':
    case 'abstract:long':
      return (cursor) => cursor.long();
    case 'float':
      return skipping(4, 'float');
    case 'double':
      return skipping(8, 'double');
    case 'string':
      return lengthPrefixed('string');
    case 'bytes':
      return lengthPrefixed('bytes');
    default:
      return undefined;
  }
};

const complexWalker = (type: avro.Type): Walker => {
  if (type instanceof avro.types.LogicalType) return walkerFor(type.underlyingType);
  if (type instanceof avro.types.UnwrappedUnionType || type instanceof avro.types.WrappedUnionType) return unionWalker(type);
  if (type instanceof avro.types.ArrayType) return arrayWalker(type);
  if (type instanceof avro.types.MapType) return mapWalker(type);
  if (type instanceof avro.types.FixedType) return skipping(type.size, 'fixed');
  if (type instanceof avro.types.EnumType) {
    const symbols = type.symbols.length;
    return (cursor) => void indexIn(cursor, symbols, 'enum symbol');
  }
  throw new Error(`bounded decoding does not know the Avro type ${type.typeName}`);
};

/**
 * Refuses `buffer` unless it is exactly one value of `type` whose every declared count and
 * length fits in the buffer; `what` names the message in the MALFORMED_MESSAGE error.
 */
export const assertWellFormed = (type: avro.Type, buffer: Buffer, what: string): void => {
  const cursor = new AvroCursor(buffer);
  try {
    walkerFor(type)(cursor, 0);
    if (cursor.remaining > 0) throw new Malformed(`${cursor.remaining} trailing bytes`);
  } catch (error) {
    if (!(error instanceof Malformed)) throw error;
    const where = error.path.length > 0 ? ` at ${error.path.join('.')}` : '';
    throw new ContractError('MALFORMED_MESSAGE', `${what} is malformed${where}: ${error.message}`);
  }
};

/**
 * Decodes untrusted bytes: the bounded walk first (against the writer's type when a resolver
 * reads old data), then avsc, any failure of either a MALFORMED_MESSAGE.
 */
export const decodeUntrusted = <T>(type: avro.Type, buffer: Buffer, what: string, writer?: { type: avro.Type; resolver: avro.Resolver }): T => {
  assertWellFormed(writer?.type ?? type, buffer, what);
  try {
    return type.fromBuffer(buffer, writer?.resolver) as T;
  } catch (error) {
    throw new ContractError('MALFORMED_MESSAGE', `cannot read ${what}: ${(error as Error).message}`);
  }
};
