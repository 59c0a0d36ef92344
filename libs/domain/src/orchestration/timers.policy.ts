/**
 * Which orchestration events set and cancel which timers, and the command each sends when due
 * (docs/orchestration.md, "Timers"). Pure: the timer-scheduler folds each subject's events
 * through these policies and stores what they say; cancellations apply before schedules.
 *
 *   StepDispatched                       → STEP_TIMEOUT at timeoutAt: TimeOutStep(attempt)
 *   StepCompleted / StepFailed (reported) → cancels STEP_TIMEOUT (a timed-out attempt's timer has fired)
 *   StepFailed with retryDueAt           → STEP_RETRY at retryDueAt: RetryStep(attempt)
 *   StepCompleted whose output has `content` → STEP_CONTENT at once: CreateContent named after the step
 *   ContentCreated with scheduledPublishAt, ContentPublishScheduled → CONTENT_PUBLISH then: PublishContent
 *   ContentPublished / ContentDeleted    → cancels CONTENT_PUBLISH
 *   WorkflowCompleted / WorkflowFailed   → WORKFLOW_RELEASE at once: ReleaseWorkflow
 *
 * Subjects: a step (`<workflowId>/<stepKey>`), a content (`<campaignId>/<contentId>`), a workflow.
 * Each timer carries the whole command it sends, so firing it needs no other state.
 */
import { contentStreamId, type ContentEvent } from './content';
import { orchestratorStreamId } from './orchestrator';
import { type StepCompleted, type WorkflowEvent, workflowStreamId } from './workflow';
import { stepContentCommand, type StepContentIdOf } from './timers.content';

export const ORCHESTRATION_TIMER_TYPES = ['STEP_TIMEOUT', 'STEP_RETRY', 'CONTENT_PUBLISH', 'WORKFLOW_RELEASE', 'STEP_CONTENT'] as const;
export type OrchestrationTimerType = (typeof ORCHESTRATION_TIMER_TYPES)[number];

/** The command a due timer sends, as it travels on the wire (tenant: the subject's org), and the stream it addresses. */
export interface OrchestrationTimerCommand {
  readonly type: 'TimeOutStep' | 'RetryStep' | 'PublishContent' | 'ReleaseWorkflow' | 'CreateContent';
  readonly data: Readonly<Record<string, unknown>>;
  readonly streamId: string;
}

export const ORCHESTRATION_TIMER_COMMANDS = {
  STEP_TIMEOUT: 'TimeOutStep',
  STEP_RETRY: 'RetryStep',
  CONTENT_PUBLISH: 'PublishContent',
  WORKFLOW_RELEASE: 'ReleaseWorkflow',
  STEP_CONTENT: 'CreateContent',
} as const satisfies Record<OrchestrationTimerType, OrchestrationTimerCommand['type']>;

export interface OrchestrationTimerToSchedule {
  readonly timerType: OrchestrationTimerType;
  readonly dueAt: string;
  readonly command: OrchestrationTimerCommand;
}

export interface OrchestrationTimerToCancel {
  readonly timerType: OrchestrationTimerType;
  readonly reason: string;
}

export type OrchestrationTimerSubjectKind = 'step' | 'content' | 'workflow';

/** Whose timers an event moves, and the org whose tenant the timers' commands carry. */
export interface OrchestrationTimerSubject {
  readonly kind: OrchestrationTimerSubjectKind;
  readonly id: string;
  readonly orgId: string;
}

export interface OrchestrationPolicyOutcome {
  readonly subject: OrchestrationTimerSubject;
  readonly cancel: readonly OrchestrationTimerToCancel[];
  readonly schedule: readonly OrchestrationTimerToSchedule[];
}

export type OrchestrationTimerEvent = WorkflowEvent | ContentEvent;

export const ORCHESTRATION_TIMER_EVENTS: readonly OrchestrationTimerEvent['type'][] = [
  'StepDispatched',
  'StepCompleted',
  'StepFailed',
  'WorkflowCompleted',
  'WorkflowFailed',
  'ContentCreated',
  'ContentPublishScheduled',
  'ContentPublished',
  'ContentDeleted',
];

