import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { AdPlatformsStandIn } from '@campaign/testing';
import { E2E_SECRETS, Platform } from './support/platform';

const REPO_ROOT = join(__dirname, '../../..');

/**
 * The README's first command ends with two demos (scripts/up.sh): they are run here against a
 * platform of their own, as a new user would see them, so a change that breaks them fails the
 * suite instead of the first run on a fresh machine.
 */
describe('the quick-start demos (scripts/demo.mjs, scripts/demo-outreach.mjs, scripts/demo-ads.mjs) run against the four apps', () => {
  const platform = new Platform();
  let env: Record<string, string>;
  let standIn: AdPlatformsStandIn;

  beforeAll(async () => {
    platform.env.SEND_LIMITS_OVERRIDE = JSON.stringify({ email: { minIntervalMs: 0, windows: { email_per_hour: 100_000, email_per_day: 100_000 } } });
    platform.env.DISPATCH_INTERVAL_MS = '200';
    // As scripts/up.sh does: the ad platforms' stand-in, and the analyzer's 3 s rest after a sync.
    standIn = await AdPlatformsStandIn.start();
    Object.assign(platform.env, standIn.connectorEnv(), { ADS_ANALYZER_DELAY_MS: '3000' });
    await platform.start('analytics-ingest');
    platform.env.TRACKING_BASE_URL = platform.url('analytics-ingest');
    await Promise.all([platform.start('campaign-command'), platform.start('projection'), platform.start('timer-scheduler')]);
    env = {
      ...process.env,
      ...platform.env,
      COMMAND_URL: platform.url('campaign-command'),
      QUERY_URL: platform.url('projection'),
      SCHEDULER_URL: platform.url('timer-scheduler'),
      INGEST_URL: platform.url('analytics-ingest'),
      JWT_SECRET: E2E_SECRETS.jwt,
      WEBHOOK_SECRET: E2E_SECRETS.webhook,
      ADS_STANDIN_URL: standIn.url,
    } as Record<string, string>;
  });
  afterAll(async () => {
    await platform.stopAll();
    await standIn?.close();
  });

  const demo = (script: string) => promisify(execFile)(process.execPath, [join(REPO_ROOT, 'scripts', script)], { cwd: REPO_ROOT, env, timeout: 180_000 });

  it('the lifecycle demo shows a campaign through its states into the read models', async () => {
    const { stdout } = await demo('demo.mjs');
    expect(stdout).toMatch(/RUNNING/);
    expect(stdout).toMatch(/CLOSED|EXPIRED|REWARD_CLAIM/);
  });

  it('the outreach demo sends 40 emails, takes engagement through analytics-ingest and shows the counters', async () => {
    const { stdout } = await demo('demo-outreach.mjs');
    expect(stdout).toMatch(/emails_sent=40/);
    expect(stdout).toMatch(/A\/B test results/);
    expect(stdout).toMatch(/engagement_tracking/);
  });

  it('the ads demo syncs two platforms, shows an alert resolved by a restatement and a guarded action executed', async () => {
    const { stdout } = await demo('demo-ads.mjs');
    expect(stdout).toMatch(/ROAS_DROP/);
    expect(stdout).toMatch(/'auto'/);
    expect(stdout).toMatch(/CHANGE_ABOVE_MAX_PER_ACTION/);
    expect(stdout).toMatch(/paused it on the platform: \[\{/);
    expect(stdout).toMatch(/'executed'/);
  });
});
