import { randomUUID } from 'node:crypto';
import type { ads } from '@campaign/domain';
import { serviceToken, waitFor } from '@campaign/testing';
import { envelopeOf, useSchedulerOnKafka } from '../testing';

interface ListedTimer {
  id: string;
  timer_type: string;
  due_at: string;
}

/** seed 003 data flow: "15min sync" — the whole scheduler, the ads events and commands on Kafka, a stand-in campaign-command. */
describe('timer-scheduler: ads account syncs over Kafka (seed 003)', () => {
  const bed = useSchedulerOnKafka('ads');
  const orgId = randomUUID();

  const operator = { authorization: `Bearer ${serviceToken(['timers:read', 'timers:operate'])}` };
  const activeOf = async (accountId: string): Promise<ListedTimer[]> => {
    const listing = (await (await fetch(`${bed.scheduler.url}/v1/timers?campaignId=${accountId}&context=ads`, { headers: operator })).json()) as {
      ads: { active: ListedTimer[] };
    };
    return listing.ads.active;
  };

  const account = () => {
    const accountId = randomUUID();
    let version = 0;
    const publish = (event: ads.AdAccountEvent, causationId: string | null = null) =>
      bed.publish([
        envelopeOf({ context: 'ads', streamId: `ads-account-${accountId}`, streamVersion: ++version, tenant: orgId, actor: 'user:admin', causationId }, event),
      ]);
    const base = { accountId, orgId, platform: 'google', platformAccountId: `pa-${accountId}` };
    return {
      accountId,
      connected: () =>
        publish({ type: 'AdAccountConnected', data: { ...base, name: 'Acme', currency: 'EUR', timeZone: 'UTC', connectedAt: new Date().toISOString() } }),
      requested: (syncId: string, requestedAt: string, causationId: string) =>
        publish({ type: 'AdAccountSyncRequested', data: { ...base, syncId, requestedAt, windowStart: requestedAt, windowEnd: requestedAt } }, causationId),
      disconnected: () => publish({ type: 'AdAccountDisconnected', data: { accountId, disconnectedAt: new Date().toISOString() } }),
    };
  };

  it('sync timer every 15 minutes: a connected account is synced at once in its org, then 15 minutes after each request; cancelled on disconnect', async () => {
    const a = account();
    await a.connected();
    const sent = await waitFor('the first sync command', async () => bed.commandSide.commandsWith('accountId', a.accountId)[0]);
    expect(sent).toMatchObject({
      type: 'RequestAdAccountSync',
      context: 'ads',
      tenant: orgId,
      commandId: expect.stringMatching(/^timer-/),
      data: { accountId: a.accountId, windowDays: null },
    });
    // What campaign-command records for that command: the sync, caused by the timer's command.
    const requestedAt = new Date().toISOString();
    await a.requested((sent.data as { syncId: string }).syncId, requestedAt, sent.commandId);
    const next = await waitFor('the next sync', async () => (await activeOf(a.accountId)).find((t) => Date.parse(t.due_at) > Date.now() + 60_000));
    expect(next).toMatchObject({ timer_type: 'SYNC_AD_ACCOUNT', due_at: new Date(Date.parse(requestedAt) + 15 * 60_000).toISOString() });

    await a.disconnected();
    await waitFor('the sync to be cancelled', async () => (await activeOf(a.accountId)).length === 0 || undefined);
  });
});
