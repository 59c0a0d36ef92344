export * from './shared/decider';
export * from './shared/validation';
export * from './shared/text';
export * as lifecycle from './lifecycle';
export * as outreach from './outreach';
export * as ads from './ads';
export * as orchestration from './orchestration';
export * as commerce from './commerce';
