/**
 * The orchestration context (seed 000): the pure planning core of the workflow engine and the
 * seed's CHECK constraints as command-side validations. No I/O, no clock: every instant is
 * epoch milliseconds passed in by the caller. The deciders (one module per aggregate: strategy,
 * orchestrator, campaign, content, workflow; docs/orchestration.md) fold their streams' events
 * and answer commands; workflow.decide.ts maps the core's transitions to events.
 *
 * Design decisions
 * - Template (template.ts): a versioned list of steps with `dependsOn` keys forming a DAG.
 *   validateTemplate rejects, in this order: no steps, more than MAX_TEMPLATE_STEPS (200),
 *   per step a key outside STEP_KEY_PATTERN, bad name / agent type / dependsOn / input,
 *   timeout, attempts or back-off out of STEP_BOUNDS, a duplicate key; then self-dependency,
 *   unknown dependency, and a cycle of any length (details.cycle = `a → b → c → a`).
 *   stepOrders: step_order = 1 + the longest dependency chain before the step (chk_step_order).
 * - Execution (workflow-plan.ts, workflow-plan.steps.ts): step statuses pending → ready →
 *   dispatched → running (optional) → completed | retry_scheduled → dispatched … | failed;
 *   workflow statuses running → completed | failed. A step is ready when every dependency
 *   completed; the workflow completes when every step completed and fails when one step fails
 *   for good (non-retryable, or attempts exhausted). Its other steps keep their status.
 *   Each transition returns `applied` (new state + steps made ready), `unchanged`
 *   (`duplicate`: the exact fact was already applied — fingerprint of kind, instant and the
 *   report with sorted keys; `stale_attempt`: a report or timer about an attempt already given
 *   up) or a DomainError.
 * - Attempts: counted at dispatch; every report names its attempt. A timeout (at or after
 *   dispatchedAt + timeoutMs) is a retryable failure.
 * - Back-off (backoff.ts): the retry after failed attempt n is due at
 *   failedAt + min(maxDelayMs, round(initialDelayMs × multiplier^(n−1))); no jitter, so a
 *   replay schedules the same retries.
 * - Seed constraints: chk_step_order → stepOrders; chk_step_timing → a completion or failure
 *   strictly after the attempt started (so completed_at > started_at, the first dispatch);
 *   chk_workflow_timing → nothing before the workflow's start, outcomes strictly after it;
 *   chk_campaign_progress → progressPercentage (floor, 100 only when all completed) and
 *   progressError; the campaign and content CHECKs → rules.ts (timeline, priority with
 *   PRIORITY_RANK, no self parent, no derivation cycle, publish and schedule timing).
 * - Deciders (docs/orchestration.md, "Streams"): one per aggregate, every stream id carries the
 *   org (metadata.tenant). Updates carry only what changed (`changes`); in an update command a
 *   field absent or null keeps its value. StartWorkflow, on the orchestrator's stream, reads the
 *   campaign's and opens the workflow's stream (streamOfNew) with WorkflowStarted and the first
 *   StepDispatched events; a workflow stays bound (RESTRICT) until ReleaseWorkflow. The workflow
 *   decider maps the core: applied → events (a completion dispatches what it made ready, in the
 *   same decision), unchanged → no events, DomainError → rejection; a report already accepted
 *   (sent again under another command id) and a report about a step still out with an agent
 *   after the workflow finished are accepted and write nothing.
 * - Who may act (access.ts): people by role — viewer reads, editor writes campaigns, content,
 *   strategies, starts workflows and may report steps, admin also orchestrators; services (no
 *   role) may do everything a person may, and alone send the timers' and reactor's commands.
 * - Timers (timers.policy.ts): event → timers to set and cancel, each carrying its command.
 */
export * from './errors';
export * from './template';
export { retryDelayMs } from './backoff';
export * from './step-report';
export * from './workflow-plan';
export * from './workflow-plan.steps';
export * from './rules';
export * from './values';
export * from './access';
export * from './strategy';
export * from './strategy.decide';
export * from './orchestrator';
export * from './orchestrator.flow';
export * from './orchestrator.decide';
export * from './campaign';
export * from './campaign.flow';
export * from './campaign.status';
export * from './campaign.decide';
export * from './content';
export * from './content.actions';
export * from './content.decide';
export * from './workflow';
export * from './workflow.dispatch';
export * from './workflow.decide';
export * from './timers.policy';
export * from './timers.content';
export * from './types';
export * from './deciders';
