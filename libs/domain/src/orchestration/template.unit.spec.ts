import { unchecked } from '../testing';
import { OrchestrationErrorCode as Code } from './errors';
import { MAX_TEMPLATE_STEPS, type StepTemplate, stepOrders, validateTemplate, type WorkflowTemplate } from './template';
import { diamond, stepOf, templateOf } from './testing';

const codeOf = (template: WorkflowTemplate) => validateTemplate(template)?.code ?? null;
const chain = (length: number) => Array.from({ length }, (_, i) => stepOf(`s${i}`, i === 0 ? [] : [`s${i - 1}`]));

describe('a workflow template (seed 000: an orchestrator defines the workflow template)', () => {
  it('a diamond of steps with dependencies is a valid template', () => {
    expect(validateTemplate(diamond())).toBeNull();
  });

  it('a template has at least one step', () => {
    expect(codeOf(templateOf())).toBe(Code.TEMPLATE_NO_STEPS);
  });

  it(`a template has at most ${MAX_TEMPLATE_STEPS} steps`, () => {
    expect(validateTemplate(templateOf(...chain(MAX_TEMPLATE_STEPS)))).toBeNull();
    expect(validateTemplate(templateOf(...chain(MAX_TEMPLATE_STEPS + 1)))).toMatchObject({
      code: Code.TEMPLATE_TOO_MANY_STEPS,
      details: { steps: 201, max: 200 },
    });
  });

  it('a template has a positive integer version and a list of steps', () => {
    expect(codeOf({ version: 0, steps: [stepOf('a')] })).toBe(Code.TEMPLATE_INVALID);
    expect(codeOf({ version: 1.5, steps: [stepOf('a')] })).toBe(Code.TEMPLATE_INVALID);
    expect(codeOf(unchecked({ version: 1 }))).toBe(Code.TEMPLATE_INVALID);
    expect(codeOf(unchecked(null))).toBe(Code.TEMPLATE_INVALID);
  });

  it('step keys are unique', () => {
    expect(validateTemplate(templateOf(stepOf('a'), stepOf('b'), stepOf('a')))).toMatchObject({
      code: Code.TEMPLATE_STEP_KEY_DUPLICATE,
      details: { step: 'a' },
    });
  });

  it.each(['', 'A', '1st', 'has space', 'dot.ted', 'x'.repeat(64), 'draft;drop', 'é'])('a step key is a safe identifier: %p is refused', (key) => {
    expect(codeOf(templateOf(stepOf(key)))).toBe(Code.TEMPLATE_STEP_KEY_INVALID);
  });

  it.each(['a', 'write_post', 'review-2', 'x'.repeat(63)])('a step key is a safe identifier: %p is accepted', (key) => {
    expect(validateTemplate(templateOf(stepOf(key)))).toBeNull();
  });

  it.each<[string, Partial<StepTemplate>]>([
    ['name', { name: ' ' }],
    ['name', { name: 'x'.repeat(256) }],
    ['name', { name: 'nul\u0000' }],
    ['agentType', { agentType: 'Writer Bot' }],
    ['dependsOn', { dependsOn: unchecked('a') }],
    ['input', { input: unchecked([]) }],
    ['input', { input: { when: unchecked(new Date(0)) } }],
  ])('a step with a bad %s is refused, naming the field', (field, overrides) => {
    expect(validateTemplate(templateOf(stepOf('b', [], overrides)))).toMatchObject({ code: Code.TEMPLATE_STEP_INVALID, details: { step: 'b', field } });
  });

  it('a step names each dependency once', () => {
    expect(validateTemplate(templateOf(stepOf('a'), stepOf('b', ['a', 'a'])))).toMatchObject({
      code: Code.TEMPLATE_STEP_INVALID,
      details: { field: 'dependsOn' },
    });
  });

  it.each([999, 24 * 3_600_000 + 1, 1.5, Number.NaN])('a step timeout is 1 s to 24 h in whole milliseconds: %p is refused', (timeoutMs) => {
    expect(codeOf(templateOf(stepOf('a', [], { timeoutMs })))).toBe(Code.TEMPLATE_STEP_TIMEOUT_OUT_OF_RANGE);
  });

  it.each([0, 11, 2.5])('a step has 1 to 10 attempts: %p is refused', (maxAttempts) => {
    expect(codeOf(templateOf(stepOf('a', [], { maxAttempts })))).toBe(Code.TEMPLATE_STEP_ATTEMPTS_OUT_OF_RANGE);
  });

  it.each([
    ['initialDelayMs', { initialDelayMs: 0, multiplier: 2, maxDelayMs: 10 }],
    ['multiplier', { initialDelayMs: 10, multiplier: 0.5, maxDelayMs: 10 }],
    ['multiplier', { initialDelayMs: 10, multiplier: Number.POSITIVE_INFINITY, maxDelayMs: 10 }],
    ['maxDelayMs', { initialDelayMs: 10, multiplier: 2, maxDelayMs: 9 }],
    ['maxDelayMs', { initialDelayMs: 10, multiplier: 2, maxDelayMs: 24 * 3_600_000 + 1 }],
  ])('a step back-off is bounded: a bad %s is refused', (field, backoff) => {
    expect(validateTemplate(templateOf(stepOf('a', [], { backoff })))).toMatchObject({
      code: Code.TEMPLATE_STEP_BACKOFF_INVALID,
      details: { field: `backoff.${field}` },
    });
  });

  it('a step depends only on steps of the template', () => {
    expect(validateTemplate(templateOf(stepOf('a'), stepOf('b', ['a', 'ghost'])))).toMatchObject({
      code: Code.TEMPLATE_DEPENDENCY_UNKNOWN,
      details: { step: 'b', dependency: 'ghost' },
    });
  });

  // seed 000: "Steps can have dependencies on other steps" — on other steps, so never on itself.
  it('a step does not depend on itself', () => {
    expect(validateTemplate(templateOf(stepOf('a', ['a'])))).toMatchObject({ code: Code.TEMPLATE_DEPENDENCY_SELF, details: { cycle: 'a → a' } });
  });

  // seed 000: "each workflow contains multiple ordered steps" — an order exists only without cycles.
  it('a dependency cycle of two steps is refused with its path', () => {
    expect(validateTemplate(templateOf(stepOf('a', ['b']), stepOf('b', ['a'])))).toMatchObject({
      code: Code.TEMPLATE_DEPENDENCY_CYCLE,
      details: { cycle: 'a → b → a' },
    });
  });

  it('a dependency cycle deep inside a DAG is refused with exactly the looping steps', () => {
    const template = templateOf(stepOf('root'), stepOf('x', ['root', 'z']), stepOf('y', ['x']), stepOf('z', ['y']), stepOf('leaf', ['x']));
    expect(validateTemplate(template)).toMatchObject({ code: Code.TEMPLATE_DEPENDENCY_CYCLE, details: { cycle: 'x → z → y → x' } });
  });

  it(`a dependency cycle through all ${MAX_TEMPLATE_STEPS} steps is found without overflowing the stack`, () => {
    const steps = chain(MAX_TEMPLATE_STEPS);
    steps[0] = stepOf('s0', [`s${MAX_TEMPLATE_STEPS - 1}`]);
    const rejection = validateTemplate(templateOf(...steps));
    expect(rejection?.code).toBe(Code.TEMPLATE_DEPENDENCY_CYCLE);
    const path = String(rejection?.details.cycle).split(' → ');
    expect(path).toHaveLength(MAX_TEMPLATE_STEPS + 1);
    expect(path[0]).toBe(path[path.length - 1]);
  });

  it('on random graphs, every reported cycle is a real one and every accepted template has an order', () => {
    let cycles = 0;
    for (let seed = 1; seed <= 200; seed++) {
      let random = seed;
      const next = () => (random = (random * 48_271) % 2_147_483_647) / 2_147_483_647;
      const keys = Array.from({ length: 8 }, (_, i) => `k${i}`);
      const steps = keys.map((key) =>
        stepOf(
          key,
          keys.filter((other) => other !== key && next() < 0.15),
        ),
      );
      const rejection = validateTemplate(templateOf(...steps));
      if (rejection === null) {
        const orders = stepOrders(templateOf(...steps));
        for (const step of steps) for (const dep of step.dependsOn) expect(orders.get(step.key)).toBeGreaterThan(orders.get(dep) as number);
        continue;
      }
      cycles++;
      const path = String(rejection.details.cycle).split(' → ');
      expect(path[0]).toBe(path[path.length - 1]);
      for (let i = 0; i + 1 < path.length; i++) expect(steps.find((step) => step.key === path[i])?.dependsOn).toContain(path[i + 1]);
    }
    expect(cycles).toBeGreaterThan(20);
    expect(cycles).toBeLessThan(180);
  });
});

