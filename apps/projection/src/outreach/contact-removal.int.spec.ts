import { randomUUID } from 'node:crypto';
import type { EventEnvelope } from '@campaign/contracts';
import { OutreachHistory, useOutreachSchemas } from './testing';

/**
 * A contact removed from its draft or paused campaign (issue 11): ContactRemoved, recorded on
 * the campaign's stream, deletes its campaign_contacts row; the counters do not move (nothing
 * was sent to it), and a redelivery changes nothing.
 */
describe('campaign_contacts: a removed contact', () => {
  const schemas = useOutreachSchemas();

  it('remove a contact from a draft campaign: its row is deleted, the others stay', async () => {
    const pool = schemas.pool();
    const { schema, runner } = await schemas.projectionIn('or_remove');
    const history = new OutreachHistory().organization('Removal Org');
    const owner = history.user('admin');
    const campaignId = history.createCampaign(owner, { name: 'Removal' });
    const [kept, removed] = history.addContacts(campaignId, [{}, {}]);
    const campaignEvents = history.envelopes.filter((e) => e.streamId.endsWith(`/campaign/${campaignId}`));
    const last = campaignEvents[campaignEvents.length - 1];
    const removal: EventEnvelope = {
      ...last,
      eventId: randomUUID(),
      type: 'ContactRemoved',
      streamVersion: last.streamVersion + 1,
      occurredAt: history.now,
      data: { orgId: history.orgId, campaignId, contactId: removed, abVariant: null, totalContacts: 1, removedAt: history.now },
    };
    await runner.applyBatch([...history.envelopes, removal]);
    const ids = async () => (await pool.query(`SELECT id FROM ${schema}.campaign_contacts WHERE campaign_id = $1`, [campaignId])).rows.map((r) => r.id);
    expect(await ids()).toEqual([kept]);
    await runner.applyBatch([removal]);
    expect(await ids()).toEqual([kept]);
    const { rows } = await pool.query(`SELECT contacts_reached FROM ${schema}.campaigns WHERE id = $1`, [campaignId]);
    expect(rows[0].contacts_reached).toBe(0);
  });

  it('added and removed within one batch: no row at all', async () => {
    const pool = schemas.pool();
    const { schema, runner } = await schemas.projectionIn('or_remove');
    const history = new OutreachHistory().organization('Removal Org');
    const campaignId = history.createCampaign(history.user('admin'), { name: 'Removal' });
    const [removed] = history.addContacts(campaignId, [{}]);
    const last = history.envelopes.filter((e) => e.streamId.endsWith(`/campaign/${campaignId}`)).pop() as EventEnvelope;
    const removal = {
      ...last,
      eventId: randomUUID(),
      type: 'ContactRemoved',
      streamVersion: last.streamVersion + 1,
      data: { orgId: history.orgId, campaignId, contactId: removed, abVariant: null, totalContacts: 0, removedAt: history.now },
    };
    await runner.applyBatch([...history.envelopes, removal]);
    expect((await pool.query(`SELECT id FROM ${schema}.campaign_contacts WHERE campaign_id = $1`, [campaignId])).rows).toEqual([]);
  });
});
