import { accepted, given, history } from '../testing';
import { campaignDecider } from './campaign.decide';
import type { OrchestratorDecision } from './orchestrator.decide';
import { orchestratorDecider } from './orchestrator.decide';
import { after, AS_SERVICE, at, CAMPAIGN_ID, command, NOW, ORCHESTRATOR_ID, ORG_ID, stepOf, WORKFLOW_ID, workflowId } from './testing';
import type { CampaignEvent } from './campaign';

type Seen = OrchestratorDecision | CampaignEvent;

const diamondSteps = [stepOf('a'), stepOf('b', ['a']), stepOf('c', ['a']), stepOf('d', ['b', 'c'])];
const campaign = history(campaignDecider, [command.createCampaign()]) as Seen[];
const created = history(orchestratorDecider, [command.createOrchestrator({ steps: diamondSteps })]);
const withCampaign: Seen[] = [...campaign, ...created];
/** The orchestrator's own events of a decision (the workflow's go to the new stream). */
const own = (events: readonly Seen[]): Seen[] => events.filter((event) => orchestratorDecider.streamOfNew?.(event, command.startWorkflow()) === null);
const start = (events: Seen[], id: string, seconds = 0) =>
  own(accepted(given(orchestratorDecider, events).when(command.startWorkflow({ workflowId: id }, after(seconds)))));

describe('when no orchestrator exists', () => {
  it('CreateOrchestrator records the template as version 1', () => {
    const [event] = accepted(given(orchestratorDecider).when(command.createOrchestrator()));
    expect(event).toEqual({
      type: 'OrchestratorCreated',
      data: {
        orgId: ORG_ID,
        orchestratorId: ORCHESTRATOR_ID,
        name: 'Blog pipeline',
        description: null,
        template: { version: 1, steps: [stepOf('a')] },
        createdAt: NOW,
      },
    });
  });

  it('the template rules apply: a dependency cycle of any length is TEMPLATE_DEPENDENCY_CYCLE', () => {
    // seed 000: "steps can have dependencies on other steps" — never on themselves through others.
    const cycle = [stepOf('a', ['c']), stepOf('b', ['a']), stepOf('c', ['b'])];
    given(orchestratorDecider)
      .when(command.createOrchestrator({ steps: cycle }))
      .thenRejects('TEMPLATE_DEPENDENCY_CYCLE');
    given(orchestratorDecider)
      .when(command.createOrchestrator({ steps: [] }))
      .thenRejects('TEMPLATE_NO_STEPS');
  });

  it('only an admin changes orchestrators (scopes: admin also orchestrators)', () => {
    given(orchestratorDecider)
      .when(command.createOrchestrator({}, { role: 'editor' }))
      .thenRejects('ORCHESTRATION_ROLE_REQUIRED');
  });

  it('StartWorkflow answers ORCHESTRATOR_NOT_FOUND', () => {
    given(orchestratorDecider, campaign).when(command.startWorkflow()).thenRejects('ORCHESTRATOR_NOT_FOUND');
  });
});

describe('when the orchestrator exists', () => {
  it('ReviseOrchestratorTemplate records the next version; the same steps again record nothing', () => {
    const [revised] = accepted(given(orchestratorDecider, created).when(command.reviseTemplate()));
    expect(revised).toMatchObject({ type: 'OrchestratorTemplateRevised', data: { template: { version: 2 } } });
    given(orchestratorDecider, created)
      .when(command.reviseTemplate({ steps: diamondSteps }))
      .thenNothing();
  });

  it('StartWorkflow needs the campaign: CAMPAIGN_NOT_FOUND when it does not exist or was deleted', () => {
    given(orchestratorDecider, created).when(command.startWorkflow()).thenRejects('CAMPAIGN_NOT_FOUND');
    const deleted = [...(history(campaignDecider, [command.createCampaign(), command.deleteCampaign()]) as Seen[]), ...created];
    given(orchestratorDecider, deleted).when(command.startWorkflow()).thenRejects('CAMPAIGN_NOT_FOUND');
  });

  it("StartWorkflow reads the campaign's stream", () => {
    expect(orchestratorDecider.alsoReads?.(command.startWorkflow())).toEqual([`orchestration-campaign-${ORG_ID}-${CAMPAIGN_ID}`]);
  });

  it('StartWorkflow binds the workflow and opens its stream with WorkflowStarted and the dispatch of the steps without dependencies', () => {
    // seed 000: chk_step_order — step_order > 0, 1 + the longest dependency chain (a=1, b=c=2, d=3).
    const events = accepted(given(orchestratorDecider, withCampaign).when(command.startWorkflow({ variant: 'B' })));
    expect(events.map((event) => event.type)).toEqual(['WorkflowBound', 'WorkflowStarted', 'StepDispatched']);
    const [bound, started, dispatched] = events;
    expect(bound.data).toEqual({ orgId: ORG_ID, orchestratorId: ORCHESTRATOR_ID, workflowId: WORKFLOW_ID, campaignId: CAMPAIGN_ID, boundAt: NOW });
    expect(started.data).toMatchObject({ templateVersion: 1, variant: 'B', startedAt: NOW });
    const steps = started.type === 'WorkflowStarted' ? started.data.steps : [];
    expect(steps.map((step) => [step.key, step.stepOrder])).toEqual([
      ['a', 1],
      ['b', 2],
      ['c', 2],
      ['d', 3],
    ]);
    expect(dispatched.data).toMatchObject({ stepKey: 'a', attempt: 1, dependencyOutputs: {}, dispatchedAt: NOW, timeoutAt: at(60) });
    const workflowStream = `orchestration-workflow-${ORG_ID}-${WORKFLOW_ID}`;
    expect(events.map((event) => orchestratorDecider.streamOfNew?.(event, command.startWorkflow()))).toEqual([null, workflowStream, workflowStream]);
  });

  it('a campaign may run any number of executions, two variants side by side; a workflow id names one', () => {
    // seed 000: "One campaign can have multiple workflow executions — supports retry, versioning, and A/B testing"
    const first = [...withCampaign, ...start(withCampaign, workflowId(1))];
    expect(accepted(given(orchestratorDecider, first).when(command.startWorkflow({ workflowId: workflowId(2), variant: 'B' })))[0].type).toBe('WorkflowBound');
    given(orchestratorDecider, first)
      .when(command.startWorkflow({ workflowId: workflowId(1) }))
      .thenRejects('WORKFLOW_ALREADY_EXISTS');
  });

  it('running workflows keep their version: a start after a revision instantiates the new one', () => {
    const revised = [...withCampaign, ...accepted(given(orchestratorDecider, withCampaign).when(command.reviseTemplate()))];
    const events = accepted(given(orchestratorDecider, revised).when(command.startWorkflow()));
    expect(events[1].data).toMatchObject({ templateVersion: 2 });
  });
});

