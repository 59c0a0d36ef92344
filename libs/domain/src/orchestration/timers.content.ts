/**
 * The step reactor's CreateContent (the STEP_CONTENT timer): an agent that produces content puts
 * `content: {title, contentType, platform, contentMarkdown, derivedFromStep?}` in its output; the
 * content is created in the step's campaign, named after the workflow and step (so a re-fire
 * names the same content and the decider answers it with nothing), with the content of
 * `derivedFromStep` as its parent.
 */
import { isPlainObject } from '../shared/validation';
import type { StepCompleted } from './workflow';
import { contentStreamId } from './content';
import type { OrchestrationTimerCommand } from './timers.policy';
import { STEP_KEY_PATTERN } from './template';

/** A step's content id from its workflow and key: a name-based UUID (libs/contracts' stepContentId); pure code cannot hash. */
export type StepContentIdOf = (workflowId: string, stepKey: string) => string;

const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);

/** The CreateContent a completion's output asks for, or null when it produces no content. */
export const stepContentCommand = (data: StepCompleted['data'], contentIdOf: StepContentIdOf): OrchestrationTimerCommand | null => {
  const produced = data.output.content;
  if (!isPlainObject(produced)) return null;
  const from = text(produced.derivedFromStep);
  const parentContentId = from !== null && STEP_KEY_PATTERN.test(from) && from !== data.stepKey ? contentIdOf(data.workflowId, from) : null;
  return {
    type: 'CreateContent',
    data: {
      campaignId: data.campaignId,
      contentId: contentIdOf(data.workflowId, data.stepKey),
      // Left as the agent gave them: the decider rejects what does not fit (CONTENT_INVALID) and the timer records why.
      title: text(produced.title) ?? '',
      contentType: text(produced.contentType) ?? '',
      platform: text(produced.platform) ?? '',
      contentMarkdown: text(produced.contentMarkdown),
      status: null,
      parentContentId,
      workflowId: data.workflowId,
      stepKey: data.stepKey,
      scheduledPublishAt: null,
      reviewDeadline: null,
    },
    streamId: contentStreamId(data.orgId, data.campaignId),
  };
};
