/**
 * The shapes every bounded context shares. Commands and events are `{ type, data, metadata }`
 * discriminated unions; a decider turns (command, state) into events or a typed rejection and
 * folds events back into state. Nothing here knows about I/O: time and ids arrive on the command.
 */

/** Who issued a command and when; set by the adapter that received it. */
export interface CommandMetadata {
  /** Unique per command; a repeated id is answered with the first result and writes nothing. */
  readonly commandId: string;
  /** The instant the decision is taken at (ISO-8601); `decide` never reads a clock. */
  readonly now: string;
  /** The user or service acting, e.g. `user:42` or `service:timer-scheduler`. */
  readonly actor: string;
  readonly correlationId?: string;
  readonly causationId?: string;
  /** The organisation the actor belongs to, where the context is multi-tenant. */
  readonly tenant?: string;
  /** The actor's role where the door verified one (a JWT's `role`); absent for internal services. */
  readonly role?: string;
}

export interface Command<Type extends string = string, Data = unknown> {
  readonly type: Type;
  readonly data: Data;
  readonly metadata: CommandMetadata;
}

export interface Event<Type extends string = string, Data = unknown> {
  readonly type: Type;
  readonly data: Data;
}

/** A rejection: a stable code for machines, a sentence for people, details for both. */
export class DomainError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly details: Readonly<Record<string, string | number | boolean | null>> = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

/** What a rejection says besides its code and message (field names, limits, the values refused). */
export type ErrorDetails = Record<string, string | number | boolean | null>;

/** A context's rejection builder, typed to its own codes. */
export const rejectionsOf =
  <C extends string>() =>
  (code: C, message: string, details: ErrorDetails = {}): DomainError =>
    new DomainError(code, message, details);

export type Decision<E> = readonly E[] | DomainError;

export const isRejection = <E>(decision: Decision<E>): decision is DomainError => decision instanceof DomainError;

/**
 * A value held across streams, checked in the transaction that appends the event (ARCHITECTURE.md,
 * "Uniqueness across streams" and "Cross-aggregate rules"). The holder is the stream the event
 * is appended to; keys are scoped by context and tenant.
 * - `claim`: the stream takes `key` (an email, a name, a period); if another stream holds it,
 *   nothing is written and the command is rejected with `code`.
 * - `release`: the stream lets go of `key` (nothing happens if it does not hold it).
 * - `count`: adds `delta` to a counter that never goes below zero (stock on hand); a decision
 *   that would take it below zero writes nothing and is rejected with `code`.
 */
export type Guard =
  | { readonly kind: 'claim'; readonly key: string; readonly code: string; readonly message: string }
  | { readonly kind: 'release'; readonly key: string }
  | { readonly kind: 'count'; readonly key: string; readonly delta: number; readonly code: string; readonly message: string };

export interface Decider<C extends Command, E extends Event, S> {
  readonly initialState: () => S;
  readonly decide: (command: C, state: S) => Decision<E>;
  readonly evolve: (state: S, event: E) => S;
  /** The event-store stream a command addresses. */
  readonly streamIdOf: (command: C) => string;
  /**
   * Other streams whose events the decision needs (read, folded before the command's own
   * stream, never appended to): e.g. the organization's directory for a campaign command.
   */
  readonly alsoReads?: (command: C) => readonly string[];
  /**
   * Where an event goes when it opens a stream of its own (e.g. each ContactAdded of a bulk
   * AddContacts); null for the command's stream. Opened streams must be new.
   */
  readonly streamOfNew?: (event: E, command: C) => string | null;
  /**
   * What an event holds or lets go of across streams (see Guard). A function of the event
   * alone, so that the guards can be rebuilt from the log.
   */
  readonly guardsOf?: (event: E) => readonly Guard[];
}

/**
 * One decider of a context with several aggregates, and the command types it takes (each type
 * in exactly one): the command side runs the one whose list names the command.
 */
export interface DeciderEntry {
  readonly name: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly decider: Decider<any, Event, any>;
  readonly commandTypes: readonly string[];
}

/** A decider as the executor holds it: it is only ever handed its own commands and its streams' events. */
export const deciderEntry = <C extends Command, E extends Event, S>(
  name: string,
  decider: Decider<C, E, S>,
  commandTypes: readonly C['type'][],
): DeciderEntry => ({
  name,
  decider: decider as unknown as DeciderEntry['decider'],
  commandTypes,
});

/** Folds a stream's events into the state `decide` needs. */
export const fold = <E extends Event, S>(decider: Pick<Decider<Command, E, S>, 'initialState' | 'evolve'>, events: Iterable<E>): S => {
  let state = decider.initialState();
  for (const event of events) state = decider.evolve(state, event);
  return state;
};

export const assertNever = (value: never): never => {
  throw new Error(`Unhandled case: ${JSON.stringify(value)}`);
};
