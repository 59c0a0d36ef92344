import { randomUUID } from 'node:crypto';
import { commerce } from '@campaign/domain';
import { dumpTables } from '@campaign/testing';
import type { Pool } from 'pg';
import type { MoreEvent } from './commerce-more.tables';
import { COMMERCE_TABLES } from './commerce.schema';
import { applyAsProjection, CommerceHistory, useCommerceSchemas } from './testing';

/** An event these tables read, in its stream (CommerceHistory's emit types the projection's older events only). */
const emit = <E extends MoreEvent>(h: CommerceHistory, streamId: string, type: E['type'], data: Omit<E['data'], 'orgId'>): void => {
  (h.emit as (stream: string, t: string, d: unknown) => CommerceHistory).call(h, streamId, type, { orgId: h.orgId, ...data });
};

/** One workflow's stream: the workflow, its executions and their tasks. */
class WorkflowHistory {
  readonly workflowId = randomUUID();
  constructor(
    private readonly h: CommerceHistory,
    ownerAgentId: string,
    goalId: string | null = null,
  ) {
    const fields = { name: 'Restock', description: null, goalId, ownerAgentId, definition: { steps: ['count', 'order'] } };
    this.emit<commerce.WorkflowDefined>('WorkflowDefined', { ...fields, status: 'active', definedAt: h.at() });
  }

  emit<E extends commerce.WorkflowEvent>(type: E['type'], data: Omit<E['data'], 'orgId' | 'workflowId'>): this {
    emit<commerce.WorkflowEvent>(this.h, commerce.workflowStreamId(this.h.orgId, this.workflowId), type, { workflowId: this.workflowId, ...data });
    return this;
  }

  start(): { executionId: string; startedAt: string } {
    const execution = { executionId: randomUUID(), startedAt: this.h.at() };
    this.emit<commerce.WorkflowExecutionStarted>('WorkflowExecutionStarted', execution);
    return execution;
  }

  task(execution: { executionId: string; startedAt: string }, agentId: string, taskId = randomUUID()): string {
    const base = { ...execution, executionStartedAt: execution.startedAt, taskId, agentId, title: 'Count stock', description: null, priority: 2 };
    this.emit<commerce.TaskAssigned>('TaskAssigned', { ...base, dueAt: null, status: 'pending', assignedAt: this.h.at() });
    return taskId;
  }

  taskTo(execution: { executionId: string; startedAt: string }, taskId: string, from: commerce.TaskStatus, to: commerce.TaskStatus): string {
    const changedAt = this.h.at();
    const ref = { executionId: execution.executionId, executionStartedAt: execution.startedAt, taskId };
    this.emit<commerce.TaskStatusChanged>('TaskStatusChanged', { ...ref, from, to, changedAt });
    return changedAt;
  }

  deleteExecution(execution: { executionId: string; startedAt: string }, taskIds: readonly string[]): this {
    return this.emit<commerce.WorkflowExecutionDeleted>('WorkflowExecutionDeleted', { ...execution, taskIds, deletedAt: this.h.at() });
  }
}

const WORK: readonly string[] = ['workflows', 'workflow_executions', 'tasks', 'kpis', 'kpi_measurements', 'reports', 'system_events'];

