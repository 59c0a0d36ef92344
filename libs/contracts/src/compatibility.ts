import { type AvroSchema, parseSchema } from './avro';
import { envelopeSchemas } from './envelope';
import { CONTRACTS, RELEASED_SCHEMAS, schemaKey } from './registry';

/**
 * Schema evolution rules: every schema must stay FULL-compatible with its released version —
 * new readers read old data (backward) and old readers read new data (forward) — so producers
 * and consumers can upgrade in any order. Breaking changes need a new type or version.
 */
export const checkCompatibility = (previous: AvroSchema, current: AvroSchema): string[] => {
  const before = parseSchema(previous);
  const after = parseSchema(current);
  const problems: string[] = [];
  try {
    after.createResolver(before);
  } catch (error) {
    problems.push(`backward: the new schema cannot read data written with the released one (${(error as Error).message})`);
  }
  try {
    before.createResolver(after);
  } catch (error) {
    problems.push(`forward: the released schema cannot read data written with the new one (${(error as Error).message})`);
  }
  return problems;
};

/** Every current schema by its key, the content of a release snapshot. */
export const snapshotSchemas = (): Record<string, AvroSchema> => {
  const snapshot: Record<string, AvroSchema> = {};
  for (const [name, schema] of Object.entries(envelopeSchemas)) snapshot[schemaKey('wire', 'envelope', name, 1)] = schema;
  for (const contract of Object.values(CONTRACTS)) {
    // Records sent outside any envelope are held to the same rules: a sender adapter reads them.
    Object.assign(snapshot, contract.records);
    for (const kind of ['events', 'commands'] as const) {
      for (const [type, entry] of Object.entries(contract[kind])) {
        snapshot[schemaKey(contract.context, kind, type, entry.version)] = entry.schema;
      }
    }
  }
  return snapshot;
};

/** Problems between the current schemas and the release snapshot; empty when compatible. */
export const compareWithRelease = (released: Readonly<Record<string, AvroSchema>> = RELEASED_SCHEMAS): string[] => {
  const problems: string[] = [];
  const current = snapshotSchemas();
  for (const [key, schema] of Object.entries(current)) {
    const [context, kind, type, version] = key.split('/');
    const previousKey = Number(version) > 1 ? schemaKey(context, kind as 'events', type, Number(version) - 1) : key;
    const previous = released[key] ?? released[previousKey];
    if (!previous) problems.push(`${key}: not in the release snapshot (run the release script when it ships)`);
    else problems.push(...checkCompatibility(previous, schema).map((problem) => `${key}: ${problem}`));
  }
  for (const key of Object.keys(released)) {
    const [context, kind, type] = key.split('/');
    if (!Object.keys(current).some((k) => k.startsWith(`${context}/${kind}/${type}/`))) problems.push(`${key}: a released schema was removed`);
  }
  return problems;
};
