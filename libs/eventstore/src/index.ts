export * from './command-executor';
export * from './event-store';
export * from './event-writing';
export * from './idempotency';
export * from './schema';
export * from './sql';
export * from './types';
export { Batcher } from './batcher';
export { type AppendRequestWithoutOutcome, insertEvents, type Queryable } from './batched-io';