describe('commerce projection: seed 001 work rows (workflows, executions, tasks, KPIs, reports, system events)', () => {
  const schemas = useCommerceSchemas();
  let pool: Pool;
  beforeAll(() => (pool = schemas.pool()));

  const fresh = async (name: string) => {
    const { schema } = await schemas.projectionIn(name);
    return { schema, apply: applyAsProjection(pool, schema) };
  };
  const rows = async (schema: string, table: string, where = 'true', params: unknown[] = []) =>
    (await pool.query(`SELECT tableoid::regclass::text AS partition, * FROM ${schema}.${table} t WHERE ${where} ORDER BY 2`, params)).rows;
  const dump = (schema: string) =>
    dumpTables(
      pool,
      schema,
      COMMERCE_TABLES.filter(({ table }) => WORK.includes(table)),
    );

  it('writes workflows, executions and tasks as the events say: an execution filed under its startedAt month, its tasks naming that instant', async () => {
    const h = new CommerceHistory();
    const ops = h.agent('Ops', 'director');
    const clerk = h.agent('Clerk');
    const goal = h.goal('Never out of stock');
    const w = new WorkflowHistory(h, ops, goal);
    w.emit<commerce.WorkflowUpdated>('WorkflowUpdated', { changes: { description: 'Weekly', goalId: null }, updatedAt: h.at() });
    w.emit<commerce.WorkflowStatusChanged>('WorkflowStatusChanged', { from: 'active', to: 'inactive', changedAt: h.at() });
    h.skipDays(40);
    const run = w.start();
    const count = w.task(run, clerk);
    w.taskTo(run, count, 'pending', 'in_progress');
    const doneAt = w.taskTo(run, count, 'in_progress', 'completed');
    const finishedAt = h.at();
    w.emit<commerce.WorkflowExecutionFinished>('WorkflowExecutionFinished', { ...run, status: 'completed', result: { ordered: 3 }, error: null, finishedAt });
    const { schema, apply } = await fresh('com_work');
    await apply(h.envelopes);

    const [workflow] = await rows(schema, 'workflows');
    expect(workflow).toMatchObject({ id: w.workflowId, org_id: h.orgId, name: 'Restock', description: 'Weekly', goal_id: null, owner_agent_id: ops });
    expect(workflow).toMatchObject({ status: 'inactive', definition: { steps: ['count', 'order'] } });
    const [execution] = await rows(schema, 'workflow_executions');
    expect(execution).toMatchObject({ id: run.executionId, workflow_id: w.workflowId, status: 'completed', result: { ordered: 3 }, error: null });
    expect(execution).toMatchObject({ started_at: new Date(run.startedAt), created_at: new Date(run.startedAt), completed_at: new Date(finishedAt) });
    expect(execution.partition).toMatch(/\.workflow_executions_y2026m05$/);
    const [task] = await rows(schema, 'tasks');
    expect(task).toMatchObject({ id: count, workflow_execution_id: run.executionId, execution_created_at: new Date(run.startedAt), assigned_agent_id: clerk });
    expect(task).toMatchObject({ status: 'completed', priority: 2, completed_at: new Date(doneAt), updated_at: new Date(doneAt) });
    const once = await dump(schema);
    await apply(h.envelopes);
    expect(await dump(schema)).toEqual(once);
  });

  it('seed 001 "Tasks deleted with execution": WorkflowExecutionDeleted takes its tasks, those assigned in the same batch too', async () => {
    const h = new CommerceHistory();
    const clerk = h.agent('Clerk');
    const w = new WorkflowHistory(h, clerk);
    const [kept, dropped] = [w.start(), w.start()];
    const keptTask = w.task(kept, clerk);
    const old = w.task(dropped, clerk);
    const { schema, apply } = await fresh('com_work_tasks');
    await apply(h.envelopes);
    expect(await rows(schema, 'tasks')).toHaveLength(2);
    const before = h.envelopes.length;
    const late = w.task(dropped, clerk);
    w.deleteExecution(dropped, [old, late]);
    await apply(h.envelopes.slice(before));
    expect((await rows(schema, 'workflow_executions')).map((e) => e.id)).toEqual([kept.executionId]);
    expect((await rows(schema, 'tasks')).map((t) => t.id)).toEqual([keptTask]);
    const once = await dump(schema);
    await apply(h.envelopes);
    expect(await dump(schema)).toEqual(once);
  });

  it('seed 001 workflow_executions ON DELETE RESTRICT: a workflow with executions stays; WorkflowDeleted after its executions’ deletion removes it', async () => {
    const h = new CommerceHistory();
    const clerk = h.agent('Clerk');
    const w = new WorkflowHistory(h, clerk);
    const run = w.start();
    const task = w.task(run, clerk);
    const { schema, apply } = await fresh('com_work_restrict');
    await apply(h.envelopes);
    const restricted = pool.query(`DELETE FROM ${schema}.workflows WHERE id = $1`, [w.workflowId]);
    await expect(restricted).rejects.toMatchObject({ code: '23503', constraint: 'fk_workflow_executions_workflow_id' });
    const before = h.envelopes.length;
    w.deleteExecution(run, [task]).emit<commerce.WorkflowDeleted>('WorkflowDeleted', { deletedAt: h.at() });
    await apply(h.envelopes.slice(before));
    expect(await rows(schema, 'workflows')).toEqual([]);
    expect(await rows(schema, 'workflow_executions')).toEqual([]);
    expect(await rows(schema, 'tasks')).toEqual([]);
  });

  it('writes KPIs and their time series; seed 001 "Measurements deleted with KPI"', async () => {
    const h = new CommerceHistory();
    const owner = h.agent('Analyst');
    const kpiId = randomUUID();
    const stream = commerce.kpiStreamId(h.orgId, kpiId);
    const fields = { name: 'Conversion', description: null, unit: '%', targetValue: '3.5000', direction: 'increase' as const, ownerAgentId: owner };
    emit<commerce.KpiDefined>(h, stream, 'KpiDefined', { kpiId, ...fields, definedAt: h.at() });
    emit<commerce.KpiUpdated>(h, stream, 'KpiUpdated', { kpiId, changes: { targetValue: null, direction: 'decrease' }, updatedAt: h.at() });
    const measure = (value: string) => {
      const measurementId = randomUUID();
      const at = h.at();
      emit<commerce.KpiMeasurementRecorded>(h, stream, 'KpiMeasurementRecorded', { kpiId, measurementId, value, measuredAt: at, recordedAt: at });
      return measurementId;
    };
    const first = measure('2.5000');
    const second = measure('-0.1250');
    const { schema, apply } = await fresh('com_work_kpi');
    await apply(h.envelopes);
    const [kpi] = await rows(schema, 'kpis');
    expect(kpi).toMatchObject({ id: kpiId, name: 'Conversion', unit: '%', target_value: null, direction: 'decrease', owner_agent_id: owner });
    const series = await pool.query(`SELECT id, kpi_id, value FROM ${schema}.kpi_measurements ORDER BY measured_at`);
    expect(series.rows).toEqual([
      { id: first, kpi_id: kpiId, value: '2.5000' },
      { id: second, kpi_id: kpiId, value: '-0.1250' },
    ]);
    const once = await dump(schema);
    await apply(h.envelopes);
    expect(await dump(schema)).toEqual(once);
    const before = h.envelopes.length;
    emit<commerce.KpiDeleted>(h, stream, 'KpiDeleted', { kpiId, deletedAt: h.at() });
    await apply(h.envelopes.slice(before));
    expect(await rows(schema, 'kpis')).toEqual([]);
    expect(await rows(schema, 'kpi_measurements')).toEqual([]);
  });

  it('writes reports and system events once; a system event is filed under its recordedAt month (its created_at)', async () => {
    const h = new CommerceHistory();
    const author = h.agent('Analyst');
    const reportId = randomUUID();
    const report = { reportId, createdByAgentId: author, title: 'April', reportType: 'monthly', periodStart: '2026-04-01', periodEnd: '2026-04-30' };
    emit<commerce.ReportCreated>(h, commerce.reportStreamId(h.orgId, reportId), 'ReportCreated', {
      ...report,
      content: { revenue: '10.00' },
      createdAt: h.at(),
    });
    h.skipDays(70);
    const systemEventId = randomUUID();
    const recordedAt = h.at();
    const event = { systemEventId, sourceAgentId: author, eventType: 'stock.low', severity: 'warning' as const, payload: { sku: 'P-S' }, recordedAt };
    emit<commerce.SystemEventRecorded>(h, commerce.systemEventStreamId(h.orgId, systemEventId), 'SystemEventRecorded', event);
    const { schema, apply } = await fresh('com_work_log');
    await apply(h.envelopes);
    const [row] = await rows(schema, 'reports');
    expect(row).toMatchObject({ id: reportId, created_by_agent_id: author, title: 'April', report_type: 'monthly', content: { revenue: '10.00' } });
    expect([row.period_start, row.period_end].map((d: Date) => d.toISOString().slice(0, 10))).toEqual(['2026-04-01', '2026-04-30']);
    const [logged] = await rows(schema, 'system_events');
    expect(logged).toMatchObject({ id: systemEventId, source_agent_id: author, event_type: 'stock.low', severity: 'warning', payload: { sku: 'P-S' } });
    expect(logged.created_at).toEqual(new Date(recordedAt));
    expect(logged.partition).toMatch(/\.system_events_y2026m06$/);
    const once = await dump(schema);
    await apply(h.envelopes);
    expect(await dump(schema)).toEqual(once);
  });

  it('the same history gives the same rows applied in one batch or one event per batch', async () => {
    const h = new CommerceHistory();
    const clerk = h.agent('Clerk');
    const w = new WorkflowHistory(h, clerk);
    const run = w.start();
    const task = w.task(run, clerk);
    w.taskTo(run, task, 'pending', 'completed');
    w.taskTo(run, task, 'completed', 'in_progress');
    const gone = w.start();
    w.deleteExecution(gone, [w.task(gone, clerk)]);
    const whole = await fresh('com_work_whole');
    await whole.apply(h.envelopes);
    const single = await fresh('com_work_single');
    for (const envelope of h.envelopes) await single.apply([envelope]);
    expect(await dump(single.schema)).toEqual(await dump(whole.schema));
    expect((await rows(whole.schema, 'tasks')).map((t) => [t.id, t.status, t.completed_at])).toEqual([[task, 'in_progress', null]]);
  });
});
