export * from './campaign';
export * from './campaign.decide';
export * from './errors';
export * from './timers';
export * from './timers.policy';
