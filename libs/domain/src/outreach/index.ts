export * from './campaign';
export * from './commands';
export * from './contact';
export * from './directory';
export * from './errors';
export * from './values';
export * from './dispatch';
