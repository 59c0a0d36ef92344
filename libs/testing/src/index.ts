export * from './app-process';
export * from './helpers';
export * from './infrastructure';
export * from './auth';
export * from './random';
export * from './tcp-gate';
export * from './played-command-side';

// --- each context's stand-ins ---------------------------------------------------------------

export * from './ads';
