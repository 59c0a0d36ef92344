import { randomUUID } from 'node:crypto';
import { commerce } from '@campaign/domain';
import { type Actor, call } from '../testing';
import { accepted, idOf, newOrg, typesOf, useCommerceApp } from './testing';

const BASE = '/v1/commerce';
type Route = readonly [method: string, path: string, body: Record<string, unknown>];
/** The routes that create a thing of their own, with nothing of another org's named. */
const CREATES = new Set(['POST /workflows', 'POST /kpis', 'POST /reports', 'POST /system-events']);

/** The work doors over HTTP (seed 001 "Goals and Workflows", "Analytics", "System"; a verified JWT with org_id and role). */
describe('commerce over HTTP: workflows, executions, tasks, KPIs, reports, system events', () => {
  const bed = useCommerceApp();
  const as = (who: Actor, [method, path, body]: Route) => call(bed.app, method, `${BASE}${path}`, who, body);
  const agent = async (who: Actor = bed.org.editor) => idOf(await bed.client.registerAgent(who), 'agentId');
  const setAgentStatus = async (agentId: string, status: string) => accepted(await as(bed.org.editor, ['PUT', `/agents/${agentId}/status`, { status }]));
  const defineWorkflow = (who: Actor, fields: Record<string, unknown>) => as(who, ['POST', '/workflows', { name: 'Restock bestsellers', ...fields }]);
  const workflow = async (who: Actor = bed.org.editor) => idOf(await defineWorkflow(who, { owner_agent_id: await agent(who) }), 'workflowId');
  const start = async (workflowId: string, who: Actor = bed.org.editor) =>
    idOf(await as(who, ['POST', `/workflows/${workflowId}/executions`, {}]), 'executionId');
  const assign = (workflowId: string, executionId: string, agentId: string) =>
    as(bed.org.editor, ['POST', `/workflows/${workflowId}/executions/${executionId}/tasks`, { agent_id: agentId, title: 'Count stock' }]);
  const defineKpi = (who: Actor, fields: Record<string, unknown> = {}) => as(who, ['POST', '/kpis', { name: 'Repeat rate', ...fields }]);
  const measure = (kpiId: string, value: unknown) => as(bed.org.editor, ['POST', `/kpis/${kpiId}/measurements`, { value }]);
  const report = (fields: Record<string, unknown>) =>
    as(bed.org.editor, ['POST', '/reports', { title: 'March', report_type: 'sales', content: { revenue: '10.00' }, ...fields }]);
  const systemEvent = (fields: Record<string, unknown>) =>
    as(bed.org.editor, ['POST', '/system-events', { event_type: 'stock.sync_failed', payload: {}, ...fields }]);

  describe('workflows (seed 001 workflows, workflow_executions, tasks)', () => {
    it('"Workflows must have an owner": none is 400, an unknown one (or another bed.org’s) 404 AGENT_NOT_FOUND, an archived one 409 AGENT_NOT_ACTIVE', async () => {
      expect(await defineWorkflow(bed.org.editor, {})).toMatchObject({ status: 400, body: { code: 'INVALID_REQUEST' } });
      for (const stranger of [randomUUID(), await agent(newOrg().editor)])
        expect(await defineWorkflow(bed.org.editor, { owner_agent_id: stranger })).toMatchObject({
          status: 404,
          body: { code: 'AGENT_NOT_FOUND', details: { field: 'ownerAgentId' } },
        });
      const archived = await agent();
      await setAgentStatus(archived, 'archived');
      expect(await defineWorkflow(bed.org.editor, { owner_agent_id: archived })).toMatchObject({ status: 409, body: { code: 'AGENT_NOT_ACTIVE' } });
      const owner = await agent();
      const workflowId = idOf(await defineWorkflow(bed.org.editor, { owner_agent_id: owner, definition: { steps: ['count'] } }), 'workflowId');
      const { events } = await bed.app.store.readStream(commerce.workflowStreamId(bed.org.orgId, workflowId));
      expect(events[0]).toMatchObject({ type: 'WorkflowDefined', data: { ownerAgentId: owner, status: 'active', definition: { steps: ['count'] } } });
      expect(await as(bed.org.editor, ['PATCH', `/workflows/${workflowId}`, { owner_agent_id: archived }])).toMatchObject({
        status: 409,
        body: { code: 'AGENT_NOT_ACTIVE' },
      });
    });

    it('"Can be linked to goals": a goal of the tree is taken, an unknown one is 404 GOAL_NOT_FOUND', async () => {
      const owner = await agent();
      expect(await defineWorkflow(bed.org.editor, { owner_agent_id: owner, goal_id: randomUUID() })).toMatchObject({
        status: 404,
        body: { code: 'GOAL_NOT_FOUND' },
      });
      const goalId = idOf(await bed.client.createGoal(bed.org.editor), 'goalId');
      expect(await defineWorkflow(bed.org.editor, { owner_agent_id: owner, goal_id: goalId })).toMatchObject({ status: 201 });
    });

    it('workflow_executions ON DELETE RESTRICT: a workflow with executions cannot be deleted (409 WORKFLOW_HAS_EXECUTIONS); after deleting them it can', async () => {
      const workflowId = await workflow();
      const executions = [await start(workflowId), await start(workflowId)];
      const remove = () => as(bed.org.editor, ['DELETE', `/workflows/${workflowId}`, {}]);
      expect(await remove()).toMatchObject({ status: 409, body: { code: 'WORKFLOW_HAS_EXECUTIONS', details: { executions: 2 } } });
      for (const executionId of executions)
        expect(await as(bed.org.editor, ['DELETE', `/workflows/${workflowId}/executions/${executionId}`, {}])).toMatchObject({ status: 200 });
      expect(await remove()).toMatchObject({ status: 200, body: { workflowId } });
      expect((await typesOf(bed.app, commerce.workflowStreamId(bed.org.orgId, workflowId))).slice(-3)).toEqual([
        'WorkflowExecutionDeleted',
        'WorkflowExecutionDeleted',
        'WorkflowDeleted',
      ]);
    });

    it('only an active workflow is started: an inactive one is 409 WORKFLOW_NOT_ACTIVE; a status outside active, inactive, archived is 422', async () => {
      const workflowId = await workflow();
      const status = (value: string) => as(bed.org.editor, ['PUT', `/workflows/${workflowId}/status`, { status: value }]);
      expect(await status('paused')).toMatchObject({ status: 422, body: { code: 'WORKFLOW_INVALID', details: { field: 'status' } } });
      accepted(await status('inactive'));
      expect(await as(bed.org.editor, ['POST', `/workflows/${workflowId}/executions`, {}])).toMatchObject({
        status: 409,
        body: { code: 'WORKFLOW_NOT_ACTIVE' },
      });
    });

    it('tasks "Must be assigned to an agent": an active one — unknown is 404 AGENT_NOT_FOUND, inactive 409 AGENT_NOT_ACTIVE; its status then changes', async () => {
      const workflowId = await workflow();
      const executionId = await start(workflowId);
      expect(await assign(workflowId, executionId, randomUUID())).toMatchObject({
        status: 404,
        body: { code: 'AGENT_NOT_FOUND', details: { field: 'agentId' } },
      });
      const resting = await agent();
      await setAgentStatus(resting, 'inactive');
      expect(await assign(workflowId, executionId, resting)).toMatchObject({ status: 409, body: { code: 'AGENT_NOT_ACTIVE' } });
      const answer = await assign(workflowId, executionId, await agent());
      expect(answer).toMatchObject({ status: 201, body: { workflowId, executionId, taskId: expect.any(String) } });
      const taskPath = `/workflows/${workflowId}/tasks/${answer.body.taskId as string}/status`;
      expect(await as(bed.org.editor, ['PUT', taskPath, { status: 'done' }])).toMatchObject({ status: 422, body: { code: 'TASK_INVALID' } });
      expect(await as(bed.org.editor, ['PUT', taskPath, { status: 'in_progress' }])).toMatchObject({ status: 200 });
      expect((await typesOf(bed.app, commerce.workflowStreamId(bed.org.orgId, workflowId))).slice(-2)).toEqual(['TaskAssigned', 'TaskStatusChanged']);
    });

    it('an execution is finished once as completed, failed or cancelled (else 422 EXECUTION_INVALID); then it takes no tasks (409 EXECUTION_NOT_RUNNING)', async () => {
      const workflowId = await workflow();
      const executionId = await start(workflowId);
      const finish = (body: Record<string, unknown>) => as(bed.org.editor, ['POST', `/workflows/${workflowId}/executions/${executionId}/finish`, body]);
      expect(await finish({ status: 'done' })).toMatchObject({ status: 422, body: { code: 'EXECUTION_INVALID', details: { field: 'status' } } });
      expect(await finish({ status: 'completed', result: { restocked: 12 } })).toMatchObject({ status: 200, body: { executionId } });
      expect(await finish({ status: 'failed' })).toMatchObject({ status: 409, body: { code: 'EXECUTION_NOT_RUNNING' } });
      expect(await assign(workflowId, executionId, await agent())).toMatchObject({ status: 409, body: { code: 'EXECUTION_NOT_RUNNING' } });
    });

    it('tasks ON DELETE CASCADE ("Tasks deleted with execution"): the deletion names its tasks, which are then 404 TASK_NOT_FOUND', async () => {
      const workflowId = await workflow();
      const executionId = await start(workflowId);
      const taskId = idOf(await assign(workflowId, executionId, await agent()), 'taskId');
      accepted(await as(bed.org.editor, ['DELETE', `/workflows/${workflowId}/executions/${executionId}`, {}]));
      const { events } = await bed.app.store.readStream(commerce.workflowStreamId(bed.org.orgId, workflowId));
      expect(events.at(-1)).toMatchObject({ type: 'WorkflowExecutionDeleted', data: { executionId, taskIds: [taskId] } });
      expect(await as(bed.org.editor, ['PUT', `/workflows/${workflowId}/tasks/${taskId}/status`, { status: 'completed' }])).toMatchObject({
        status: 404,
        body: { code: 'TASK_NOT_FOUND' },
      });
    });
  });

  describe('KPIs (seed 001 kpis, kpi_measurements)', () => {
    it('measurement values are DECIMAL(15,4): kept exact with 4 decimals (12.5 → 12.5000, "-3" → -3.0000); 5 decimals or text is 422 KPI_INVALID naming value', async () => {
      const kpiId = idOf(await defineKpi(bed.org.editor, { target_value: '0.35', unit: 'ratio' }), 'kpiId');
      for (const value of ['12.34567', 'many', '100000000000'])
        expect(await measure(kpiId, value)).toMatchObject({ status: 422, body: { code: 'KPI_INVALID', details: { field: 'value' } } });
      expect(await measure(kpiId, 12.5)).toMatchObject({ status: 201, body: { kpiId, measurementId: expect.any(String) } });
      accepted(await measure(kpiId, '-3'));
      const { events } = await bed.app.store.readStream(commerce.kpiStreamId(bed.org.orgId, kpiId));
      expect(events.map((e) => (e.data as { value?: string; targetValue?: string }).value ?? (e.data as { targetValue?: string }).targetValue)).toEqual([
        '0.3500',
        '12.5000',
        '-3.0000',
      ]);
    });

    it('"KPIs can exist without owner"; an owner named is an agent of the bed.org (else 404); direction is increase or decrease (else 422)', async () => {
      expect(await defineKpi(bed.org.editor)).toMatchObject({ status: 201 });
      expect(await defineKpi(bed.org.editor, { owner_agent_id: randomUUID() })).toMatchObject({ status: 404, body: { code: 'AGENT_NOT_FOUND' } });
      expect(await defineKpi(bed.org.editor, { direction: 'sideways' })).toMatchObject({
        status: 422,
        body: { code: 'KPI_INVALID', details: { field: 'direction' } },
      });
      const kpiId = idOf(await defineKpi(bed.org.editor, { owner_agent_id: await agent(), direction: 'decrease' }), 'kpiId');
      expect(await as(bed.org.editor, ['PATCH', `/kpis/${kpiId}`, { unit: 'days' }])).toMatchObject({ status: 200, body: { kpiId } });
    });

    it('kpi_measurements ON DELETE CASCADE ("Measurements deleted with KPI"): a deleted KPI takes no measurement (404 KPI_NOT_FOUND)', async () => {
      const kpiId = idOf(await defineKpi(bed.org.editor), 'kpiId');
      accepted(await measure(kpiId, 1));
      expect(await as(bed.org.editor, ['DELETE', `/kpis/${kpiId}`, {}])).toMatchObject({ status: 200 });
      expect(await measure(kpiId, 2)).toMatchObject({ status: 404, body: { code: 'KPI_NOT_FOUND' } });
    });
  });

  describe('reports and system events (seed 001 reports, system_events)', () => {
    it('a report’s period ends on or after it starts: an end before the start is 422 REPORT_INVALID naming periodEnd; a non-date names periodStart', async () => {
      expect(await report({ period_start: '2030-03-31', period_end: '2030-03-01' })).toMatchObject({
        status: 422,
        body: { code: 'REPORT_INVALID', details: { field: 'periodEnd' } },
      });
      expect(await report({ period_start: 'March' })).toMatchObject({ status: 422, body: { details: { field: 'periodStart' } } });
      expect(await report({ period_start: '2030-03-01', period_end: '2030-03-01' })).toMatchObject({ status: 201, body: { reportId: expect.any(String) } });
    });

    it('"Track report creator", "Reports preserved if agent deleted": an unknown creator is 404, an archived one still signs', async () => {
      expect(await report({ created_by_agent_id: randomUUID() })).toMatchObject({ status: 404, body: { code: 'AGENT_NOT_FOUND' } });
      const creator = await agent();
      await setAgentStatus(creator, 'archived');
      const reportId = idOf(await report({ created_by_agent_id: creator }), 'reportId');
      const { events } = await bed.app.store.readStream(commerce.reportStreamId(bed.org.orgId, reportId));
      expect(events[0]).toMatchObject({ type: 'ReportCreated', data: { createdByAgentId: creator, content: { revenue: '10.00' } } });
    });

    it.each(['info', 'warning', 'error', 'critical'])('system event severity %s is recorded', async (severity) => {
      const systemEventId = idOf(await systemEvent({ severity, source_agent_id: await agent() }), 'systemEventId');
      const { events } = await bed.app.store.readStream(commerce.systemEventStreamId(bed.org.orgId, systemEventId));
      expect(events[0]).toMatchObject({ type: 'SystemEventRecorded', data: { severity } });
    });

    it('severity CHECK (info, warning, error, critical): else 422 SYSTEM_EVENT_INVALID naming severity; an unknown source agent is 404', async () => {
      expect(await systemEvent({ severity: 'fatal' })).toMatchObject({ status: 422, body: { code: 'SYSTEM_EVENT_INVALID', details: { field: 'severity' } } });
      expect(await systemEvent({ severity: 'info', source_agent_id: randomUUID() })).toMatchObject({ status: 404, body: { code: 'AGENT_NOT_FOUND' } });
    });
  });

  describe('who may write, and where', () => {
    /** One of each work route, on things the bed.org holds. */
    const everyRoute = async (): Promise<Route[]> => {
      const owner = await agent();
      const workflowId = await workflow();
      const executionId = await start(workflowId);
      const taskId = idOf(await assign(workflowId, executionId, owner), 'taskId');
      const kpiId = idOf(await defineKpi(bed.org.editor), 'kpiId');
      const execution = `/workflows/${workflowId}/executions/${executionId}`;
      return [
        ['POST', '/workflows', { name: 'Flow', owner_agent_id: owner }],
        ['PATCH', `/workflows/${workflowId}`, { name: 'Renamed' }],
        ['PUT', `/workflows/${workflowId}/status`, { status: 'inactive' }],
        ['POST', `/workflows/${workflowId}/executions`, {}],
        ['POST', `${execution}/tasks`, { agent_id: owner, title: 'Count' }],
        ['PUT', `/workflows/${workflowId}/tasks/${taskId}/status`, { status: 'completed' }],
        ['POST', `${execution}/finish`, { status: 'completed' }],
        ['DELETE', execution, {}],
        ['DELETE', `/workflows/${workflowId}`, {}],
        ['POST', '/kpis', { name: 'Rate' }],
        ['PATCH', `/kpis/${kpiId}`, { unit: 'days' }],
        ['POST', `/kpis/${kpiId}/measurements`, { value: '1' }],
        ['DELETE', `/kpis/${kpiId}`, {}],
        ['POST', '/reports', { title: 'March', report_type: 'sales', content: {} }],
        ['POST', '/system-events', { event_type: 'stock.sync_failed', severity: 'info', payload: {} }],
      ];
    };

    it('viewers read only: every work route is 403 COMMERCE_ROLE_REQUIRED for a viewer of the bed.org', async () => {
      for (const route of await everyRoute())
        expect([route, await as(bed.org.viewer, route)]).toMatchObject([route, { status: 403, body: { code: 'COMMERCE_ROLE_REQUIRED' } }]);
    });

    it('another bed.org’s workflows, executions, tasks and KPIs are not found: every route on them is 404 *_NOT_FOUND', async () => {
      const stranger = newOrg().editor;
      for (const route of (await everyRoute()).filter(([method, path]) => !CREATES.has(`${method} ${path}`))) {
        const answer = await as(stranger, route);
        expect([route, answer.status, answer.body.code]).toEqual([route, 404, expect.stringMatching(/_NOT_FOUND$/)]);
      }
    });

    it('/openapi.json describes the work routes with strict snake_case bodies', async () => {
      const paths = (
        (await (await fetch(`${bed.app.url}/openapi.json`)).json()) as {
          paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: unknown }> } }>>;
        }
      ).paths;
      expect(Object.keys(paths)).toEqual(
        expect.arrayContaining(['/v1/commerce/workflows/{workflowId}/executions/{executionId}/tasks', '/v1/commerce/kpis/{kpiId}/measurements']),
      );
      expect(paths['/v1/commerce/workflows'].post.requestBody?.content['application/json'].schema).toMatchObject({
        additionalProperties: false,
        required: ['name', 'owner_agent_id'],
      });
    });
  });
});
