/**
 * Test builders for deciders: given events, when a command, then events or a rejection.
 * Exported as `@campaign/domain/testing`; production code never imports it.
 */
import { type Command, type Decider, type Decision, type DomainError, type Event, fold, isRejection } from './shared/decider';

// --- any decider ---------------------------------------------------------------------------

/**
 * What a decider did with one command, and the assertions a decider test ends in:
 * `given(decider, events).when(command).then(events)`, `.thenRejects(code)` or `.thenNothing()`.
 * Its `then` makes it look like a promise: never `await` it.
 */
export interface Outcome<E extends Event> {
  readonly decision: Decision<E>;
  /** The command was accepted and recorded exactly these events. */
  readonly then: (expected: readonly E[]) => void;
  /** The command was rejected with this code (and, where given, this message and these details). */
  readonly thenRejects: (code: string, also?: { readonly message?: unknown; readonly details?: unknown }) => void;
  /** The command was accepted and recorded nothing (e.g. a repeat of a fact already recorded). */
  readonly thenNothing: () => void;
}

const decisionOf = <E extends Event>(decided: Decision<E> | Outcome<E>): Decision<E> => ('decision' in decided ? decided.decision : decided);

/**
 * `given(decider, events).when(command)` is what `decide` made of the command on the folded
 * events; `accepted` and `rejected` read its decision where a test needs more than `then…`.
 */
export const given = <C extends Command, E extends Event, S>(decider: Decider<C, E, S>, events: readonly E[] = []) => ({
  state: (): S => fold(decider, events),
  when: (command: C): Outcome<E> => {
    const decision = decider.decide(command, fold(decider, events));
    return {
      decision,
      then: (expected) => expect(accepted(decision)).toEqual(expected),
      thenRejects: (code, also = {}) => expect(rejected(decision)).toMatchObject({ code, ...also }),
      thenNothing: () => expect(accepted(decision)).toEqual([]),
    };
  },
});

/** The events of an accepted decision; throws, naming the rejection, when there are none. */
export const accepted = <E extends Event>(decided: Decision<E> | Outcome<E>): readonly E[] => {
  const decision = decisionOf(decided);
  if (isRejection(decision)) throw new Error(`expected events, got ${decision.code}: ${decision.message}`);
  return decision;
};

/** The rejection of a decision; throws, naming the events, when the command was accepted. */
export const rejected = <E extends Event>(decided: Decision<E> | Outcome<E>): DomainError => {
  const decision = decisionOf(decided);
  if (!isRejection(decision)) throw new Error(`expected a rejection, got [${decision.map((e) => e.type).join(', ')}]`);
  return decision;
};

/** The events recorded by deciding `commands` one after the other; each must be accepted. */
export const history = <C extends Command, E extends Event, S>(decider: Decider<C, E, S>, commands: readonly C[]): E[] =>
  commands.reduce<E[]>((events, command) => [...events, ...accepted(given(decider, events).when(command))], []);

/** A value the types forbid but the wire can carry, to test how `decide` rejects it. */
export const unchecked = <T>(value: unknown): T => value as T;

// --- each context's builders ---------------------------------------------------------------

export * as lifecycleTesting from './lifecycle/testing';
export * as outreachTesting from './outreach/testing';
export * as adsTesting from './ads/testing';
export * as orchestrationTesting from './orchestration/testing';
export * as commerceTesting from './commerce/testing';
