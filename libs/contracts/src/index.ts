export * from './avro';
export * from './compatibility';
export * from './context-contract';
export * from './contexts';
export * from './envelope';
export * from './errors';
export * from './registry';
export * from './text';
export * from './timer-events';
export * from './topics';
export * from './name-uuid';
// Each context's wire format under its name, as in @campaign/domain: contracts.outreach.DispatchRequest.
export * as lifecycle from './lifecycle';
export * as outreach from './outreach';
export * as ads from './ads';
export * as orchestration from './orchestration';
export * as commerce from './commerce';
