/**
 * The commerce bench's system in process: the commerce deciders (COMMERCE_DECIDERS), one
 * CommandExecutor each chosen by command type — as campaign-command's DeciderSetExecutor does —
 * over a PostgresEventStore that seals personal data as the app's does, on a schema of its own.
 * Each PlaceOrder loads its streams (agents, configuration, customer, products), decides, and
 * appends with the stock counters' deltas as guards in the append's own statement (group
 * commit); an order that would take a counter below zero is refused INSUFFICIENT_STOCK.
 * Set-up (agent, catalog, stock, customers) goes through the same executors before the clock.
 */
import { randomUUID } from 'node:crypto';
import { CONTRACT_VERSIONS, personalFieldsOf, validateEventData } from '@campaign/contracts';
import { type Command, commerce, type Event } from '@campaign/domain';
import { CommandExecutor, type Executed, PersonalData, PersonalDataKeys, PostgresEventStore, storedGuardKey } from '@campaign/eventstore';
import type { Pool } from 'pg';
import { type BenchCommand, INSUFFICIENT_STOCK, LOCATION, placeOrder, setupPhases } from './commerce-commands';
import type { Demand } from './commerce-demand';
import { OUTCOME } from './commerce-check';
import type { SideRun } from './commerce-reference';
import { pool as inParallel } from './stats';

export interface SystemRun extends SideRun {
  readonly setupSeconds: number;
}

/** One executor per decider, by command type, with the contract's versions and checks (apps/campaign-command executor-options.ts). */
const commerceExecutor = (store: PostgresEventStore): ((command: Command) => Promise<Executed>) => {
  const options = {
    context: 'commerce',
    schemaVersionOf: (type: string) => CONTRACT_VERSIONS.commerce.events[type],
    validate: (event: { type: string; data: unknown }) => validateEventData('commerce', event.type, event.data),
  };
  const byType = new Map<string, CommandExecutor<Command, Event, unknown>>();
  for (const entry of commerce.COMMERCE_DECIDERS) {
    const executor = new CommandExecutor(store, entry.decider, options);
    for (const type of entry.commandTypes) byType.set(type, executor);
  }
  return (command) => {
    const executor = byType.get(command.type);
    if (!executor) throw new Error(`no commerce decider takes ${command.type}`);
    return executor.execute(command);
  };
};

const asCommand = (orgId: string, command: BenchCommand): Command => ({
  type: command.type,
  data: command.data,
  metadata: { commandId: randomUUID(), now: new Date().toISOString(), actor: 'service:bench', tenant: orgId },
});

/** Units per variant id from the events of one kind in the run's store: sold (OrderPlaced lines) or received. */
export const storedUnits = async (pg: Pool, schema: string, orgId: string): Promise<{ sold: Map<string, number>; received: Map<string, number> }> => {
  const query = async (sql: string) => {
    const { rows } = await pg.query<{ variant_id: string; units: string }>(sql, [orgId]);
    return new Map(rows.map((r) => [r.variant_id, Number(r.units)]));
  };
  const sold = await query(
    `SELECT l->>'variantId' AS variant_id, sum((l->>'quantity')::int) AS units
       FROM "${schema}".events e CROSS JOIN jsonb_array_elements(e.data->'lines') l
      WHERE e.context = 'commerce' AND e.tenant = $1 AND e.event_type = 'OrderPlaced' GROUP BY 1`,
  );
  const received = await query(
    `SELECT data->>'variantId' AS variant_id, sum((data->>'quantity')::int) AS units
       FROM "${schema}".events WHERE context = 'commerce' AND tenant = $1 AND event_type = 'StockReceived' GROUP BY 1`,
  );
  return { sold, received };
};

/** Variants whose stock counter (the guard the append checks) ≠ received − sold. */
export const counterMismatches = async (pg: Pool, schema: string, demand: Demand, units: Awaited<ReturnType<typeof storedUnits>>): Promise<number> => {
  const { rows } = await pg.query<{ key: string; value: string }>(
    `SELECT key, value FROM "${schema}".guard_counters WHERE context = 'commerce' AND tenant = $1`,
    [demand.shop.orgId],
  );
  const counters = new Map(rows.map((r) => [r.key, Number(r.value)]));
  return demand.shop.variants.filter((v) => {
    const expected = (units.received.get(v.variantId) ?? 0) - (units.sold.get(v.variantId) ?? 0);
    return counters.get(storedGuardKey(commerce.stockKey(v.variantId, LOCATION))) !== expected;
  }).length;
};

/** Where each outcome goes: accepted, refused for stock, or another code (counted apart; none expected). */
export const recordOutcome = (outcomes: Uint8Array, others: Record<string, number>, i: number, status: string, code?: string): void => {
  if (status === 'ACCEPTED') outcomes[i] = OUTCOME.accepted;
  else if (code === INSUFFICIENT_STOCK) outcomes[i] = OUTCOME.refused;
  else {
    outcomes[i] = OUTCOME.other;
    others[code ?? status] = (others[code ?? status] ?? 0) + 1;
  }
};

/**
 * Runs `work(i)` for the demand's orders in sequence, `concurrency` at a time, until all are
 * done or `budgetMs` has passed: then no new order starts (those in flight finish), so a slow
 * side is measured on a prefix of the same demand instead of running for an hour.
 */
export const ordersWithin = async (total: number, concurrency: number, budgetMs: number, work: (i: number) => Promise<void>): Promise<number> => {
  const start = performance.now();
  let next = 0;
  let failed = false;
  // After a failure no new order starts; those in flight finish before it is thrown (the run's
  // schemas are dropped next, which would deadlock with a statement still running).
  const worker = async () => {
    for (let i = next++; i < total && !failed && performance.now() - start < budgetMs; i = next++)
      await work(i).catch((error: unknown) => {
        failed = true;
        throw error;
      });
  };
  const settled = await Promise.allSettled(Array.from({ length: concurrency }, worker));
  const failure = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failure) throw failure.reason;
  return (performance.now() - start) / 1000;
};

export const runInProcess = async (pg: Pool, suffix: string, demand: Demand, stock: number, concurrency: number, budgetMs: number): Promise<SystemRun> => {
  const schema = `bench_ces_${suffix}`;
  const keys = new PersonalDataKeys(pg, `bench_cpd_${suffix}`);
  const store = new PostgresEventStore(pg, schema, new PersonalData(keys, personalFieldsOf));
  await store.migrate();
  await keys.migrate();
  const execute = commerceExecutor(store);
  const { orgId } = demand.shop;
  const setupStart = performance.now();
  for (const phase of setupPhases(demand.shop, stock)) {
    await inParallel(phase.length, concurrency, async (i) => {
      const { outcome } = await execute(asCommand(orgId, phase[i]));
      if (outcome.status !== 'ACCEPTED') throw new Error(`set-up ${phase[i].type} refused: ${outcome.code} ${outcome.message}`);
    });
  }
  const setupSeconds = (performance.now() - setupStart) / 1000;
  const outcomes = new Uint8Array(demand.orders.length);
  const otherRejections: Record<string, number> = {};
  const seconds = await ordersWithin(demand.orders.length, concurrency, budgetMs, async (i) => {
    const { outcome } = await execute(asCommand(orgId, placeOrder(demand, demand.orders[i])));
    recordOutcome(outcomes, otherRejections, i, outcome.status, outcome.status === 'REJECTED' ? outcome.code : undefined);
  });
  const units = await storedUnits(pg, schema, orgId);
  const ledgerMismatch = await counterMismatches(pg, schema, demand, units);
  return { seconds, setupSeconds, outcomes, ...units, ledgerMismatch, otherRejections };
};
