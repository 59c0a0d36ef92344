export * from './batch-consumer';
export * from './envelope';
export * from './health';
export * from './kafka';
export * from './outbox-relay';
export * from './topics';
export * from './wakeup';
export * from './command-client';
