import type { ContextContract, PersonalFieldsSpec } from './context-contract';
import * as lifecycle from './lifecycle';
import * as outreach from './outreach';
import * as ads from './ads';
import * as orchestration from './orchestration';
import * as commerce from './commerce';

/** The one list of the platform's bounded contexts on the wire. A new context adds one line. */
export const CONTEXT_CONTRACTS: readonly ContextContract[] = [lifecycle.contract, outreach.contract, ads.contract, orchestration.contract, commerce.contract];

/** The personal fields of a context's event type, if it has any (what the event store seals). */
export const personalFieldsOf = (context: string, eventType: string): PersonalFieldsSpec | undefined =>
  CONTEXT_CONTRACTS.find((contract) => contract.context === context)?.personalFields?.[eventType];
