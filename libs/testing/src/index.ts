export * from './app-process';
export * from './helpers';
export * from './infrastructure';
export * from './auth';
export * from './random';
export * from './tcp-gate';
export * from './anthropic-standin';
export * from './ads-platforms';
