/**
 * Orchestration benchmark (seed 000, issue 13 point 12), one JSON object per line on stdout, also
 * appended to bench/results/orchestration.jsonl: BENCH_ORCHESTRATION_WORKFLOWS workflows of the
 * ten-step diamond template (orchestration-template.ts) running at once, the reference agent
 * answering each dispatch at once —
 *  1. step transitions/s (each step's dispatch and completion: 20 a workflow), from the first
 *     StartWorkflow sent to the last WorkflowCompleted on the events topic, beside this project's
 *     event store appending the same events in process, first, on the same database (target ≥ 50 %);
 *  2. dispatch latency of the dependent steps: the last dependency's completion → the step's
 *     StepDispatched received from the events topic (target p99 ≤ 100 ms).
 * See bench/README.md ("Orchestration").
 */
import { deleteRunRedisKeys, deleteRunTopics } from './ads-cleanup';
import { dropRunSchemas } from './ads-apps';
import { testPool, uniqueSuffix } from '@campaign/testing';
import { dispatchSamples, part } from './orchestration-latency';
import { type ReferenceRun, runReference } from './orchestration-reference';
import { type SystemRun, type SystemSettings, runSystem } from './orchestration-system';
import { STEP_KEYS, TRANSITIONS_PER_WORKFLOW } from './orchestration-template';
import { resultsLog } from './results';
import { summarize } from './stats';

const int = (name: string, fallback: number, min = 0): number => {
  const raw = process.env[name];
  const value = raw === undefined || raw === '' ? fallback : Number(raw);
  if (!Number.isInteger(value) || value < min) throw new Error(`${name} must be a whole number ≥ ${min}, not '${raw}'`);
  return value;
};

const WORKFLOWS = int('BENCH_ORCHESTRATION_WORKFLOWS', 1_000, 1);
const SETTINGS: SystemSettings = {
  workflows: WORKFLOWS,
  /**
   * Every StartWorkflow is decided on its orchestrator's stream, which holds a WorkflowBound per
   * unfinished workflow: 1,000 starts on one orchestrator load ever longer streams one after the
   * other, and the door's partition batch outlasts the Kafka session (bench/README.md). Ten share them.
   */
  orchestrators: int('BENCH_ORCHESTRATION_ORCHESTRATORS', 10, 1),
  /** One campaign per workflow by default (a campaign may run any number of workflows). */
  campaigns: int('BENCH_ORCHESTRATION_CAMPAIGNS', WORKFLOWS, 1),
  agentDelayMs: int('BENCH_ORCHESTRATION_AGENT_DELAY_MS', 0),
  timeoutMs: int('BENCH_ORCHESTRATION_TIMEOUT_MS', 600_000, 1_000),
  stallMs: int('BENCH_ORCHESTRATION_STALL_MS', 60_000, 1_000),
};

const emit = resultsLog('orchestration');
const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;

/** The settings every line repeats, so each line reads on its own. */
const SETTINGS_LINE = { workflows: SETTINGS.workflows, steps: STEP_KEYS.length, template: 'a→(b,c)→d→(e,f)→g→(h,i)→j' };

/** The reference's line; returns its transitions/s. */
const emitReference = (reference: ReferenceRun): number => {
  const rate = (n: number) => n / reference.seconds;
  emit({
    bench: 'orchestration-reference',
    impl: 'PostgresEventStore.append in process: the same events, one append per decision, every workflow at once',
    ...SETTINGS_LINE,
    appends: reference.appends,
    events: reference.events,
    transitions: reference.transitions,
    seconds: round(reference.seconds, 3),
    appends_per_second: Math.round(rate(reference.appends)),
    events_per_second: Math.round(rate(reference.events)),
    transitions_per_second: Math.round(rate(reference.transitions)),
  });
  return rate(reference.transitions);
};

const emitThroughput = (run: SystemRun, referenceRate: number): void => {
  const { watch } = run;
  const seconds = (run.finishedAt - run.startedAt) / 1000;
  const transitions = watch.dispatched.size + watch.completed.size;
  emit({
    bench: 'orchestration-throughput',
    impl: 'campaign-command (Kafka door, decide, append, relay) + reference-agent, as processes',
    ...SETTINGS_LINE,
    orchestrators: SETTINGS.orchestrators,
    campaigns: SETTINGS.campaigns,
    agent_delay_ms: SETTINGS.agentDelayMs,
    transitions,
    expected_transitions: SETTINGS.workflows * TRANSITIONS_PER_WORKFLOW,
    seconds: round(seconds, 3),
    transitions_per_second: Math.round(transitions / seconds),
    workflows_per_second: round(SETTINGS.workflows / seconds),
    all_started_seconds: round((run.lastStartAcceptedAt - run.startedAt) / 1000, 3),
    setup_seconds: round(run.setupSeconds, 3),
    duplicate_events: watch.duplicates,
    other_events: Object.fromEntries(watch.unexpected),
  });
  emit({ bench: 'orchestration-throughput-ratio', system_vs_event_store: round(transitions / seconds / referenceRate), target: '>= 0.5' });
};

const emitLatencies = (run: SystemRun): void => {
  const samples = dispatchSamples(run.watch, run.watch.workflowsCompleted.keys());
  emit({
    bench: 'orchestration-dispatch-latency',
    path: "last dependency's StepCompleted (envelope occurredAt: the agent's CompleteStep issuedAt) → the step's StepDispatched received from the events topic",
    ...SETTINGS_LINE,
    ...summarize(samples.fromCompletion),
    missing: samples.missing,
    // Where the time goes: the Kafka records' timestamps (each producer's clock) and the append's
    // transaction start (PostgreSQL's), all on the same machine.
    complete_step_sent_to_produced: part(samples.reportProduced),
    complete_step_produced_to_dispatch_produced: part(samples.commandSide),
    complete_step_produced_to_appended: part(samples.toAppend),
    appended_to_dispatch_produced: part(samples.relay),
    dispatch_produced_to_received: part(samples.delivery),
    from_complete_step_issued: part(samples.fromReport),
    target_p99_ms: 100,
  });
  emit({
    bench: 'orchestration-agent-turnaround',
    path: "a step's StepDispatched received by the bench → the reference agent's CompleteStep issued (AGENT_DELAY_MS included)",
    ...SETTINGS_LINE,
    agent_delay_ms: SETTINGS.agentDelayMs,
    ...summarize(samples.agentTurnaround),
  });
  emit({ bench: 'memory', rss_mb: run.rssMb });
};

const main = async () => {
  const suffix = uniqueSuffix();
  const pg = testPool(24);
  try {
    // The reference runs first, before the apps start: it shares the machine with nothing of the run.
    const referenceRate = emitReference(await runReference(pg, `bench_orr_${suffix}`, SETTINGS.workflows));
    const run = await runSystem(pg, suffix, SETTINGS).catch((error: Error) => {
      // The failed run is a result too (how far it got); the reference above stays on record beside it.
      emit({ bench: 'orchestration-throughput-error', ...SETTINGS_LINE, orchestrators: SETTINGS.orchestrators, error: error.message.slice(0, 2_000) });
      throw error;
    });
    emitThroughput(run, referenceRate);
    emitLatencies(run);
  } finally {
    await dropRunSchemas(pg, suffix);
    await pg.end();
    await deleteRunTopics(`bench-${suffix}.`);
    await deleteRunRedisKeys(`bench-${suffix}:`);
  }
};

main().catch((error: Error) => {
  process.stderr.write(`bench failed: ${error.stack}\n`);
  process.exit(1);
});
