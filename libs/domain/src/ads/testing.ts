/**
 * Test builders of the ads context (seed 003), exported by `@campaign/domain/testing` as
 * `adsTesting`: `core` for accounts, campaigns and budgets, `insight` for alerts,
 * recommendations and automation. Two sets, each with its own ids and clock.
 */
export * as core from './core.testing';
export * as insight from './insight.testing';
