export * from './cleanup';
export * from './due-queue';
export * from './schema';
export * from './timer-engine';
export * from './timer-events';
export * from './timer-planner';
export * from './timer-store';
