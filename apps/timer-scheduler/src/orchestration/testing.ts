/** Builders of the orchestration timer specs: one workflow's and one campaign's events, as campaign-command records them. */
import { randomUUID } from 'node:crypto';
import { orchestration } from '@campaign/domain';
import type { OrchestrationEventRecord } from './orchestration-timers.policy';

type TimerEvent = orchestration.OrchestrationTimerEvent;

/** An event with the stream and version it was recorded at. */
export interface Recorded {
  readonly streamId: string;
  readonly streamVersion: number;
  readonly event: TimerEvent;
}

export const recordOf = ({ streamId, streamVersion, event }: Recorded): OrchestrationEventRecord => ({
  eventId: randomUUID(),
  streamId,
  streamVersion,
  occurredAt: new Date().toISOString(),
  event,
});

const iso = (millis: number): string => new Date(millis).toISOString();

/** A workflow of an org's campaign: its step events, numbered as its stream would number them. */
export const workflowOf = (orgId: string = randomUUID()) => {
  const ids = { orgId, workflowId: randomUUID(), campaignId: randomUUID(), orchestratorId: randomUUID() };
  const ref = { orgId: ids.orgId, workflowId: ids.workflowId, campaignId: ids.campaignId };
  const streamId = orchestration.workflowStreamId(orgId, ids.workflowId);
  let version = 1;
  const next = (event: TimerEvent): Recorded => ({ streamId, streamVersion: ++version, event });
  return {
    ...ids,
    streamId,
    dispatched: (stepKey: string, attempt: number, timeoutAt: number) =>
      next({
        type: 'StepDispatched',
        data: {
          ...ref,
          stepKey,
          stepName: `Step ${stepKey}`,
          agentType: 'writer',
          attempt,
          input: {},
          dependencyOutputs: {},
          dispatchedAt: iso(Date.now()),
          timeoutAt: iso(timeoutAt),
        },
      }),
    completed: (stepKey: string, attempt: number, output: Record<string, unknown> = { text: 'ok' }) =>
      next({
        type: 'StepCompleted',
        data: {
          ...ref,
          stepKey,
          attempt,
          output,
          costCents: null,
          tokens: null,
          qualityScore: null,
          durationMs: null,
          completedAt: iso(Date.now()),
          progressPercentage: 50,
        },
      }),
    failed: (stepKey: string, attempt: number, retryDueAt: number | null, timedOut = false) =>
      next({
        type: 'StepFailed',
        data: {
          ...ref,
          stepKey,
          attempt,
          error: 'rate limited',
          retryable: true,
          timedOut,
          failedAt: iso(Date.now()),
          retryDueAt: retryDueAt === null ? null : iso(retryDueAt),
        },
      }),
    workflowCompleted: () => next({ type: 'WorkflowCompleted', data: { ...ref, orchestratorId: ids.orchestratorId, completedAt: iso(Date.now()) } }),
  };
};

/** A campaign's content graph: its content events, numbered as its stream would number them. */
export const contentGraphOf = (orgId: string = randomUUID()) => {
  const campaignId = randomUUID();
  const streamId = orchestration.contentStreamId(orgId, campaignId);
  let version = 0;
  const next = (event: TimerEvent): Recorded => ({ streamId, streamVersion: ++version, event });
  const ref = (contentId: string) => ({ orgId, campaignId, contentId });
  return {
    orgId,
    campaignId,
    streamId,
    created: (contentId: string, scheduledPublishAt: number | null) =>
      next({
        type: 'ContentCreated',
        data: {
          ...ref(contentId),
          title: 'Launch post',
          contentMarkdown: null,
          status: 'draft',
          parentContentId: null,
          reviewDeadline: null,
          contentType: 'blog_post',
          platform: 'website',
          workflowId: null,
          stepKey: null,
          scheduledPublishAt: scheduledPublishAt === null ? null : iso(scheduledPublishAt),
          createdAt: iso(Date.now()),
        },
      }),
    scheduled: (contentId: string, at: number) =>
      next({ type: 'ContentPublishScheduled', data: { ...ref(contentId), scheduledPublishAt: iso(at), at: iso(Date.now()) } }),
    published: (contentId: string) => next({ type: 'ContentPublished', data: { ...ref(contentId), publishedAt: iso(Date.now()) } }),
    deleted: (contentId: string) => next({ type: 'ContentDeleted', data: { ...ref(contentId), deletedAt: iso(Date.now()) } }),
  };
};
