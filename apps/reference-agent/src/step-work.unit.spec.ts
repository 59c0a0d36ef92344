import type { StepDispatch } from './step-dispatch';
import { reportCommandId, reportEnvelope } from './step-report';
import { reportFor } from './step-work';

const dispatch = (overrides: Partial<StepDispatch> = {}): StepDispatch => ({
  orgId: '0b6f3c52-1c2d-4e5f-8a9b-0c1d2e3f4a5b',
  streamId: 'orchestration-workflow-0b6f3c52-1c2d-4e5f-8a9b-0c1d2e3f4a5b-7d1e2f3a-4b5c-4d6e-8f7a-9b0c1d2e3f4a',
  eventId: 'e-1',
  correlationId: 'c-1',
  workflowId: '7d1e2f3a-4b5c-4d6e-8f7a-9b0c1d2e3f4a',
  campaignId: '5a0c7e2b-8d1f-4b3a-9e6c-2f4d6b8a0c1e',
  stepKey: 'social',
  stepName: 'Social post',
  agentType: 'writer',
  attempt: 1,
  input: {},
  dependencyOutputs: {},
  ...overrides,
});

describe('the reference agent answers a dispatch', () => {
  it('completes a step with the output, cost, tokens, quality and duration a step report carries', () => {
    const report = reportFor(dispatch({ input: { output: { summary: 'done' } } }), 250);
    expect(report).toEqual({
      type: 'CompleteStep',
      data: {
        workflowId: '7d1e2f3a-4b5c-4d6e-8f7a-9b0c1d2e3f4a',
        stepKey: 'social',
        attempt: 1,
        output: { summary: 'done', producedBy: 'reference-agent' },
        tokens: expect.any(Number),
        costCents: expect.any(Number),
        qualityScore: 0.9,
        durationMs: 250,
      },
    });
    if (report.type !== 'CompleteStep') throw new Error('completed');
    expect(report.data.tokens).toBeGreaterThan(0);
    expect(report.data.costCents).toBe(Math.ceil(report.data.tokens / 100));
  });

  // seed 000: "Content can be derived from other content" — the parent is the content of a step this one depends on
  it('produces content from input.produce, derived from the named dependency, titled after the parent', () => {
    const report = reportFor(
      dispatch({
        input: { produce: { title: 'Launch thread', contentType: 'social_post', platform: 'linkedin', derivedFromStep: 'draft' } },
        dependencyOutputs: { draft: { content: { title: 'Launch post' } } },
      }),
      0,
    );
    expect(report).toMatchObject({
      type: 'CompleteStep',
      data: {
        output: {
          content: {
            title: 'Launch thread',
            contentType: 'social_post',
            platform: 'linkedin',
            derivedFromStep: 'draft',
            contentMarkdown: expect.stringContaining('Derived from "Launch post"'),
          },
        },
      },
    });
  });

  // seed 000 Migration Considerations: content_type 'blog_post', platform 'website' — the defaults of content nobody typed
  it("produces content as a website blog post when the input names no type or platform (seed 000's migration defaults)", () => {
    const report = reportFor(dispatch({ input: { produce: { title: 'Hello', contentMarkdown: 'Body' } } }), 0);
    expect(report).toMatchObject({ data: { output: { content: { title: 'Hello', contentType: 'blog_post', platform: 'website', contentMarkdown: 'Body' } } } });
    expect(report.type === 'CompleteStep' && 'derivedFromStep' in (report.data.output.content as object)).toBe(false);
  });

  it('reports the quality score the input asks for, when it is between 0 and 1', () => {
    expect(reportFor(dispatch({ input: { qualityScore: 0.42 } }), 0)).toMatchObject({ data: { qualityScore: 0.42 } });
    expect(reportFor(dispatch({ input: { qualityScore: 7 } }), 0)).toMatchObject({ data: { qualityScore: 0.9 } });
  });

  it('is deterministic: the same dispatch gives the same report (a redelivery must repeat the same command data)', () => {
    const input = { produce: { title: 'Same' }, output: { b: 1, a: 2 } };
    expect(reportFor(dispatch({ input }), 10)).toEqual(reportFor(dispatch({ input }), 10));
  });
});

describe('the fault switch input.failAttempts', () => {
  it('fails attempts 1…n retryable, and completes attempt n+1', () => {
    const input = { failAttempts: 2 };
    for (const attempt of [1, 2])
      expect(reportFor(dispatch({ input, attempt }), 0)).toEqual({
        type: 'FailStep',
        data: expect.objectContaining({ attempt, retryable: true, error: `reference-agent: attempt ${attempt} fails on purpose (input.failAttempts = 2)` }),
      });
    expect(reportFor(dispatch({ input, attempt: 3 }), 0)).toMatchObject({ type: 'CompleteStep', data: { attempt: 3 } });
  });

  it('fails for good when input.failRetryable is false', () => {
    expect(reportFor(dispatch({ input: { failAttempts: 1, failRetryable: false } }), 0)).toMatchObject({ type: 'FailStep', data: { retryable: false } });
  });
});

describe('an input another attempt cannot fix fails the step for good (retryable false)', () => {
  it.each([
    ['failAttempts not a count', { failAttempts: -1 }, 'input.failAttempts is a non-negative integer'],
    ['produce not an object', { produce: 'post' }, 'input.produce is an object'],
    ['produce without a title', { produce: { contentType: 'blog_post' } }, 'input.produce.title is a non-empty string'],
    [
      'derivedFromStep not a dependency',
      { produce: { title: 'T', derivedFromStep: 'later' } },
      'input.produce.derivedFromStep names a step this one depends on (none)',
    ],
  ])('%s', (_rule, input, message) => {
    expect(reportFor(dispatch({ input }), 0)).toEqual({
      type: 'FailStep',
      data: { workflowId: dispatch().workflowId, stepKey: 'social', attempt: 1, error: `reference-agent: ${message}`, retryable: false },
    });
  });
});

describe('the report as a command', () => {
  it('has one command id per workflow, step and attempt', () => {
    expect(reportCommandId(dispatch({ attempt: 2 }))).toBe('agent-7d1e2f3a-4b5c-4d6e-8f7a-9b0c1d2e3f4a-social-2');
    expect(reportCommandId(dispatch({ attempt: 2 }))).not.toBe(reportCommandId(dispatch({ attempt: 3 })));
  });

  it("goes to the dispatch's org, keyed by the workflow's stream, caused by the dispatch", () => {
    const d = dispatch();
    const { envelope, key } = reportEnvelope(d, reportFor(d, 0), 'service:reference-agent', '2026-04-01T09:00:00.000Z');
    expect(key).toBe(d.streamId);
    expect(envelope).toMatchObject({
      commandId: reportCommandId(d),
      type: 'CompleteStep',
      context: 'orchestration',
      tenant: d.orgId,
      actor: 'service:reference-agent',
      correlationId: 'c-1',
      causationId: 'e-1',
    });
  });
});