const step = (data: { orgId: string; workflowId: string; stepKey: string }): OrchestrationTimerSubject => ({
  kind: 'step',
  id: `${data.workflowId}/${data.stepKey}`,
  orgId: data.orgId,
});
const content = (data: { orgId: string; campaignId: string; contentId: string }): OrchestrationTimerSubject => ({
  kind: 'content',
  id: `${data.campaignId}/${data.contentId}`,
  orgId: data.orgId,
});

const stepTimer = (timerType: 'STEP_TIMEOUT' | 'STEP_RETRY', data: { orgId: string; workflowId: string; stepKey: string; attempt: number }, dueAt: string) => ({
  timerType,
  dueAt,
  command: {
    type: ORCHESTRATION_TIMER_COMMANDS[timerType],
    data: { workflowId: data.workflowId, stepKey: data.stepKey, attempt: data.attempt },
    streamId: workflowStreamId(data.orgId, data.workflowId),
  },
});

const publishTimer = (data: { orgId: string; campaignId: string; contentId: string }, dueAt: string): OrchestrationTimerToSchedule => ({
  timerType: 'CONTENT_PUBLISH',
  dueAt,
  command: { type: 'PublishContent', data: { campaignId: data.campaignId, contentId: data.contentId }, streamId: contentStreamId(data.orgId, data.campaignId) },
});

const stepCompleted = (event: StepCompleted, contentIdOf: StepContentIdOf): OrchestrationPolicyOutcome => {
  const created = stepContentCommand(event.data, contentIdOf);
  return {
    subject: step(event.data),
    cancel: [{ timerType: 'STEP_TIMEOUT', reason: `attempt ${event.data.attempt} completed` }],
    schedule: created ? [{ timerType: 'STEP_CONTENT', dueAt: event.data.completedAt, command: created }] : [],
  };
};

/** The timers `event` sets and cancels; null when it moves none. `contentIdOf` names a step's content (contracts' stepContentId). */
export const orchestrationTimerPolicy = (event: OrchestrationTimerEvent, contentIdOf: StepContentIdOf): OrchestrationPolicyOutcome | null => {
  switch (event.type) {
    case 'StepDispatched':
      return { subject: step(event.data), cancel: [], schedule: [stepTimer('STEP_TIMEOUT', event.data, event.data.timeoutAt)] };
    case 'StepCompleted':
      return stepCompleted(event, contentIdOf);
    case 'StepFailed': {
      const { attempt, timedOut, retryDueAt } = event.data;
      // A timed-out attempt's STEP_TIMEOUT is the timer that fired: nothing left to cancel.
      const cancel: OrchestrationTimerToCancel[] = timedOut ? [] : [{ timerType: 'STEP_TIMEOUT', reason: `attempt ${attempt} failed` }];
      return { subject: step(event.data), cancel, schedule: retryDueAt === null ? [] : [stepTimer('STEP_RETRY', event.data, retryDueAt)] };
    }
    case 'WorkflowCompleted':
    case 'WorkflowFailed': {
      const { orgId, workflowId, orchestratorId } = event.data;
      const at = event.type === 'WorkflowCompleted' ? event.data.completedAt : event.data.failedAt;
      const command: OrchestrationTimerCommand = {
        type: 'ReleaseWorkflow',
        data: { orchestratorId, workflowId },
        streamId: orchestratorStreamId(orgId, orchestratorId),
      };
      return { subject: { kind: 'workflow', id: workflowId, orgId }, cancel: [], schedule: [{ timerType: 'WORKFLOW_RELEASE', dueAt: at, command }] };
    }
    case 'ContentCreated':
      return event.data.scheduledPublishAt === null
        ? null
        : { subject: content(event.data), cancel: [], schedule: [publishTimer(event.data, event.data.scheduledPublishAt)] };
    case 'ContentPublishScheduled':
      return {
        subject: content(event.data),
        cancel: [{ timerType: 'CONTENT_PUBLISH', reason: 'rescheduled' }],
        schedule: [publishTimer(event.data, event.data.scheduledPublishAt)],
      };
    case 'ContentPublished':
    case 'ContentDeleted':
      return {
        subject: content(event.data),
        cancel: [{ timerType: 'CONTENT_PUBLISH', reason: event.type === 'ContentPublished' ? 'published' : 'deleted' }],
        schedule: [],
      };
    default:
      return null;
  }
};
