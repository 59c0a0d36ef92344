import type { CommandMetadata } from '../shared/decider';
import { accepted, given, unchecked } from '../testing';
import { type GoalEvent, goalsStreamId } from './goals';
import { goalsDecider } from './goals.decide';
import { after, agentId, AS_SERVICE, AS_VIEWER, at, command, decided, goalId, METADATA, NOW, ORG_ID, registryOf } from './testing';
import { agentsStreamId, type AgentEvent } from './agents';
import { agentsDecider } from './agents.decide';
import { type WorkflowEvent, workflowGuards } from './workflow';
import { type WorkflowCommand, workflowDecider } from './workflow.decide';

type Of<T extends WorkflowCommand['type']> = Extract<WorkflowCommand, { type: T }>;
const build =
  <T extends WorkflowCommand['type']>(type: T, defaults: Of<T>['data']) =>
  (data: Partial<Of<T>['data']> = {}, metadata: Partial<CommandMetadata> = {}): Of<T> =>
    ({ type, data: { ...defaults, ...data }, metadata: { ...METADATA, ...metadata } }) as unknown as Of<T>;

const idOf = (prefix: string) => (n: number) => `${prefix}000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
const workflowId = idOf('f1');
const executionId = idOf('f2');
const taskId = idOf('f3');

const wf = {
  define: build('DefineWorkflow', { workflowId: workflowId(1), name: 'Restock bestsellers', ownerAgentId: agentId(1) }),
  update: build('UpdateWorkflow', { workflowId: workflowId(1) }),
  changeStatus: build('ChangeWorkflowStatus', { workflowId: workflowId(1), status: 'inactive' }),
  remove: build('DeleteWorkflow', { workflowId: workflowId(1) }),
  start: build('StartWorkflowExecution', { workflowId: workflowId(1), executionId: executionId(1) }),
  finish: build('FinishWorkflowExecution', { workflowId: workflowId(1), executionId: executionId(1), status: 'completed' }),
  deleteExecution: build('DeleteWorkflowExecution', { workflowId: workflowId(1), executionId: executionId(1) }),
  assign: build('AssignTask', { workflowId: workflowId(1), executionId: executionId(1), taskId: taskId(1), agentId: agentId(2), title: 'Count stock' }),
  changeTask: build('ChangeTaskStatus', { workflowId: workflowId(1), taskId: taskId(1), status: 'in_progress' }),
};

type Stream = (AgentEvent | GoalEvent | WorkflowEvent)[];
/** Agents 1–3 active, agent 3 then made inactive; goal 1 in the tree. */
const registry = decided(agentsDecider, registryOf(3), command.changeAgentStatus({ agentId: agentId(3), status: 'inactive' }));
const reads: Stream = [...registry, ...decided(goalsDecider, [], command.createGoal())];
const run = (before: Stream, ...commands: WorkflowCommand[]): Stream => decided(workflowDecider, before, ...commands);
const defined = run(reads, wf.define());
const running = run(defined, wf.start({}, after(60)));
const withTask = run(running, wf.assign({}, after(120)));
const ref = { orgId: ORG_ID, workflowId: workflowId(1) };

describe('when no workflow is defined', () => {
  it('DefineWorkflow records WorkflowDefined, active, with its owner, goal and definition', () => {
    given(workflowDecider, reads)
      .when(wf.define({ description: 'Weekly', goalId: goalId(1), definition: { steps: ['count', 'order'] } }))
      .then([
        {
          type: 'WorkflowDefined',
          data: {
            ...ref,
            name: 'Restock bestsellers',
            description: 'Weekly',
            goalId: goalId(1),
            ownerAgentId: agentId(1),
            definition: { steps: ['count', 'order'] },
            status: 'active',
            definedAt: NOW,
          },
        },
      ]);
  });

  it('"Workflows must have an owner": a workflow without ownerAgentId is WORKFLOW_INVALID', () => {
    // seed 001: workflows.owner_agent_id REFERENCES agents(id) NOT NULL
    given(workflowDecider, reads)
      .when(wf.define({ ownerAgentId: unchecked(null) }))
      .thenRejects('WORKFLOW_INVALID', { details: { field: 'ownerAgentId' } });
  });

  it('the owner is an active agent: unknown is AGENT_NOT_FOUND, inactive is AGENT_NOT_ACTIVE', () => {
    given(workflowDecider, reads)
      .when(wf.define({ ownerAgentId: agentId(9) }))
      .thenRejects('AGENT_NOT_FOUND', { details: { field: 'ownerAgentId' } });
    given(workflowDecider, reads)
      .when(wf.define({ ownerAgentId: agentId(3) }))
      .thenRejects('AGENT_NOT_ACTIVE', { details: { field: 'ownerAgentId' } });
  });

  it('"Can be linked to goals": a goal the tree does not hold is GOAL_NOT_FOUND', () => {
    // seed 001: workflows.goal_id REFERENCES goals(id)
    given(workflowDecider, reads)
      .when(wf.define({ goalId: goalId(2) }))
      .thenRejects('GOAL_NOT_FOUND', { details: { field: 'goalId' } });
  });

  it('name is required text and the definition a JSON object', () => {
    given(workflowDecider, reads)
      .when(wf.define({ name: ' ' }))
      .thenRejects('WORKFLOW_INVALID', { details: { field: 'name' } });
    given(workflowDecider, reads)
      .when(wf.define({ definition: unchecked(['a']) }))
      .thenRejects('WORKFLOW_INVALID', { details: { field: 'definition' } });
  });

  it('a viewer may not define a workflow; a service may', () => {
    given(workflowDecider, reads).when(wf.define({}, AS_VIEWER)).thenRejects('COMMERCE_ROLE_REQUIRED');
    expect(accepted(given(workflowDecider, reads).when(wf.define({}, AS_SERVICE)))).toHaveLength(1);
  });

  it('every other command is WORKFLOW_NOT_FOUND', () => {
    for (const next of [wf.update({ name: 'x' }), wf.changeStatus(), wf.remove(), wf.start(), wf.assign(), wf.changeTask()])
      given(workflowDecider, reads).when(next).thenRejects('WORKFLOW_NOT_FOUND');
  });
});

describe('when the workflow is active', () => {
  it('DefineWorkflow again is WORKFLOW_ALREADY_EXISTS', () => {
    given(workflowDecider, defined).when(wf.define()).thenRejects('WORKFLOW_ALREADY_EXISTS');
  });

  it('UpdateWorkflow records only the fields that changed; null keeps a value; a repeat records nothing', () => {
    const update = wf.update({ name: 'Restock', description: null, goalId: goalId(1) }, after(5));
    given(workflowDecider, defined)
      .when(update)
      .then([{ type: 'WorkflowUpdated', data: { ...ref, changes: { name: 'Restock', goalId: goalId(1) }, updatedAt: at(5) } }]);
    given(workflowDecider, run(defined, update)).when(update).thenNothing();
  });

  it('a new owner is an active agent; an owner made inactive since does not block other changes', () => {
    given(workflowDecider, defined)
      .when(wf.update({ ownerAgentId: agentId(3) }))
      .thenRejects('AGENT_NOT_ACTIVE');
    const deactivated = decided(agentsDecider, registry, command.changeAgentStatus({ agentId: agentId(1), status: 'inactive' })).slice(registry.length);
    expect(accepted(given(workflowDecider, [...defined, ...deactivated]).when(wf.update({ name: 'Renamed' })))[0].type).toBe('WorkflowUpdated');
  });

  it("ChangeWorkflowStatus moves among the seed's statuses; another status is WORKFLOW_INVALID", () => {
    // seed 001: CHECK (status IN ('active', 'inactive', 'archived'))
    given(workflowDecider, defined)
      .when(wf.changeStatus({ status: 'archived' }))
      .then([{ type: 'WorkflowStatusChanged', data: { ...ref, from: 'active', to: 'archived', changedAt: NOW } }]);
    given(workflowDecider, defined)
      .when(wf.changeStatus({ status: 'active' }))
      .thenNothing();
    given(workflowDecider, defined)
      .when(wf.changeStatus({ status: 'running' }))
      .thenRejects('WORKFLOW_INVALID', { details: { field: 'status' } });
  });

  it('StartWorkflowExecution records WorkflowExecutionStarted at the instant of the command', () => {
    given(workflowDecider, defined)
      .when(wf.start({}, after(60)))
      .then([{ type: 'WorkflowExecutionStarted', data: { ...ref, executionId: executionId(1), startedAt: at(60) } }]);
  });

  it('a workflow without executions is deleted; then it is gone, and a repeat records nothing', () => {
    given(workflowDecider, defined)
      .when(wf.remove())
      .then([{ type: 'WorkflowDeleted', data: { ...ref, deletedAt: NOW } }]);
    const deleted = run(defined, wf.remove());
    given(workflowDecider, deleted).when(wf.remove()).thenNothing();
    given(workflowDecider, deleted).when(wf.start()).thenRejects('WORKFLOW_NOT_FOUND');
    given(workflowDecider, deleted).when(wf.define()).thenRejects('WORKFLOW_ALREADY_EXISTS');
  });
});

describe('when the workflow is inactive or archived', () => {
  it('only an active workflow is started: WORKFLOW_NOT_ACTIVE', () => {
    for (const status of ['inactive', 'archived'])
      given(workflowDecider, run(defined, wf.changeStatus({ status })))
        .when(wf.start())
        .thenRejects('WORKFLOW_NOT_ACTIVE', { details: { status } });
  });
});

describe('when an execution is running', () => {
  it('"Preserve execution history": a workflow with an execution is not deleted (WORKFLOW_HAS_EXECUTIONS)', () => {
    // seed 001: workflow_executions.workflow_id REFERENCES workflows(id) ON DELETE RESTRICT
    given(workflowDecider, running)
      .when(wf.remove())
      .thenRejects('WORKFLOW_HAS_EXECUTIONS', { details: { executions: 1 } });
    given(workflowDecider, run(running, wf.finish())).when(wf.remove()).thenRejects('WORKFLOW_HAS_EXECUTIONS');
  });

  it('an execution id is used once: EXECUTION_ALREADY_EXISTS', () => {
    given(workflowDecider, running).when(wf.start()).thenRejects('EXECUTION_ALREADY_EXISTS');
  });

  it("AssignTask records TaskAssigned, pending, with the execution's startedAt (the tasks FK names the partition)", () => {
    given(workflowDecider, running)
      .when(wf.assign({ description: 'Main store', priority: 2, dueAt: '2026-04-02T09:00:00+02:00' }, after(120)))
      .then([
        {
          type: 'TaskAssigned',
          data: {
            ...ref,
            executionId: executionId(1),
            executionStartedAt: at(60),
            taskId: taskId(1),
            agentId: agentId(2),
            title: 'Count stock',
            description: 'Main store',
            priority: 2,
            dueAt: '2026-04-02T07:00:00.000Z',
            status: 'pending',
            assignedAt: at(120),
          },
        },
      ]);
  });

  it('"Must be assigned to an agent": no agent is TASK_INVALID, an unknown one AGENT_NOT_FOUND, an inactive one AGENT_NOT_ACTIVE', () => {
    // seed 001: tasks.assigned_agent_id REFERENCES agents(id) NOT NULL
    given(workflowDecider, running)
      .when(wf.assign({ agentId: unchecked(null) }))
      .thenRejects('TASK_INVALID', { details: { field: 'agentId' } });
    given(workflowDecider, running)
      .when(wf.assign({ agentId: agentId(9) }))
      .thenRejects('AGENT_NOT_FOUND');
    given(workflowDecider, running)
      .when(wf.assign({ agentId: agentId(3) }))
      .thenRejects('AGENT_NOT_ACTIVE');
  });

  it('a task needs a title, a whole priority and an instant for dueAt; its id is used once', () => {
    given(workflowDecider, running)
      .when(wf.assign({ title: '' }))
      .thenRejects('TASK_INVALID', { details: { field: 'title' } });
    given(workflowDecider, running)
      .when(wf.assign({ priority: 1.5 }))
      .thenRejects('TASK_INVALID', { details: { field: 'priority' } });
    given(workflowDecider, running)
      .when(wf.assign({ dueAt: 'tomorrow' }))
      .thenRejects('TASK_INVALID', { details: { field: 'dueAt' } });
    given(workflowDecider, withTask).when(wf.assign()).thenRejects('TASK_ALREADY_EXISTS');
  });

  it('a task of an execution the workflow does not have is EXECUTION_NOT_FOUND', () => {
    given(workflowDecider, running)
      .when(wf.assign({ executionId: executionId(2) }))
      .thenRejects('EXECUTION_NOT_FOUND');
  });

  it("ChangeTaskStatus records TaskStatusChanged with the execution's startedAt; the same status records nothing", () => {
    given(workflowDecider, withTask)
      .when(wf.changeTask({ status: 'completed' }, after(300)))
      .then([
        {
          type: 'TaskStatusChanged',
          data: { ...ref, executionId: executionId(1), executionStartedAt: at(60), taskId: taskId(1), from: 'pending', to: 'completed', changedAt: at(300) },
        },
      ]);
    given(workflowDecider, withTask)
      .when(wf.changeTask({ status: 'pending' }))
      .thenNothing();
  });

  it("a task's status is one of the seed's; an unknown task is TASK_NOT_FOUND", () => {
    // seed 001 (read model): CHECK (status IN ('pending', 'in_progress', 'completed', 'failed', 'cancelled'))
    given(workflowDecider, withTask)
      .when(wf.changeTask({ status: 'done' }))
      .thenRejects('TASK_INVALID', { details: { field: 'status' } });
    given(workflowDecider, withTask)
      .when(wf.changeTask({ taskId: taskId(2) }))
      .thenRejects('TASK_NOT_FOUND');
  });

  it('FinishWorkflowExecution records the outcome with its result or error', () => {
    given(workflowDecider, running)
      .when(wf.finish({ status: 'failed', error: 'supplier down', result: { ordered: 0 } }, after(600)))
      .then([
        {
          type: 'WorkflowExecutionFinished',
          data: {
            ...ref,
            executionId: executionId(1),
            startedAt: at(60),
            status: 'failed',
            result: { ordered: 0 },
            error: 'supplier down',
            finishedAt: at(600),
          },
        },
      ]);
  });

  it('an execution ends completed, failed or cancelled, once; a finished one takes no task (EXECUTION_NOT_RUNNING)', () => {
    given(workflowDecider, running)
      .when(wf.finish({ status: 'running' }))
      .thenRejects('EXECUTION_INVALID', { details: { field: 'status' } });
    given(workflowDecider, running)
      .when(wf.finish({ result: unchecked('ok') }))
      .thenRejects('EXECUTION_INVALID', { details: { field: 'result' } });
    const finished = run(running, wf.finish());
    given(workflowDecider, finished)
      .when(wf.finish({ status: 'cancelled' }))
      .thenRejects('EXECUTION_NOT_RUNNING');
    given(workflowDecider, finished).when(wf.assign()).thenRejects('EXECUTION_NOT_RUNNING');
  });
});

describe('when an execution is deleted', () => {
  it('"Tasks deleted with execution": the event lists them and they are gone', () => {
    // seed 001: tasks.workflow_execution_id REFERENCES workflow_executions(id) ON DELETE CASCADE
    given(workflowDecider, withTask)
      .when(wf.deleteExecution())
      .then([{ type: 'WorkflowExecutionDeleted', data: { ...ref, executionId: executionId(1), startedAt: at(60), taskIds: [taskId(1)], deletedAt: NOW } }]);
    given(workflowDecider, run(withTask, wf.deleteExecution())).when(wf.changeTask()).thenRejects('TASK_NOT_FOUND');
  });

  it('with no execution left the workflow may be deleted', () => {
    expect(accepted(given(workflowDecider, run(withTask, wf.deleteExecution())).when(wf.remove()))[0].type).toBe('WorkflowDeleted');
  });

  it('a repeat records nothing, the id is not started again, an unknown execution is EXECUTION_NOT_FOUND', () => {
    const gone = run(withTask, wf.deleteExecution());
    given(workflowDecider, gone).when(wf.deleteExecution()).thenNothing();
    given(workflowDecider, gone).when(wf.start()).thenRejects('EXECUTION_ALREADY_EXISTS');
    given(workflowDecider, gone)
      .when(wf.deleteExecution({ executionId: executionId(2) }))
      .thenRejects('EXECUTION_NOT_FOUND');
  });
});

describe('across streams', () => {
  it('execution and task ids are claimed, since the read model keys them alone', () => {
    const [started] = running.slice(-1) as WorkflowEvent[];
    const [assigned] = withTask.slice(-1) as WorkflowEvent[];
    expect(workflowGuards(started)).toEqual([
      expect.objectContaining({ kind: 'claim', key: `workflow-execution:${executionId(1)}`, code: 'EXECUTION_ALREADY_EXISTS' }),
    ]);
    expect(workflowGuards(assigned)).toEqual([expect.objectContaining({ kind: 'claim', key: `task:${taskId(1)}`, code: 'TASK_ALREADY_EXISTS' })]);
  });

  it('the registry and the goal tree are read where an owner, a goal or an assignee is checked', () => {
    const both = [agentsStreamId(ORG_ID), goalsStreamId(ORG_ID)];
    expect(workflowDecider.alsoReads?.(wf.define())).toEqual(both);
    expect(workflowDecider.alsoReads?.(wf.assign())).toEqual(both);
    expect(workflowDecider.alsoReads?.(wf.finish())).toEqual([]);
  });
});
