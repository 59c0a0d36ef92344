/**
 * The dispatcher's side of seed 004 On Completion 5, "Send summary email to owner": the owners'
 * addresses it keeps, and the claim that makes each completion's summary go out once. Runs in
 * the transaction that applies a batch of events (DispatchStateStore.applyBatch).
 */
import type { EventEnvelope } from '@campaign/contracts';
import type { outreach } from '@campaign/domain';
import type { PoolClient } from 'pg';
import { type OwnerRow, summaryNotificationId } from './owner-summary';

/** A completion whose summary email is to go out now (claimed in this batch's transaction). */
export interface OwnerSummaryDue {
  readonly notificationId: string;
  readonly completion: outreach.CampaignCompletionReported['data'];
  readonly owner: OwnerRow;
}

/** The org's users (`s`: the quoted schema), so a completion summary finds its owner's address. */
export const saveUsers = async (client: PoolClient, s: string, fresh: readonly EventEnvelope[]): Promise<void> => {
  const users = fresh
    .filter((event) => event.type === 'UserProfileRegistered')
    .map(({ data }) => {
      const d = data as outreach.UserProfileRegistered['data'];
      return { user_id: d.userId, org_id: d.orgId, email: d.email, full_name: d.fullName };
    });
  if (users.length === 0) return;
  await client.query(
    `INSERT INTO ${s}.users SELECT * FROM jsonb_populate_recordset(NULL::${s}.users, $1)
     ON CONFLICT (user_id) DO UPDATE SET email = EXCLUDED.email, full_name = EXCLUDED.full_name`,
    [JSON.stringify(users)],
  );
};

/**
 * Once per completion: each completion claims its summary by a row keyed by the summary's
 * notificationId (derived from the event), so a completion seen again (redelivered, or re-read
 * after a checkpoint was lost) claims nothing. An owner the dispatcher does not know cannot be
 * written to: that completion claims nothing.
 */
export const claimSummaries = async (client: PoolClient, s: string, fresh: readonly EventEnvelope[]): Promise<OwnerSummaryDue[]> => {
  const due: OwnerSummaryDue[] = [];
  for (const event of fresh) {
    if (event.type !== 'CampaignCompletionReported') continue;
    const completion = event.data as outreach.CampaignCompletionReported['data'];
    const owners = await client.query<OwnerRow>(`SELECT user_id, org_id, email, full_name FROM ${s}.users WHERE user_id = $1 AND org_id = $2`, [
      completion.ownerId,
      completion.orgId,
    ]);
    const owner = owners.rows[0];
    if (!owner) continue;
    const notificationId = summaryNotificationId(event.streamId, event.streamVersion);
    const claimed = await client.query(
      `INSERT INTO ${s}.owner_notifications (notification_id, org_id, campaign_id, kind, owner_id, requested_at)
       VALUES ($1, $2, $3, 'completion_summary', $4, $5) ON CONFLICT (notification_id) DO NOTHING`,
      [notificationId, completion.orgId, completion.campaignId, owner.user_id, completion.reportedAt],
    );
    if (claimed.rowCount === 1) due.push({ notificationId, completion, owner });
  }
  return due;
};