describe('step_order (seed 000 chk_step_order)', () => {
  // seed 000 chk_step_order: CHECK (step_order > 0)
  it('chk_step_order: a step without dependencies has step_order 1, so every order is > 0', () => {
    expect([...stepOrders(templateOf(stepOf('a'), stepOf('b'))).values()]).toEqual([1, 1]);
  });

  // seed 000 chk_step_order: CHECK (step_order > 0)
  it('chk_step_order: a diamond a → {b, c} → d orders 1, 2, 2, 3', () => {
    expect(Object.fromEntries(stepOrders(diamond()))).toEqual({ a: 1, b: 2, c: 2, d: 3 });
  });

  // seed 000 chk_step_order: CHECK (step_order > 0)
  it('chk_step_order: a step comes after the longest chain before it, whatever the listing order', () => {
    const template = templateOf(stepOf('late', ['short', 'long3']), stepOf('short'), stepOf('long3', ['long2']), stepOf('long2', ['long1']), stepOf('long1'));
    expect(Object.fromEntries(stepOrders(template))).toEqual({ late: 4, short: 1, long3: 3, long2: 2, long1: 1 });
  });

  // seed 000 chk_step_order: CHECK (step_order > 0)
  it(`chk_step_order: a chain of ${MAX_TEMPLATE_STEPS} steps orders 1 to ${MAX_TEMPLATE_STEPS}, each above its dependencies`, () => {
    const template = templateOf(...chain(MAX_TEMPLATE_STEPS));
    const orders = stepOrders(template);
    expect([...orders.values()]).toEqual(Array.from({ length: MAX_TEMPLATE_STEPS }, (_, i) => i + 1));
    for (const step of template.steps) for (const dep of step.dependsOn) expect(orders.get(step.key)).toBeGreaterThan(orders.get(dep) as number);
  });

  it('stepOrders refuses a template with a cycle rather than inventing an order', () => {
    expect(() => stepOrders(templateOf(stepOf('a', ['b']), stepOf('b', ['a'])))).toThrow(/cycles/);
  });
});
