import { NotFoundException } from '@nestjs/common';
import { projectionConfigSchema } from './config';
import { CONTEXTS } from './contexts';
import { AdminController } from './shared/admin.controller';
import type { RebuildService } from './shared/rebuild.service';

const TEST_SECRET = 'a-test-secret-of-at-least-32-characters!';

describe('the contexts the projection app projects (contexts.ts)', () => {
  it('keeps every setting name and default deployments use', () => {
    const config = projectionConfigSchema.parse({ JWT_SECRET: TEST_SECRET });
    expect(config).toMatchObject({
      PROJECTION_GROUP: 'projection',
      LIFECYCLE_SCHEMA: 'lifecycle',
      LIFECYCLE_VIEW_REFRESH_MS: 500,
      OUTREACH_SCHEMA: 'outreach',
      OUTREACH_SUMMARY_REFRESH_MS: 3_600_000,
      OUTREACH_SUMMARY_DEBOUNCE_MS: 1_000,
    });
  });

  it("reads each context's schema and view-refresh policy from its own settings", () => {
    const env = {
      JWT_SECRET: TEST_SECRET,
      LIFECYCLE_SCHEMA: 'lc_x',
      VIEW_REFRESH_MS: '700',
      OUTREACH_SCHEMA: 'or_x',
      OUTREACH_SUMMARY_DEBOUNCE_MS: '900',
      OUTREACH_SUMMARY_REFRESH_MS: '5000',
    };
    const config = projectionConfigSchema.parse(env);
    const byName = Object.fromEntries(CONTEXTS.map((context) => [context.name, { schema: context.schemaOf(config), refresh: context.viewRefresh(config) }]));
    expect(byName).toMatchObject({
      // seed 002: mv_pending_timers reads NOW(), so it is refreshed every minute as well.
      lifecycle: { schema: 'lc_x', refresh: { debounceMs: 700, everyMs: 60_000 } },
      // seed 004: campaign_performance_summary hourly, and soon after changes.
      outreach: { schema: 'or_x', refresh: { debounceMs: 900, everyMs: 5000 } },
    });
  });

  it('reads LIFECYCLE_VIEW_REFRESH_MS, and its first name VIEW_REFRESH_MS only when the new one is not set', () => {
    const debounce = (env: Record<string, string>) => {
      const config = projectionConfigSchema.parse({ JWT_SECRET: TEST_SECRET, ...env });
      return CONTEXTS.find((context) => context.name === 'lifecycle')?.viewRefresh(config).debounceMs;
    };
    expect(debounce({ LIFECYCLE_VIEW_REFRESH_MS: '800' })).toBe(800);
    expect(debounce({ VIEW_REFRESH_MS: '700' })).toBe(700);
    expect(debounce({ LIFECYCLE_VIEW_REFRESH_MS: '800', VIEW_REFRESH_MS: '700' })).toBe(800);
  });

  it('names each context once, the same name its projection writes under', () => {
    const names = CONTEXTS.map((context) => context.name);
    expect(new Set(names).size).toBe(names.length);
    expect(CONTEXTS.map((context) => context.create('any_schema').context)).toEqual(names);
  });

  it('answers a rebuild of a context it does not project with 404 UNKNOWN_CONTEXT, before anything runs', () => {
    const rebuild = jest.fn();
    const rebuilds = { has: (name: string) => CONTEXTS.some((context) => context.name === name), busy: false, rebuild } as unknown as RebuildService;
    const controller = new AdminController(rebuilds);
    let thrown: unknown;
    try {
      controller.rebuild('billing');
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(NotFoundException);
    expect((thrown as NotFoundException).getResponse()).toMatchObject({ code: 'UNKNOWN_CONTEXT' });
    expect(rebuild).not.toHaveBeenCalled();
  });
});
