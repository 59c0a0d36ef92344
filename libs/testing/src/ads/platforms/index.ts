export * from './dataset';
export * from './server';
