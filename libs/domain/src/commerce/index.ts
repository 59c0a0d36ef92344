/**
 * The commerce context (seed 001): the agent-run shop — agents and goals, catalog and stock,
 * customers and orders, money and attribution, budgets, configuration. Pure: no I/O, no clock.
 * Values unique across streams (an email, a SKU, a budget's period) and stock that must never go
 * below zero are guards the event store checks in the append's transaction (Decider.guardsOf).
 */
export * from './errors';
export * from './access';
export * from './values';
export * from './agents';
export * from './agents.decide';
export * from './goals';
export * from './goals.decide';
export * from './catalog';
export * from './catalog.decide';
export * from './inventory';
export * from './customer';
export * from './customer.decide';
export * from './configuration';
export * from './order';
export * from './order.attribution';
export * from './order.state';
export * from './order.decide';
export * from './budget';
export * from './expense';
export * from './segment-rules';
export * from './segment';
export * from './campaign';
export * from './content';
export * from './email-list';
export * from './work.errors';
export * from './workflow';
export * from './workflow.decide';
export * from './kpi';
export * from './report';
export * from './system-event';
export * from './work.deciders';
export * from './deciders';
