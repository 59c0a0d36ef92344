import { randomUUID } from 'node:crypto';
import { ads as wire } from '@campaign/contracts';
import { waitFor } from '@campaign/testing';
import { syncCommandId } from './derived-id';
import { actionRequestedEvent, automationStream, GOOGLE_CUSTOMER, META_ACCOUNT, registeredEvent, startSyncHarness, type SyncHarness } from './testing';

const orgId = randomUUID();
const brand = wire.adCampaignIdOf('google', '111');
const generic = wire.adCampaignIdOf('google', '222');
const prospecting = wire.adCampaignIdOf('meta', '2385000001');
const retargeting = wire.adCampaignIdOf('meta', '2385000002');

// Issue 12 point 7 (seed 003 ai_actions_log: PAUSE, BUDGET_CHANGE, REALLOCATE): approved actions
// executed through the platform connector, once, retried by the domain, reported with their attempt.
describe('guarded ad actions executed against the stand-in platforms (real Kafka and PostgreSQL)', () => {
  let h: SyncHarness;
  const stream = automationStream(orgId);

  beforeAll(async () => {
    h = await startSyncHarness(orgId);
    for (const [platform, account, id, budget] of [
      ['google', GOOGLE_CUSTOMER, '111', '50.00'],
      ['google', GOOGLE_CUSTOMER, '222', '80.00'],
      ['meta', META_ACCOUNT, '2385000001', '150.00'],
      ['meta', META_ACCOUNT, '2385000002', '40.00'],
    ] as const) {
      const data = registeredEvent(orgId, platform, account, id, budget);
      await h.events.write(`ads-campaign-${data.campaignId}`, 'AdCampaignRegistered', data, { tenant: orgId });
    }
    await h.directory.caughtUp();
  }, 120_000);

  afterAll(() => h?.stop());

  const outcome = (actionId: string, attempt: number) =>
    h.sent(
      `outcome of ${actionId} attempt ${attempt}`,
      (c) => c.data.actionId === actionId && c.data.attempt === attempt && c.type.startsWith('RecordAdAction'),
    );
  const mutationsOf = (actionId: string) => h.standIn.data.mutations.filter((m) => m.idempotencyKey?.startsWith(`${actionId}:`));

  it('executes an approved PAUSE once on the platform and records it executed with its attempt', async () => {
    const actionId = randomUUID();
    const spec = { actionType: 'PAUSE', platform: 'google', previousState: { status: 'active' }, newState: { status: 'paused' }, changeAmount: '50.00' };
    await h.events.write(stream, 'AdActionRequested', actionRequestedEvent(orgId, actionId, brand, spec), { tenant: orgId });
    const approved = await h.events.write(
      stream,
      'AdActionApproved',
      { actionId, executedBy: 'ai_autonomous', approvedBy: null, approvedAt: null },
      { tenant: orgId },
    );

    expect(await outcome(actionId, 1)).toEqual({
      type: 'RecordAdActionExecuted',
      orgId,
      commandId: syncCommandId(actionId, 1, 'RecordAdActionExecuted'),
      data: { actionId, attempt: 1, newState: { status: 'paused' }, executedAt: expect.any(String) },
    });
    expect(mutationsOf(actionId)).toEqual([
      expect.objectContaining({ platform: 'google', platformCampaignId: '111', change: { status: 'PAUSED' }, idempotencyKey: `${actionId}:1:pause` }),
    ]);
    expect(h.standIn.data.campaign('google', '111')?.status).toBe('PAUSED');

    // The approval redelivered (a consumer restart): nothing runs again.
    await h.events.write(stream, 'AdActionApproved', approved.data as Record<string, unknown>, { tenant: orgId, version: approved.streamVersion });
    const marker = randomUUID();
    await h.events.write(stream, 'AdActionRequested', actionRequestedEvent(orgId, marker, brand, spec), { tenant: orgId });
    await h.events.write(stream, 'AdActionApproved', { actionId: marker, executedBy: 'ai_autonomous', approvedBy: null, approvedAt: null }, { tenant: orgId });
    await outcome(marker, 1);
    expect(h.commands.sent.filter((c) => c.data.actionId === actionId)).toHaveLength(1);
    expect(
      h.standIn.data.requests.filter((r) => r.body.includes(`${actionId}`) || r.headers['x-idempotency-key']?.toString().startsWith(actionId)),
    ).toHaveLength(1);
  });

  it('reports a failing attempt with its number and the typed error, and executes the retry the domain asks for', async () => {
    const actionId = randomUUID();
    const spec = {
      actionType: 'BUDGET_CHANGE',
      platform: 'meta',
      previousState: { budgetAmount: '150.00' },
      newState: { budgetAmount: '120.00' },
      changeAmount: '30.00',
    };
    h.standIn.data.failNext('meta', 3, 500);
    await h.events.write(stream, 'AdActionRequested', actionRequestedEvent(orgId, actionId, prospecting, spec), { tenant: orgId });
    await h.events.write(
      stream,
      'AdActionApproved',
      { actionId, executedBy: 'marketer-1', approvedBy: 'marketer-1', approvedAt: new Date().toISOString() },
      { tenant: orgId },
    );

    expect(await outcome(actionId, 1)).toEqual({
      type: 'RecordAdActionFailed',
      orgId,
      commandId: syncCommandId(actionId, 1, 'RecordAdActionFailed'),
      data: { actionId, attempt: 1, error: expect.stringMatching(/^AD_PLATFORM_UNAVAILABLE: meta answered 500/) },
    });
    expect(mutationsOf(actionId)).toEqual([]);

    await h.events.write(stream, 'AdActionAttemptFailed', { actionId, attempt: 1, error: 'x', retryAt: new Date().toISOString() }, { tenant: orgId });
    await h.events.write(stream, 'AdActionRetryRequested', { actionId, attempt: 2 }, { tenant: orgId });
    expect(await outcome(actionId, 2)).toMatchObject({ type: 'RecordAdActionExecuted', data: { actionId, attempt: 2, newState: { budgetAmount: '120.00' } } });
    expect(mutationsOf(actionId)).toEqual([
      expect.objectContaining({ platformCampaignId: '2385000001', change: { budgetAmount: '120.00' }, idempotencyKey: `${actionId}:2:budget` }),
    ]);
  });

  it('executes a REALLOCATE as two budget changes, the giving campaign lowered first', async () => {
    const actionId = randomUUID();
    const spec = {
      actionType: 'REALLOCATE',
      platform: 'google',
      previousState: { from: { campaignId: generic, budgetAmount: '80.00' }, to: { campaignId: brand, budgetAmount: '50.00' } },
      newState: { from: { budgetAmount: '60.00' }, to: { budgetAmount: '70.00' } },
      changeAmount: '20.00',
    };
    await h.events.write(stream, 'AdActionRequested', actionRequestedEvent(orgId, actionId, generic, spec), { tenant: orgId });
    await h.events.write(stream, 'AdActionApproved', { actionId, executedBy: 'ai_autonomous', approvedBy: null, approvedAt: null }, { tenant: orgId });
    expect(await outcome(actionId, 1)).toMatchObject({ type: 'RecordAdActionExecuted' });
    expect(mutationsOf(actionId).map((m) => [m.platformCampaignId, m.change])).toEqual([
      ['222', { budgetAmount: '60.00' }],
      ['111', { budgetAmount: '70.00' }],
    ]);
  });

  it('skips a retry of an action the events already show executed', async () => {
    const actionId = randomUUID();
    const spec = { actionType: 'PAUSE', platform: 'meta', previousState: { status: 'active' }, newState: { status: 'paused' }, changeAmount: '40.00' };
    await h.events.write(stream, 'AdActionRequested', actionRequestedEvent(orgId, actionId, retargeting, spec), { tenant: orgId });
    await h.events.write(
      stream,
      'AdActionExecuted',
      { actionId, attempt: 1, newState: { status: 'paused' }, executedAt: new Date().toISOString() },
      { tenant: orgId },
    );
    await h.events.write(stream, 'AdActionRetryRequested', { actionId, attempt: 2 }, { tenant: orgId });
    const marker = randomUUID();
    await h.events.write(
      stream,
      'AdActionRequested',
      actionRequestedEvent(orgId, marker, retargeting, { ...spec, actionType: 'BUDGET_CHANGE', newState: { budgetAmount: '41.00' } }),
      { tenant: orgId },
    );
    await h.events.write(stream, 'AdActionApproved', { actionId: marker, executedBy: 'ai_autonomous', approvedBy: null, approvedAt: null }, { tenant: orgId });
    await outcome(marker, 1);
    expect(h.commands.sent.filter((c) => c.data.actionId === actionId)).toEqual([]);
    expect(mutationsOf(actionId)).toEqual([]);
  });

  it('does not execute a stale approval (a replay): its attempt is reported failed with AD_ACTION_STALE', async () => {
    const actionId = randomUUID();
    const spec = { actionType: 'PAUSE', platform: 'google', previousState: { status: 'active' }, newState: { status: 'paused' }, changeAmount: '80.00' };
    const longAgo = new Date(Date.now() - 3 * 3_600_000).toISOString();
    await h.events.write(stream, 'AdActionRequested', actionRequestedEvent(orgId, actionId, generic, spec), { tenant: orgId, occurredAt: longAgo });
    await h.events.write(
      stream,
      'AdActionApproved',
      { actionId, executedBy: 'ai_autonomous', approvedBy: null, approvedAt: null },
      { tenant: orgId, occurredAt: longAgo },
    );
    expect(await outcome(actionId, 1)).toMatchObject({ type: 'RecordAdActionFailed', data: { attempt: 1, error: expect.stringMatching(/^AD_ACTION_STALE/) } });
    expect(mutationsOf(actionId)).toEqual([]);
  });

  it('reports an action on a campaign the directory does not know as failed, without calling a platform', async () => {
    const actionId = randomUUID();
    const spec = { actionType: 'PAUSE', platform: 'google', previousState: {}, newState: { status: 'paused' }, changeAmount: '0.00' };
    await h.events.write(stream, 'AdActionRequested', actionRequestedEvent(orgId, actionId, randomUUID(), spec), { tenant: orgId });
    await h.events.write(stream, 'AdActionApproved', { actionId, executedBy: 'ai_autonomous', approvedBy: null, approvedAt: null }, { tenant: orgId });
    expect(await waitFor('failure', async () => h.commands.sent.find((c) => c.data.actionId === actionId))).toMatchObject({
      type: 'RecordAdActionFailed',
      data: { error: expect.stringMatching(/^AD_PLATFORM_NOT_CONFIGURED: campaign .* is not registered/) },
    });
  });
});
