import { type Command, type Decider, type Event, fold, isRejection, orchestration } from '@campaign/domain';
import { orchestrationTesting as t } from '@campaign/domain/testing';
import { decodeData, encodeData, validateEventData } from '../registry';

/**
 * What the orchestration deciders record, through the wire: a whole history (a strategy, a
 * campaign with its content graph, an orchestrator and a diamond workflow run to completion with
 * a retry) decided command by command, every event validated by its schema and read back equal.
 * A field the deciders write that the schema lacks (or writes differently) fails here.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDecider = Decider<any, Event, any>;

const deciderOf = (type: string): AnyDecider => {
  const entry = orchestration.ORCHESTRATION_DECIDERS.find((each) => each.commandTypes.includes(type));
  if (!entry) throw new Error(`no decider takes ${type}`);
  return entry.decider;
};

/** Decides each command on the events of the streams it reads and addresses; returns every event recorded. */
const play = (commands: readonly Command[]): Event[] => {
  const streams = new Map<string, Event[]>();
  const recorded: Event[] = [];
  for (const command of commands) {
    const decider = deciderOf(command.type);
    const own = decider.streamIdOf(command);
    const read = [...(decider.alsoReads?.(command) ?? []), own].flatMap((id) => streams.get(id) ?? []);
    const decision = decider.decide(command, fold(decider, read));
    if (isRejection(decision)) throw new Error(`${command.type} rejected: ${decision.code} ${decision.message}`);
    for (const event of decision) {
      const target = decider.streamOfNew?.(event, command) ?? own;
      streams.set(target, [...(streams.get(target) ?? []), event]);
      recorded.push(event);
    }
  }
  return recorded;
};

const { command, after, AS_SERVICE, contentId, stepOf, STRATEGY_ID, ORCHESTRATOR_ID } = t;
const agent = (seconds: number) => after(seconds, AS_SERVICE);
const diamond = [stepOf('a'), stepOf('b', ['a']), stepOf('c', ['a']), stepOf('d', ['b', 'c'])];

const HISTORY = play([
  command.createStrategy({ description: 'weekly', settings: { cadence: 'weekly' } }),
  command.updateStrategy({ strategyType: 'social' }),
  command.createOrchestrator({ steps: diamond, description: 'diamond' }),
  command.reviseTemplate({ steps: diamond.map((step) => ({ ...step, input: { v: 2 } })) }),
  command.createCampaign({ strategyId: STRATEGY_ID, orchestratorId: ORCHESTRATOR_ID, budget: '100', targetAudience: { smb: true }, deadline: t.at(86_400) }),
  command.updateCampaign({ priority: 'urgent', progressPercentage: 10 }),
  command.changeStatus({ status: 'active' }, after(1)),
  command.createContent({ scheduledPublishAt: t.at(600), contentMarkdown: '# Hi' }),
  command.createContent({ contentId: contentId(2), parentContentId: contentId(1) }),
  command.updateContent({ contentId: contentId(2), parentContentId: null, title: 'Second' }),
  command.relate(),
  command.unrelate(),
  command.schedule({ scheduledPublishAt: t.at(900) }),
  command.setActive(),
  command.recordAnalytics({ contentId: null, platform: 'linkedin' }),
  command.startWorkflow({ variant: 'B' }, after(2)),
  command.reportStarted({}, agent(3)),
  command.completeStep({ output: { draft: 'A' }, costCents: 12, qualityScore: 0.5 }, agent(5)),
  command.failStep({ stepKey: 'b' }, agent(6)),
  command.retryStep({ stepKey: 'b' }, agent(7)),
  command.completeStep({ stepKey: 'c' }, agent(8)),
  command.completeStep({ stepKey: 'b', attempt: 2 }, agent(9)),
  command.timeOutStep({ stepKey: 'd' }, agent(69)),
  command.retryStep({ stepKey: 'd' }, agent(70)),
  command.completeStep({ stepKey: 'd', attempt: 2 }, agent(71)),
  command.releaseWorkflow({}, AS_SERVICE),
  command.deleteOrchestrator({}, after(80)),
  command.publish({}, agent(900)),
  command.deleteContent({ contentId: contentId(2) }, after(901)),
  command.deleteStrategy({}, after(902)),
  command.deleteCampaign({}, after(903)),
]);

describe('every event the orchestration deciders record', () => {
  it('covers every event type of the context', () => {
    expect(new Set(HISTORY.map((event) => event.type))).toEqual(new Set(orchestration.ORCHESTRATION_EVENT_TYPES.filter((type) => type !== 'WorkflowFailed')));
  });

  it.each(HISTORY.map((event, index) => [`${index} ${event.type}`, event] as const))('%s fits its schema and reads back equal', (_name, event) => {
    expect(() => validateEventData('orchestration', event.type, event.data)).not.toThrow();
    const { version, bytes } = encodeData('orchestration', 'events', event.type, event.data);
    expect(decodeData('orchestration', 'events', event.type, version, bytes)).toEqual(event.data);
  });
});
