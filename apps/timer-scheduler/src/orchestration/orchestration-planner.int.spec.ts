import { randomUUID } from 'node:crypto';
import { orchestration as orchestrationWire } from '@campaign/contracts';
import type { orchestration } from '@campaign/domain';
import { testPool, uniqueSuffix } from '@campaign/testing';
import { type DueTimer, TimerPlanner, TimerStore } from '@campaign/timers';
import type { Pool } from 'pg';
import { orchestrationCommandOf } from './orchestration-command';
import { orchestrationPolicy } from './orchestration-timers.policy';
import { ORCHESTRATION_SUBJECT_TABLES, orchestrationTimersDdl } from './orchestration.schema';
import { contentGraphOf, type Recorded, recordOf, workflowOf } from './testing';

const MINUTE = 60_000;

interface Row {
  id: string;
  timer_type: string;
  status: string;
  due_at: Date;
  payload: Record<string, unknown>;
}

/** The orchestration timer policy (docs/orchestration.md "Timers"), planned by TimerPlanner on PostgreSQL. */
describe('the orchestration timer policy, planned on PostgreSQL', () => {
  const schema = `otimers_${uniqueSuffix()}`;
  let pool: Pool;
  let store: TimerStore<orchestration.OrchestrationTimerType>;
  let planner: TimerPlanner<ReturnType<typeof recordOf>, unknown>;

  beforeAll(async () => {
    pool = testPool(4);
    store = new TimerStore(pool, { schema, ddl: orchestrationTimersDdl });
    await store.migrate();
    planner = new TimerPlanner(store, orchestrationPolicy, 2_000);
  });
  afterAll(async () => {
    await pool.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await pool.end();
  });

  const plan = (...recorded: Recorded[]) => planner.apply(recorded.map(recordOf));
  /** Every timer of the subjects whose name holds `id` (a workflow's steps, a workflow, a content), active or finished. */
  const timersOf = async (id: string): Promise<Row[]> => {
    const subjects = Object.values(ORCHESTRATION_SUBJECT_TABLES)
      .map((table) => `SELECT subject_id FROM ${schema}.${table} WHERE view->>'subject' LIKE $1`)
      .join(' UNION ALL ');
    const columns = 'id, timer_type, status, due_at, payload';
    const { rows } = await pool.query<Row>(
      `SELECT ${columns} FROM ${schema}.timers WHERE campaign_id IN (${subjects})
       UNION ALL SELECT ${columns} FROM ${schema}.timer_history WHERE campaign_id IN (${subjects})`,
      [`%${id}%`],
    );
    return rows;
  };
  const due = (row: Row): DueTimer<orchestration.OrchestrationTimerType> => ({
    id: row.id,
    campaignId: randomUUID(),
    timerType: row.timer_type as orchestration.OrchestrationTimerType,
    dueAt: row.due_at,
    attemptAt: row.due_at,
    attempt: 1,
    payload: row.payload,
  });

  it('STEP_TIMEOUT: a dispatch sets the attempt’s timeout, fired as TimeOutStep in the org; its completion cancels it', async () => {
    const w = workflowOf();
    const timeoutAt = Date.now() + 10 * MINUTE;
    await plan(w.dispatched('research', 1, timeoutAt));
    const [timer] = await timersOf(w.workflowId);
    expect(timer).toMatchObject({ timer_type: 'STEP_TIMEOUT', status: 'PENDING', due_at: new Date(timeoutAt) });
    expect(orchestrationCommandOf(due(timer), new Date().toISOString())).toMatchObject({
      key: w.streamId,
      envelope: {
        type: 'TimeOutStep',
        tenant: w.orgId,
        context: 'orchestration',
        commandId: `timer-${timer.id}`,
        data: { workflowId: w.workflowId, stepKey: 'research', attempt: 1 },
      },
    });
    await plan(w.completed('research', 1));
    expect(await timersOf(w.workflowId)).toEqual([expect.objectContaining({ timer_type: 'STEP_TIMEOUT', status: 'CANCELLED' })]);
  });

  // seed 002: one active timer per subject and type — a step's timers are its attempt's.
  it('one active timer per subject and type: attempt 2’s timeout is set while attempt 1’s is still firing', async () => {
    const w = workflowOf();
    await plan(w.dispatched('research', 1, Date.now() + MINUTE));
    const [first] = await timersOf(w.workflowId);
    await pool.query(`UPDATE ${schema}.timers SET status = 'RUNNING', lease_owner = 'test', lease_until = now() + interval '1 minute' WHERE id = $1`, [
      first.id,
    ]);
    await plan(w.failed('research', 1, Date.now(), true), w.dispatched('research', 2, Date.now() + 2 * MINUTE));
    const timers = await timersOf(w.workflowId);
    expect(timers.map((t) => [t.timer_type, t.status, (t.payload?.command as { data: { attempt: number } } | undefined)?.data.attempt ?? null]).sort()).toEqual(
      [
        ['STEP_RETRY', 'PENDING', 1],
        ['STEP_TIMEOUT', 'PENDING', 2],
        ['STEP_TIMEOUT', 'RUNNING', 1],
      ],
    );
    const refused = await pool.query(`SELECT 1 FROM ${schema}.dead_letters WHERE reason LIKE '%already%'`);
    expect(refused.rows).toEqual([]);
  });

  it('STEP_RETRY: a retryable failure sets the retry at retryDueAt (RetryStep); a failure for good sets none and cancels the timeout', async () => {
    const w = workflowOf();
    const retryDueAt = Date.now() + 5 * MINUTE;
    await plan(w.dispatched('draft', 1, Date.now() + 10 * MINUTE), w.failed('draft', 1, retryDueAt));
    const timers = await timersOf(w.workflowId);
    expect(timers.map((t) => [t.timer_type, t.status]).sort()).toEqual([
      ['STEP_RETRY', 'PENDING'],
      ['STEP_TIMEOUT', 'CANCELLED'],
    ]);
    const retry = timers.find((t) => t.timer_type === 'STEP_RETRY') as Row;
    expect(retry.due_at).toEqual(new Date(retryDueAt));
    expect(orchestrationCommandOf(due(retry), new Date().toISOString())?.envelope).toMatchObject({ type: 'RetryStep', data: { stepKey: 'draft', attempt: 1 } });
    const forGood = workflowOf();
    await plan(forGood.dispatched('draft', 1, Date.now() + MINUTE), forGood.failed('draft', 1, null));
    expect((await timersOf(forGood.workflowId)).map((t) => t.status)).toEqual(['CANCELLED']);
  });

  it('STEP_CONTENT: a completion whose output has content creates it at once, named after the step, its parent the derivedFromStep’s', async () => {
    const w = workflowOf();
    const content = { title: 'Launch post', contentType: 'blog_post', platform: 'website', contentMarkdown: '# Hi', derivedFromStep: 'research' };
    await plan(w.dispatched('draft', 1, Date.now() + MINUTE), w.completed('draft', 1, { content }));
    const timer = (await timersOf(w.workflowId)).find((t) => t.timer_type === 'STEP_CONTENT') as Row;
    expect(orchestrationCommandOf(due(timer), new Date().toISOString())).toMatchObject({
      key: `orchestration-content-${w.orgId}-${w.campaignId}`,
      envelope: {
        type: 'CreateContent',
        tenant: w.orgId,
        data: {
          campaignId: w.campaignId,
          contentId: orchestrationWire.stepContentId(w.workflowId, 'draft'),
          parentContentId: orchestrationWire.stepContentId(w.workflowId, 'research'),
          workflowId: w.workflowId,
          stepKey: 'draft',
          title: 'Launch post',
          contentMarkdown: '# Hi',
        },
      },
    });
    const plain = workflowOf();
    await plan(plain.dispatched('draft', 1, Date.now() + MINUTE), plain.completed('draft', 1, { text: 'no content here' }));
    expect((await timersOf(plain.workflowId)).map((t) => t.timer_type)).toEqual(['STEP_TIMEOUT']);
  });

  it('WORKFLOW_RELEASE: a finished workflow is released from its orchestrator at once (ReleaseWorkflow)', async () => {
    const w = workflowOf();
    await plan(w.workflowCompleted());
    const [timer] = await timersOf(w.workflowId);
    expect(timer).toMatchObject({ timer_type: 'WORKFLOW_RELEASE', status: 'PENDING' });
    expect(orchestrationCommandOf(due(timer), new Date().toISOString())).toMatchObject({
      key: `orchestration-orchestrator-${w.orgId}-${w.orchestratorId}`,
      envelope: { type: 'ReleaseWorkflow', data: { orchestratorId: w.orchestratorId, workflowId: w.workflowId } },
    });
  });

  it('CONTENT_PUBLISH: set by a scheduled creation, moved by a new schedule, cancelled by deletion; a redelivery adds nothing', async () => {
    const c = contentGraphOf();
    const contentId = randomUUID();
    const created = c.created(contentId, Date.now() + 60 * MINUTE);
    const later = Date.now() + 90 * MINUTE;
    await plan(created, c.scheduled(contentId, later));
    await plan(created);
    const active = (await timersOf(contentId)).filter((t) => t.status === 'PENDING');
    expect(active).toEqual([expect.objectContaining({ timer_type: 'CONTENT_PUBLISH', due_at: new Date(later) })]);
    expect(orchestrationCommandOf(due(active[0]), new Date().toISOString())?.envelope).toMatchObject({
      type: 'PublishContent',
      data: { campaignId: c.campaignId, contentId },
    });
    await plan(c.deleted(contentId));
    expect((await timersOf(contentId)).map((t) => t.status).sort()).toEqual(['CANCELLED', 'CANCELLED']);
  });

  it('a timer whose payload names no org or command fails with a reason instead of sending anything', () => {
    const row: Row = { id: randomUUID(), timer_type: 'STEP_TIMEOUT', status: 'PENDING', due_at: new Date(), payload: { orgId: randomUUID() } };
    expect(orchestrationCommandOf(due(row), new Date().toISOString())).toBeNull();
  });
});