describe('when workflows are bound to it', () => {
  const one = [...withCampaign, ...start(withCampaign, workflowId(1))];
  const bound = [...one, ...start(one, workflowId(2))];

  it('RESTRICT: DeleteOrchestrator is refused ORCHESTRATOR_HAS_ACTIVE_WORKFLOWS with the count', () => {
    // seed 000: "CampaignOrchestrator cannot be deleted if it has active workflows" (fk_workflows_orchestrator ON DELETE RESTRICT)
    given(orchestratorDecider, bound)
      .when(command.deleteOrchestrator())
      .thenRejects('ORCHESTRATOR_HAS_ACTIVE_WORKFLOWS', { details: { workflows: 2 } });
  });

  it('RESTRICT: allowed once every workflow was released', () => {
    // seed 000: RESTRICT holds only while workflows are active.
    const release = (id: string) => command.releaseWorkflow({ workflowId: id }, AS_SERVICE);
    const left = [...bound, ...accepted(given(orchestratorDecider, bound).when(release(workflowId(1))))];
    given(orchestratorDecider, left)
      .when(command.deleteOrchestrator())
      .thenRejects('ORCHESTRATOR_HAS_ACTIVE_WORKFLOWS', { details: { workflows: 1 } });
    const none = [...left, ...accepted(given(orchestratorDecider, left).when(release(workflowId(2))))];
    given(orchestratorDecider, none)
      .when(command.deleteOrchestrator({}, after(60)))
      .then([{ type: 'OrchestratorDeleted', data: { orgId: ORG_ID, orchestratorId: ORCHESTRATOR_ID, deletedAt: at(60) } }]);
  });

  it('RESTRICT on a long-lived orchestrator: 1,000 workflows bound, 999 released, one still counts and no id starts twice', () => {
    // seed 000 RESTRICT, over a stream holding two events per workflow ever run on it.
    const ids = Array.from({ length: 1_000 }, (_, i) => workflowId(1_000 + i));
    const longLived = [
      ...withCampaign,
      ...ids.map((id) => ({
        type: 'WorkflowBound' as const,
        data: { orgId: ORG_ID, orchestratorId: ORCHESTRATOR_ID, workflowId: id, campaignId: CAMPAIGN_ID, boundAt: at(1) },
      })),
      ...ids
        .slice(1)
        .map((id) => ({ type: 'WorkflowReleased' as const, data: { orgId: ORG_ID, orchestratorId: ORCHESTRATOR_ID, workflowId: id, releasedAt: at(2) } })),
    ];
    given(orchestratorDecider, longLived)
      .when(command.deleteOrchestrator())
      .thenRejects('ORCHESTRATOR_HAS_ACTIVE_WORKFLOWS', { details: { workflows: 1 } });
    given(orchestratorDecider, longLived)
      .when(command.startWorkflow({ workflowId: ids[500] }))
      .thenRejects('WORKFLOW_ALREADY_EXISTS');
    given(orchestratorDecider, longLived)
      .when(command.releaseWorkflow({ workflowId: ids[0] }, AS_SERVICE))
      .then([{ type: 'WorkflowReleased', data: { orgId: ORG_ID, orchestratorId: ORCHESTRATOR_ID, workflowId: ids[0], releasedAt: at(0) } }]);
  });

  it('ReleaseWorkflow is idempotent and sent by services only', () => {
    const released = [...bound, ...accepted(given(orchestratorDecider, bound).when(command.releaseWorkflow({ workflowId: workflowId(1) }, AS_SERVICE)))];
    given(orchestratorDecider, released)
      .when(command.releaseWorkflow({ workflowId: workflowId(1) }, AS_SERVICE))
      .thenNothing();
    given(orchestratorDecider, bound)
      .when(command.releaseWorkflow({ workflowId: workflowId(1) }))
      .thenRejects('ORCHESTRATION_ROLE_REQUIRED');
  });

  it('a StartWorkflow and a DeleteOrchestrator racing: the loser re-decides against the winner and is refused', () => {
    // Both append to the orchestrator's stream: whichever lands second sees the other's event.
    const deleted = [...withCampaign, ...accepted(given(orchestratorDecider, withCampaign).when(command.deleteOrchestrator()))];
    given(orchestratorDecider, deleted).when(command.startWorkflow()).thenRejects('ORCHESTRATOR_NOT_FOUND');
    const started = [...withCampaign, ...start(withCampaign, WORKFLOW_ID)];
    given(orchestratorDecider, started).when(command.deleteOrchestrator()).thenRejects('ORCHESTRATOR_HAS_ACTIVE_WORKFLOWS');
  });
});
