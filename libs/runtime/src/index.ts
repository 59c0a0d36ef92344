export * from './bootstrap';
export * from './config';
export * from './database';
export * from './health';
export * from './logger';
export * from './tokens';
export * from './rejection.filter';
export * from './jwt';
