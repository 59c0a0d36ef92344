export * from './commands';
export * from './dispatch-request';
export * from './events';
