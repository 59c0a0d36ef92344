import { accepted, given } from '../testing';
import type { ContentEvent } from './content';
import { contentDecider } from './content.decide';
import { campaignDecider } from './campaign.decide';
import { after, AS_SERVICE, at, CAMPAIGN_ID, command, contentId, ORCHESTRATOR_ID, ORG_ID, run, startedWith, stepOf, WORKFLOW_ID } from './testing';
import { orchestrationTimerPolicy } from './timers.policy';
import type { CampaignEvent } from './campaign';

const contentIdOf = (workflowId: string, stepKey: string) => `content-of-${workflowId}-${stepKey}`;
const started = startedWith([stepOf('a'), stepOf('b', ['a'])]);
const workflowStream = `orchestration-workflow-${ORG_ID}-${WORKFLOW_ID}`;
const stepSubject = (key: string) => ({ kind: 'step', id: `${WORKFLOW_ID}/${key}`, orgId: ORG_ID });
const last = <T>(events: readonly T[]): T => events[events.length - 1];

describe('the step timers', () => {
  it('StepDispatched sets STEP_TIMEOUT at timeoutAt, firing TimeOutStep for the attempt', () => {
    expect(orchestrationTimerPolicy(last(started), contentIdOf)).toEqual({
      subject: stepSubject('a'),
      cancel: [],
      schedule: [
        {
          timerType: 'STEP_TIMEOUT',
          dueAt: at(60),
          command: { type: 'TimeOutStep', data: { workflowId: WORKFLOW_ID, stepKey: 'a', attempt: 1 }, streamId: workflowStream },
        },
      ],
    });
  });

  it("the attempt's StepCompleted or reported StepFailed cancels STEP_TIMEOUT", () => {
    const completed = run(started, command.completeStep({}, after(5)));
    expect(orchestrationTimerPolicy(completed[2], contentIdOf)).toMatchObject({ cancel: [{ timerType: 'STEP_TIMEOUT' }], schedule: [] });
    const failed = run(started, command.failStep({}, after(5)));
    expect(orchestrationTimerPolicy(last(failed), contentIdOf)).toMatchObject({ cancel: [{ timerType: 'STEP_TIMEOUT' }] });
  });

  it('StepFailed with retryDueAt sets STEP_RETRY, firing RetryStep for the failed attempt', () => {
    const timedOut = run(started, command.timeOutStep({}, after(60, AS_SERVICE)));
    expect(orchestrationTimerPolicy(last(timedOut), contentIdOf)).toEqual({
      subject: stepSubject('a'),
      cancel: [],
      schedule: [
        {
          timerType: 'STEP_RETRY',
          dueAt: at(61),
          command: { type: 'RetryStep', data: { workflowId: WORKFLOW_ID, stepKey: 'a', attempt: 1 }, streamId: workflowStream },
        },
      ],
    });
  });

  it("StepCompleted whose output has content sets STEP_CONTENT at once: CreateContent named after the step, derived from the other step's content", () => {
    const output = { content: { title: 'Post', contentType: 'blog_post', platform: 'website', contentMarkdown: '# Hi', derivedFromStep: 'a' } };
    const events = run(started, command.completeStep({}, after(5)), command.completeStep({ stepKey: 'b', output }, after(9)));
    const completedB = events.find((event) => event.type === 'StepCompleted' && event.data.stepKey === 'b');
    expect(orchestrationTimerPolicy(completedB!, contentIdOf)?.schedule).toEqual([
      {
        timerType: 'STEP_CONTENT',
        dueAt: at(9),
        command: {
          type: 'CreateContent',
          data: {
            campaignId: CAMPAIGN_ID,
            contentId: contentIdOf(WORKFLOW_ID, 'b'),
            title: 'Post',
            contentType: 'blog_post',
            platform: 'website',
            contentMarkdown: '# Hi',
            status: null,
            parentContentId: contentIdOf(WORKFLOW_ID, 'a'),
            workflowId: WORKFLOW_ID,
            stepKey: 'b',
            scheduledPublishAt: null,
            reviewDeadline: null,
          },
          streamId: `orchestration-content-${ORG_ID}-${CAMPAIGN_ID}`,
        },
      },
    ]);
  });

  it('WorkflowCompleted sets WORKFLOW_RELEASE at once, firing ReleaseWorkflow on the orchestrator', () => {
    const events = run(started, command.completeStep({}, after(5)), command.completeStep({ stepKey: 'b' }, after(9)));
    expect(orchestrationTimerPolicy(last(events), contentIdOf)).toEqual({
      subject: { kind: 'workflow', id: WORKFLOW_ID, orgId: ORG_ID },
      cancel: [],
      schedule: [
        {
          timerType: 'WORKFLOW_RELEASE',
          dueAt: at(9),
          command: {
            type: 'ReleaseWorkflow',
            data: { orchestratorId: ORCHESTRATOR_ID, workflowId: WORKFLOW_ID },
            streamId: `orchestration-orchestrator-${ORG_ID}-${ORCHESTRATOR_ID}`,
          },
        },
      ],
    });
  });
});

describe('the publish timer', () => {
  const campaign = accepted(given(campaignDecider).when(command.createCampaign())) as (ContentEvent | CampaignEvent)[];
  const decide = (events: (ContentEvent | CampaignEvent)[], next: Parameters<typeof contentDecider.decide>[0]) =>
    accepted(given(contentDecider, events).when(next))[0] as ContentEvent;
  const publishCommand = {
    type: 'PublishContent',
    data: { campaignId: CAMPAIGN_ID, contentId: contentId(1) },
    streamId: `orchestration-content-${ORG_ID}-${CAMPAIGN_ID}`,
  };

  it('ContentCreated with scheduledPublishAt sets CONTENT_PUBLISH then; without, nothing', () => {
    const created = decide(campaign, command.createContent({ scheduledPublishAt: at(600) }));
    expect(orchestrationTimerPolicy(created, contentIdOf)).toEqual({
      subject: { kind: 'content', id: `${CAMPAIGN_ID}/${contentId(1)}`, orgId: ORG_ID },
      cancel: [],
      schedule: [{ timerType: 'CONTENT_PUBLISH', dueAt: at(600), command: publishCommand }],
    });
    expect(orchestrationTimerPolicy(decide(campaign, command.createContent()), contentIdOf)).toBeNull();
  });

  it('a new schedule moves it; ContentPublished and ContentDeleted cancel it', () => {
    const created = [...campaign, decide(campaign, command.createContent())];
    expect(orchestrationTimerPolicy(decide(created, command.schedule()), contentIdOf)).toMatchObject({
      cancel: [{ timerType: 'CONTENT_PUBLISH' }],
      schedule: [{ timerType: 'CONTENT_PUBLISH', dueAt: at(3_600) }],
    });
    expect(orchestrationTimerPolicy(decide(created, command.publish()), contentIdOf)).toMatchObject({
      cancel: [{ timerType: 'CONTENT_PUBLISH' }],
      schedule: [],
    });
    expect(orchestrationTimerPolicy(decide(created, command.deleteContent()), contentIdOf)).toMatchObject({
      cancel: [{ timerType: 'CONTENT_PUBLISH' }],
      schedule: [],
    });
  });
});
