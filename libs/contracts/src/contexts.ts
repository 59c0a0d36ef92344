import type { ContextContract } from './context-contract';
import * as lifecycle from './lifecycle';
import * as outreach from './outreach';

/** The one list of the platform's bounded contexts on the wire. A new context adds one line. */
export const CONTEXT_CONTRACTS: readonly ContextContract[] = [lifecycle.contract, outreach.contract];
