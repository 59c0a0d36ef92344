import { randomUUID } from 'node:crypto';
import type { EventEnvelope } from '@campaign/contracts';
import type { commerce } from '@campaign/domain';
import { campaignsProjector, type CampaignRow } from './campaigns.projector';
import { MORE_ROW_TABLES, moreRowsToPartition, type MoreEnvelopeOf, type MoreEvent } from './commerce-more.tables';
import type { Row } from './commerce.events';
import { contentProjector, type ContentRow } from './content.projector';
import { emailSubscribersProjector } from './email-lists.projector';
import { tasksProjector, type TaskRow, workflowDeletionsProjector, workflowExecutionsProjector, workflowsProjector } from './workflows.projector';

const orgId = randomUUID();
let clock = Date.parse('2026-04-30T23:58:00.000Z');
const at = () => new Date((clock += 60_000)).toISOString();

const envelope = <E extends MoreEvent>(type: E['type'], data: Omit<E['data'], 'orgId'>): MoreEnvelopeOf<E> =>
  ({
    eventId: randomUUID(),
    type,
    schemaVersion: 1,
    context: 'commerce',
    streamId: 's',
    streamVersion: 1,
    globalPosition: '1',
    occurredAt: at(),
    correlationId: 'c',
    causationId: 'c',
    actor: 'user:editor',
    tenant: orgId,
    data: { orgId, ...data },
  }) as unknown as MoreEnvelopeOf<E>;

describe('commerce-more tables', () => {
  it('are in foreign-key order: a table is listed after the tables its rows name in this list', () => {
    const order = MORE_ROW_TABLES.map((t) => t.projector.table);
    const before = MORE_ROW_TABLES.flatMap((table, i) =>
      table.parents
        .filter((p) => p.table !== table.projector.table && order.includes(p.table) && order.indexOf(p.table) > i)
        .map((p) => `${table.projector.table} → ${p.table}`),
    );
    expect(before).toEqual([]);
    // seed 001 ON DELETE RESTRICT: the workflow's deletion runs after its executions'.
    expect(order.lastIndexOf('workflows')).toBeGreaterThan(order.indexOf('tasks'));
  });

  it('seed 001 "Partition Large Tables": an execution is filed under its startedAt, a system event under its recordedAt', () => {
    const started = envelope<commerce.WorkflowExecutionStarted>('WorkflowExecutionStarted', {
      workflowId: 'w',
      executionId: 'x',
      startedAt: '2026-05-01T00:00:00.000Z',
    });
    const recorded = {
      systemEventId: 'e',
      sourceAgentId: null,
      eventType: 't',
      severity: 'info' as const,
      payload: {},
      recordedAt: '2026-04-30T23:59:59.000Z',
    };
    const logged = envelope<commerce.SystemEventRecorded>('SystemEventRecorded', recorded);
    const other = envelope<commerce.ReportCreated>('ReportCreated', {
      reportId: 'r',
      createdByAgentId: null,
      title: 't',
      reportType: 'x',
      periodStart: null,
      periodEnd: null,
      content: {},
      createdAt: at(),
    });
    expect(moreRowsToPartition([started, logged, other] as unknown as EventEnvelope[])).toEqual([
      { table: 'workflow_executions', at: '2026-05-01T00:00:00.000Z' },
      { table: 'system_events', at: '2026-04-30T23:59:59.000Z' },
    ]);
  });
});

