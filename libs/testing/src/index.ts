export * from './app-process';
export * from './helpers';
export * from './infrastructure';
export * from './auth';
export * from './random';
export * from './tcp-gate';

// --- each context's stand-ins ---------------------------------------------------------------

export * from './ads';
