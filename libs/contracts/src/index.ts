export * from './avro';
export * from './compatibility';
export * from './envelope';
export * from './errors';
export * from './lifecycle';
export * from './outreach';
export * from './registry';
export * from './topics';
export * as outreachTracking from './outreach/tracking';