describe('marketing projectors', () => {
  it('a campaign change that names a field clears it with null; one that changes nothing is the same row (no write)', () => {
    const base = {
      name: 'Spring',
      goalId: null,
      ownerAgentId: null,
      targetSegmentId: null,
      channel: 'email',
      budget: '10.00',
      currency: 'EUR',
      startsAt: null,
      endsAt: null,
    };
    const created = envelope<commerce.CampaignCreated>('CampaignCreated', { campaignId: 'c', ...base, status: 'draft', createdAt: at() });
    const row = campaignsProjector.project(null, created) as CampaignRow;
    expect(campaignsProjector.project(row, created)).toBe(row);
    const cleared = envelope<commerce.CampaignUpdated>('CampaignUpdated', { campaignId: 'c', changes: { channel: null }, updatedAt: at() });
    expect(campaignsProjector.project(row, cleared)).toMatchObject({ channel: null, budget: '10.00', updated_at: cleared.data.updatedAt });
    const same = envelope<commerce.CampaignUpdated>('CampaignUpdated', { campaignId: 'c', changes: { budget: '10.00' }, updatedAt: at() });
    expect(campaignsProjector.project(row, same)).toBe(row);
  });

  it('content keeps when it was published once archived', () => {
    const created = { contentId: 'p', campaignId: null, createdByAgentId: null, title: 't', body: null, contentType: 'post', createdAt: at() };
    const draft = contentProjector.project(null, envelope<commerce.ContentCreated>('ContentCreated', created)) as ContentRow;
    const to = (row: ContentRow, from: commerce.ContentStatus, status: commerce.ContentStatus) =>
      contentProjector.project(
        row,
        envelope<commerce.ContentStatusChanged>('ContentStatusChanged', { contentId: 'p', from, to: status, changedAt: at() }),
      ) as ContentRow;
    const published = to(draft, 'draft', 'published');
    expect(published.published_at).toBe(published.updated_at);
    expect(to(published, 'published', 'archived')).toMatchObject({ status: 'archived', published_at: published.published_at });
  });

  it('seed 001 email_subscribers PRIMARY KEY (email, list_id): a redelivered subscription leaves the list’s rows as they are', () => {
    const subscribed = envelope<commerce.EmailSubscribed>('EmailSubscribed', {
      subscriberId: 's',
      listId: 'l',
      email: 'ada@example.com',
      customerId: null,
      subscribedAt: at(),
    });
    const rows = emailSubscribersProjector.project([], subscribed);
    expect(rows).toEqual([expect.objectContaining({ email: 'ada@example.com', list_id: 'l', status: 'subscribed', unsubscribed_at: null })]);
    expect(emailSubscribersProjector.project(rows as readonly Row[], subscribed)).toBe(rows);
  });
});

describe('work projectors', () => {
  it('an execution is created at its startedAt; finishing it records the outcome and when', () => {
    const started = envelope<commerce.WorkflowExecutionStarted>('WorkflowExecutionStarted', { workflowId: 'w', executionId: 'x', startedAt: at() });
    const row = workflowExecutionsProjector.project(null, started);
    expect(row).toMatchObject({ id: 'x', workflow_id: 'w', status: 'running', started_at: started.data.startedAt, created_at: started.data.startedAt });
    const finished = {
      workflowId: 'w',
      executionId: 'x',
      startedAt: started.data.startedAt,
      status: 'failed' as const,
      result: null,
      error: 'boom',
      finishedAt: at(),
    };
    const done = workflowExecutionsProjector.project(row, envelope<commerce.WorkflowExecutionFinished>('WorkflowExecutionFinished', finished));
    expect(done).toMatchObject({ status: 'failed', error: 'boom', completed_at: finished.finishedAt, created_at: started.data.startedAt });
  });

  it('a task reopened after completion is no longer completed (completed_at cleared)', () => {
    const ref = { workflowId: 'w', executionId: 'x', executionStartedAt: at(), taskId: 't' };
    const assigned = { ...ref, agentId: 'a', title: 't', description: null, priority: 0, dueAt: null, status: 'pending' as const, assignedAt: at() };
    const pending = tasksProjector.project(null, envelope<commerce.TaskAssigned>('TaskAssigned', assigned)) as TaskRow;
    expect(pending).toMatchObject({ execution_created_at: ref.executionStartedAt, completed_at: null });
    const move = (row: TaskRow, from: commerce.TaskStatus, to: commerce.TaskStatus) =>
      tasksProjector.project(row, envelope<commerce.TaskStatusChanged>('TaskStatusChanged', { ...ref, from, to, changedAt: at() })) as TaskRow;
    const done = move(pending, 'pending', 'completed');
    expect(done.completed_at).toBe(done.updated_at);
    expect(move(done, 'completed', 'in_progress')).toMatchObject({ status: 'in_progress', completed_at: null });
  });

  it('WorkflowDeleted is the deletions projector’s alone', () => {
    const deleted = envelope<commerce.WorkflowDeleted>('WorkflowDeleted', { workflowId: 'w', deletedAt: at() });
    expect(workflowsProjector.canHandle(deleted)).toBe(false);
    expect(workflowDeletionsProjector.canHandle(deleted)).toBe(true);
    expect(workflowDeletionsProjector.project(null, deleted)).toBeNull();
  });
});
