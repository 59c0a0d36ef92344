export * from './campaign';
export * from './campaign.decide';
export * from './errors';
