import type { NewEvent } from '../types';
import { isSealed, keyIdOf, open, seal } from './cipher';
import type { Identifier, KeyRequest, PersonalDataKeys } from './keys';

/** Which fields of an event type hold personal data, and what they say about the person. */
export interface PersonalFields {
  /** Top-level fields of the event's data whose values (strings) are personal; null stays null. */
  readonly fields: readonly string[];
  /** Fields whose value identifies the person, with its kind ('email', 'linkedin'): erasure finds the subject by them. */
  readonly identifiers?: Readonly<Record<string, string>>;
  /** The data field naming the subject's scope (its campaign): retention erases a whole scope. */
  readonly scope?: string;
}

/** A context's personal fields per event type (undefined: the type holds none). */
export type PersonalDataPolicy = (context: string, eventType: string) => PersonalFields | undefined;

export interface StreamEvents {
  readonly streamId: string;
  readonly events: readonly NewEvent[];
}

type Data = Record<string, unknown>;

const isRecord = (value: unknown): value is Data => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Seals personal values before events are written and opens them for readers holding the key
 * store. The subject of an event is its stream: one contact of one campaign, one lead. Readers
 * need no policy: a sealed value names its key. Once a subject's key is erased its values open
 * as null, in a command's fold, a projection, a rebuild alike.
 */
export class PersonalData {
  constructor(
    readonly keys: PersonalDataKeys,
    private readonly policy: PersonalDataPolicy,
  ) {}

  /** The streams' events with their personal values sealed; an erased subject's values are written as null. */
  async seal(context: string, tenant: string | null, streams: readonly StreamEvents[]): Promise<NewEvent[][]> {
    const requests: KeyRequest[] = [];
    for (const { streamId, events } of streams) {
      for (const event of events) {
        const fields = this.policy(context, event.type);
        if (!fields || !isRecord(event.data)) continue;
        requests.push({ tenant: tenant ?? '', subject: streamId, scope: scopeOf(event.data, fields), identifiers: identifiersOf(event.data, fields) });
      }
    }
    if (requests.length === 0) return streams.map((s) => [...s.events]);
    const keys = await this.keys.keysFor(requests);
    return streams.map(({ streamId, events }) =>
      events.map((event) => {
        const fields = this.policy(context, event.type);
        if (!fields || !isRecord(event.data)) return event;
        const key = keys.get(streamId) ?? null;
        const data: Data = { ...event.data };
        for (const field of fields.fields) {
          const value = data[field];
          if (typeof value !== 'string' || isSealed(value)) continue;
          data[field] = key === null ? null : seal(key.keyId, key.key, value);
        }
        return { ...event, data };
      }),
    );
  }

  /** True when the event still holds a personal value in clear (written before sealing; the legacy sealer rewrites it). */
  holdsClear(context: string, event: { readonly type: string; readonly data: unknown }): boolean {
    const fields = this.policy(context, event.type);
    if (!fields || !isRecord(event.data)) return false;
    const data = event.data;
    return fields.fields.some((field) => typeof data[field] === 'string' && !isSealed(data[field]));
  }

  /** The events with their sealed values opened (null where the key was erased); others unchanged. */
  async openAll<E extends { readonly data: unknown }>(events: readonly E[]): Promise<E[]> {
    const keyIds = new Set<string>();
    for (const event of events) for (const token of sealedValuesOf(event.data)) keyIds.add(keyIdOf(token) as string);
    if (keyIds.size === 0) return [...events];
    const keys = await this.keys.open([...keyIds]);
    return events.map((event) => {
      if (!isRecord(event.data) || sealedValuesOf(event.data).length === 0) return event;
      const data: Data = {};
      for (const [name, value] of Object.entries(event.data)) {
        const key = isSealed(value) ? keys.get(keyIdOf(value) as string) : undefined;
        data[name] = !isSealed(value) ? value : key ? open(value, key) : null;
      }
      return { ...event, data };
    });
  }
}

const sealedValuesOf = (data: unknown): string[] => (isRecord(data) ? Object.values(data).filter(isSealed) : []);

const scopeOf = (data: Data, fields: PersonalFields): string | null => {
  const value = fields.scope ? data[fields.scope] : null;
  return typeof value === 'string' ? value : null;
};

const identifiersOf = (data: Data, fields: PersonalFields): Identifier[] =>
  Object.entries(fields.identifiers ?? {}).flatMap(([field, kind]) => {
    const value = data[field];
    return typeof value === 'string' && value.trim() !== '' && !isSealed(value) ? [{ kind, value }] : [];
  });
