import type { TimerStore } from '@campaign/timers';
import type { TimerContext } from './timer-context';

/** A registered context with its store, in the order contexts.ts lists them. */
export interface RegisteredContext {
  readonly context: TimerContext;
  readonly store: TimerStore<string>;
}

/** The registered contexts (RegisteredContext[]), for the controller and the module. */
export const REGISTERED_CONTEXTS = Symbol('REGISTERED_CONTEXTS');
