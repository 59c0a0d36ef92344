import type { EventEnvelope } from '@campaign/contracts';
import type { orchestration } from '@campaign/domain';

type OrchestrationEvent = orchestration.OrchestrationEvent;
type OrchestrationEventType = orchestration.OrchestrationEventType;

/** An orchestration event as it arrives from `<prefix>orchestration.events`: the domain event in its envelope. */
export type OrchestrationEnvelope = {
  [T in OrchestrationEventType]: EventEnvelope<Extract<OrchestrationEvent, { type: T }>['data']> & { type: T };
}[OrchestrationEventType];

export type EnvelopeOf<T extends OrchestrationEventType> = Extract<OrchestrationEnvelope, { type: T }>;

/**
 * The row with the patch and then `stamp` (its updated_at) applied, or the same row object when
 * the patch changes nothing: a redelivered fact writes nothing, and the writer tells a no-op
 * from a change by identity.
 */
/** The fields an update carries: absent or null keeps the value (the domain's convention for changes). */
export const given = <R extends object>(patch: Partial<R>): Partial<R> =>
  Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined && value !== null)) as Partial<R>;

export const patched = <R extends object>(row: R, patch: Partial<R>, stamp: Partial<R> = {}): R =>
  (Object.keys(patch) as (keyof R)[]).some((key) => !same(patch[key], row[key])) ? { ...row, ...patch, ...stamp } : row;

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

/** Equal values; instants compared as instants (a row read back prints `+00:00` where the event says `Z`). */
const same = (a: unknown, b: unknown): boolean =>
  typeof a === 'string' && typeof b === 'string' && INSTANT.test(a) && INSTANT.test(b)
    ? Date.parse(a) === Date.parse(b)
    : JSON.stringify(a) === JSON.stringify(b);

/** Instants compared as instants: rows read back print them with an offset, events in UTC. */
export const millis = (instant: string | null): number => (instant === null ? Number.NEGATIVE_INFINITY : Date.parse(instant));
