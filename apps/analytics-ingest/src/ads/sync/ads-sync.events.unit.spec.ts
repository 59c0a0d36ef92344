import type { EventEnvelope } from '@campaign/contracts';
import { syncWorkOf } from './ads-sync.events';

const envelope = (type: string, data: Record<string, unknown>, streamVersion = 4): EventEnvelope => ({
  eventId: 'e',
  type,
  schemaVersion: 1,
  context: 'ads',
  streamId: 's',
  streamVersion,
  globalPosition: '1',
  occurredAt: '2024-03-10T12:00:00.000Z',
  correlationId: 'c',
  causationId: null,
  actor: 'a',
  tenant: 'org-1',
  data,
});

// seed 003 data flow: the "15min sync" requests and the guarded actions, read from the ads events.
describe('ads events the sync and the executor act on', () => {
  it('reads a sync request whole, and nothing from one missing its window', () => {
    const request = {
      accountId: 'a',
      orgId: 'o',
      platform: 'google',
      platformAccountId: '1',
      syncId: 's1',
      requestedAt: 'r',
      windowStart: 'w1',
      windowEnd: 'w2',
    };
    expect(syncWorkOf(envelope('AdAccountSyncRequested', request))).toEqual({ kind: 'sync-requested', request });
    expect(syncWorkOf(envelope('AdAccountSyncRequested', { ...request, windowEnd: null }))).toBeNull();
  });

  it('reads approvals as attempt 1 and retries as their attempt, with the org from the tenant', () => {
    expect(syncWorkOf(envelope('AdActionApproved', { actionId: 'x', executedBy: 'ai_autonomous' }))).toEqual({
      kind: 'action-attempt',
      actionId: 'x',
      orgId: 'org-1',
      attempt: 1,
      occurredAt: '2024-03-10T12:00:00.000Z',
    });
    expect(syncWorkOf(envelope('AdActionRetryRequested', { actionId: 'x', attempt: 3 }))).toMatchObject({ kind: 'action-attempt', attempt: 3 });
  });

  it('reads an action request with its states as objects, from JSON text too', () => {
    const data = {
      actionId: 'x',
      orgId: 'o',
      campaignId: 'c',
      actionType: 'PAUSE',
      platform: 'meta',
      previousState: '{"status":"active"}',
      newState: { status: 'paused' },
    };
    expect(syncWorkOf(envelope('AdActionRequested', data))).toEqual({
      kind: 'action-requested',
      version: 4,
      action: {
        actionId: 'x',
        orgId: 'o',
        campaignId: 'c',
        actionType: 'PAUSE',
        platform: 'meta',
        previousState: { status: 'active' },
        newState: { status: 'paused' },
      },
    });
  });

  it('closes an action on rejection, expiry and dead-lettering, and ignores other events', () => {
    for (const type of ['AdActionRejected', 'AdActionExpired', 'AdActionDeadLettered'])
      expect(syncWorkOf(envelope(type, { actionId: 'x' }))).toEqual({ kind: 'action-closed', actionId: 'x' });
    expect(syncWorkOf(envelope('AlertRaised', { alertId: 'x' }))).toBeNull();
    expect(syncWorkOf({ ...envelope('AdActionApproved', { actionId: 'x' }), context: 'outreach' })).toBeNull();
  });
});
