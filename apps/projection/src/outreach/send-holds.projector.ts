/**
 * Why a campaign's contacts wait (issue 11; seed 004 CAMPAIGN_SEND_LIMIT_EXCEEDED — "Wait 24
 * hours or increase limit"): `send_window_holds` keeps, per sender (the campaign owner, whose
 * windows seed 004 counts "per sender"), the window found full and until when. Not a seed table.
 * Made from the events alone, so a rebuild restores it:
 *   ContactDispatchHeld       → the sender's hold (a later hold replaces an earlier one)
 *   ContactDispatchRequested  → released: the sender sends again (a dispatch after the hold)
 * The query API shows the hold on every active campaign the sender owns while held_until is
 * ahead: the one whose contact was next and the others waiting behind the same window.
 */
import { outreach } from '@campaign/domain';
import type { PoolClient } from 'pg';
import type { OutreachEnvelope } from './outreach.events';

export const sendHoldsDdl = `
CREATE TABLE IF NOT EXISTS send_window_holds (
  org_id UUID NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
  sender_id UUID NOT NULL,
  send_limit TEXT NOT NULL,
  max_sends INTEGER NOT NULL,
  held_until TIMESTAMPTZ NOT NULL,
  held_at TIMESTAMPTZ NOT NULL,
  campaign_id UUID NOT NULL,
  PRIMARY KEY (org_id, sender_id)
);
ALTER TABLE send_window_holds ENABLE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS send_window_holds_org_isolation ON send_window_holds;
CREATE POLICY send_window_holds_org_isolation ON send_window_holds
  FOR ALL USING (org_id = (auth.jwt() ->> 'org_id')::uuid);
`;

/**
 * Applies the batch's holds and releases in order. A release removes only a hold taken before
 * the dispatch (a dispatch at the hold's own instant came before it, in the same pass), and a
 * hold never replaces a later one, so redelivered events change nothing.
 */
export const writeSendHolds = async (client: PoolClient, s: string, events: readonly OutreachEnvelope[]): Promise<void> => {
  for (const event of events) {
    if (event.type === 'ContactDispatchRequested') {
      const { orgId, senderId, requestedAt } = event.data;
      await client.query(`DELETE FROM ${s}.send_window_holds WHERE org_id = $1 AND sender_id = $2 AND held_at < $3`, [orgId, senderId, requestedAt]);
    }
    if (event.type !== 'ContactDispatchHeld') continue;
    const d = event.data;
    await client.query(
      `INSERT INTO ${s}.send_window_holds (org_id, sender_id, send_limit, max_sends, held_until, held_at, campaign_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (org_id, sender_id) DO UPDATE SET send_limit = EXCLUDED.send_limit, max_sends = EXCLUDED.max_sends,
         held_until = EXCLUDED.held_until, held_at = EXCLUDED.held_at, campaign_id = EXCLUDED.campaign_id
       WHERE ${s}.send_window_holds.held_at <= EXCLUDED.held_at`,
      [d.orgId, d.senderId, d.limit, d.max, d.heldUntil, d.heldAt, d.campaignId],
    );
  }
};

export interface SendHoldRow {
  readonly send_limit: string;
  readonly max_sends: number;
  readonly held_until: Date | string;
  readonly held_at: Date | string;
}

/** How getById and the contacts listing show a hold: the seed's code and message, the window, until when. */
export const sendHoldView = (row: SendHoldRow | undefined) =>
  row
    ? {
        code: outreach.OutreachErrorCode.CAMPAIGN_SEND_LIMIT_EXCEEDED,
        message: outreach.sendLimitMessage(row.send_limit, row.max_sends),
        limit: row.send_limit,
        max: row.max_sends,
        held_until: new Date(row.held_until).toISOString(),
        held_since: new Date(row.held_at).toISOString(),
      }
    : null;

/** The hold on an active campaign's sender whose wait is not over, or null (read as the caller, under RLS). */
export const sendHoldOf = async (client: PoolClient, campaignId: string) => {
  const { rows } = await client.query<SendHoldRow>(
    `SELECT h.send_limit, h.max_sends, h.held_until, h.held_at
       FROM campaigns c JOIN send_window_holds h ON h.org_id = c.org_id AND h.sender_id = c.owner_id
      WHERE c.id = $1 AND c.status = 'active' AND h.held_until > now()`,
    [campaignId],
  );
  return sendHoldView(rows[0]);
};
