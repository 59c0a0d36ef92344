/**
 * One read-model table's projector: the event types it reads and what one event makes of the
 * table's current row (or nothing). Writers route each event by `canHandle`, so the list of
 * types is the one place that decides which events reach the projector.
 */
export interface Projector<E extends { readonly type: string }, Row, Result> {
  /** The table it writes, by the seed's name. */
  readonly table: string;
  readonly eventTypes: readonly E['type'][];
  readonly canHandle: (event: { readonly type: string }) => event is E;
  /** A method, so a list may hold projectors of narrower event types side by side. */
  project(row: Row, event: E): Result;
}

export const projector = <E extends { readonly type: string }, Row, Result>(
  definition: Omit<Projector<E, Row, Result>, 'canHandle'>,
): Projector<E, Row, Result> => {
  const types = new Set<string>(definition.eventTypes);
  return { ...definition, canHandle: (event): event is E => types.has(event.type) };
};

/** What the projector makes of the event, or `unhandled` when the event is not of its types. */
export const projectIf = <E extends { readonly type: string }, Row, Result>(
  target: Projector<E, Row, Result>,
  row: Row,
  event: { readonly type: string },
  unhandled: Result,
): Result => (target.canHandle(event) ? target.project(row, event) : unhandled);
