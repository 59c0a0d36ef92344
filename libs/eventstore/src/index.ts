export * from './command-executor';
export * from './event-store';
export * from './schema';
export * from './sql';
export * from './types';
