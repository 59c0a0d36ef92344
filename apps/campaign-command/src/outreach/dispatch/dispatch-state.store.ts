import type { EventEnvelope } from '@campaign/contracts';
import type { outreach } from '@campaign/domain';
import { inTransaction, migrateInTransaction, type PersonalData, quoteIdent } from '@campaign/eventstore';
import { freshInOrder, type StreamSource } from '@campaign/messaging';
import type { Pool, PoolClient } from 'pg';
import { type CampaignRow, type ContactRow, DEFAULT_RETRY_BACKOFF, type RetryBackoff, type Suppression, type SuppressionReason } from './dispatch-state';
import { foldFacts, type Folded, rowIdsOf, type StateRows } from './dispatch-state.fold';
import { dispatchStateDdl } from './dispatch-state.schema';
import { claimSummaries, type OwnerSummaryDue, saveUsers } from './owner-notifications.store';

/** A batch applied: the events that were new, the rows as they are after them, the summaries due. */
export interface AppliedBatch extends StateRows, Folded {
  readonly fresh: readonly EventEnvelope[];
  readonly summaries: readonly OwnerSummaryDue[];
}

/** A contact the dispatcher may write to now, with what it needs from its campaign. */
export interface DueContact {
  readonly contact: ContactRow;
  readonly campaign: CampaignRow;
}

/**
 * The dispatcher's state in Postgres. Batches of events are applied in one transaction with
 * their streams' checkpoints; the dispatcher loop reads due contacts and marks its own claims.
 */
export class DispatchStateStore {
  private readonly s: string;

  constructor(
    private readonly pool: Pool,
    readonly schema: string,
    private readonly backoff: RetryBackoff = DEFAULT_RETRY_BACKOFF,
    /** Where versions missing from a batch are read (the event store); none: a gap fails the batch. */
    private readonly source: StreamSource | null = null,
    /**
     * Opens the events' sealed personal values (the addresses to write to) and keeps the
     * suppression list by blind lookup instead of address. None: values are taken as they come.
     */
    private readonly personalData: PersonalData | null = null,
  ) {
    this.s = quoteIdent(schema);
  }

  async migrate(): Promise<void> {
    // The lookups below need the key store's tables.
    await this.personalData?.keys.migrate();
    // Instances starting together would race on CREATE ... IF NOT EXISTS; one goes at a time.
    await migrateInTransaction(this.pool, async (client) => {
      await client.query(`SELECT pg_advisory_xact_lock(hashtext('dispatch-migrate:${this.schema}'))`);
      await client.query(dispatchStateDdl(this.schema));
      await this.blindOldSuppressions(client);
    });
  }

  /** Suppressions kept by address before they were kept by lookup are converted in place, once. */
  private async blindOldSuppressions(client: PoolClient): Promise<void> {
    if (!this.personalData) return;
    const { rows } = await client.query<Suppression>(`SELECT org_id, email, reason FROM ${this.s}.suppressions WHERE email NOT LIKE 'lookup:%'`);
    if (rows.length === 0) return;
    const lookups = await this.suppressionKeys(rows);
    const converted = rows.map((row, i) => ({ ...row, lookup: lookups[i] }));
    await client.query(
      `UPDATE ${this.s}.suppressions s SET email = c.lookup
         FROM jsonb_to_recordset($1::jsonb) AS c(org_id uuid, email text, reason text, lookup text)
        WHERE s.org_id = c.org_id AND s.email = c.email AND s.reason = c.reason`,
      [JSON.stringify(converted)],
    );
  }

  /**
   * Applies the events not seen before. `beforeCommit` runs inside the transaction once the
   * rows are written: what it publishes is out before the checkpoint says "done".
   */
  async applyBatch(events: readonly EventEnvelope[], beforeCommit: (applied: AppliedBatch) => Promise<void> = async () => undefined): Promise<AppliedBatch> {
    return inTransaction(this.pool, async (client) => {
      const fresh = await this.opened(await this.freshEvents(client, events));
      const rows = await this.loadRows(client, fresh);
      const folded = foldFacts(rows, fresh, this.backoff);
      await this.writeRows(client, rows, folded);
      await this.applyErasures(client, fresh);
      await saveUsers(client, this.s, fresh);
      const summaries = await claimSummaries(client, this.s, fresh);
      await this.saveCheckpoints(client, fresh);
      const applied = { fresh, ...rows, ...folded, summaries };
      await beforeCommit(applied);
      return applied;
    });
  }

  /**
   * The events not applied before, in order; versions the bus did not deliver are read from
   * the event store first, so no state change is skipped (a gap it cannot fill fails the batch).
   */
  private async freshEvents(client: PoolClient, events: readonly EventEnvelope[]): Promise<EventEnvelope[]> {
    const streams = [...new Set(events.map((e) => e.streamId))];
    const { rows } = await client.query<{ stream_id: string; stream_version: number }>(
      `SELECT stream_id, stream_version FROM ${this.s}.stream_checkpoints WHERE stream_id = ANY($1) FOR UPDATE`,
      [streams],
    );
    return (await freshInOrder(events, new Map(rows.map((row) => [row.stream_id, row.stream_version])), this.source)).fresh;
  }

  private async loadRows(client: PoolClient, fresh: readonly EventEnvelope[]): Promise<StateRows> {
    const { campaignIds, contactIds } = rowIdsOf(fresh);
    const contacts = await client.query<{ row: ContactRow }>(
      `SELECT to_jsonb(c) AS row FROM ${this.s}.contacts c WHERE contact_id = ANY($1::uuid[]) FOR UPDATE`,
      [contactIds],
    );
    // A contact's counters go to its campaign, which the batch may not name otherwise.
    const allCampaignIds = [...new Set([...campaignIds, ...contacts.rows.map(({ row }) => row.campaign_id)])];
    const campaigns = await client.query<{ row: CampaignRow }>(
      `SELECT to_jsonb(c) AS row FROM ${this.s}.campaigns c WHERE campaign_id = ANY($1::uuid[]) ORDER BY campaign_id FOR UPDATE`,
      [allCampaignIds],
    );
    return {
      campaigns: new Map(campaigns.rows.map(({ row }) => [row.campaign_id, row])),
      contacts: new Map(contacts.rows.map(({ row }) => [row.contact_id, row])),
    };
  }

  private async writeRows(client: PoolClient, rows: StateRows, folded: Folded): Promise<void> {
    await this.upsert(
      client,
      'campaigns',
      'campaign_id',
      [...folded.changedCampaigns].map((id) => rows.campaigns.get(id)),
    );
    await this.upsert(
      client,
      'contacts',
      'contact_id',
      [...folded.changedContacts].map((id) => rows.contacts.get(id)),
    );
    if (folded.removedContacts.size > 0) await client.query(`DELETE FROM ${this.s}.contacts WHERE contact_id = ANY($1::uuid[])`, [[...folded.removedContacts]]);
    if (folded.suppressions.length === 0) return;
    const lookups = await this.suppressionKeys(folded.suppressions);
    const suppressions = folded.suppressions.map((row, i) => ({ ...row, email: lookups[i] }));
    await client.query(`INSERT INTO ${this.s}.suppressions SELECT * FROM jsonb_populate_recordset(NULL::${this.s}.suppressions, $1) ON CONFLICT DO NOTHING`, [
      JSON.stringify(suppressions),
    ]);
  }

  /** Writes whole rows by column name (jsonb_populate_recordset): one statement per table. */
  private async upsert(client: PoolClient, table: 'campaigns' | 'contacts', key: string, rows: readonly unknown[]): Promise<void> {
    if (rows.length === 0) return;
    const columns = Object.keys(rows[0] as object).filter((column) => column !== key);
    await client.query(
      `INSERT INTO ${this.s}.${table} SELECT * FROM jsonb_populate_recordset(NULL::${this.s}.${table}, $1)
       ON CONFLICT (${key}) DO UPDATE SET ${columns.map((c) => `${quoteIdent(c)} = EXCLUDED.${quoteIdent(c)}`).join(', ')}`,
      [JSON.stringify(rows)],
    );
  }

  private async saveCheckpoints(client: PoolClient, fresh: readonly EventEnvelope[]): Promise<void> {
    const last = new Map(fresh.map((event) => [event.streamId, event.streamVersion]));
    if (last.size === 0) return;
    await client.query(
      `INSERT INTO ${this.s}.stream_checkpoints (stream_id, stream_version)
       SELECT * FROM unnest($1::text[], $2::int[])
       ON CONFLICT (stream_id) DO UPDATE SET stream_version = GREATEST(${this.s}.stream_checkpoints.stream_version, EXCLUDED.stream_version)`,
      [[...last.keys()], [...last.values()]],
    );
  }

  /**
   * Pending contacts of active campaigns that have started, with no dispatch outstanding and
   * not deferred, oldest first; senders in `resting` are left out (their windows are full).
   */
  async dueContacts(now: Date, limit: number, resting: readonly string[]): Promise<DueContact[]> {
    const { rows } = await this.pool.query<{ contact: ContactRow; campaign: CampaignRow }>(
      `SELECT to_jsonb(ct) AS contact, to_jsonb(cp) AS campaign
         FROM ${this.s}.contacts ct JOIN ${this.s}.campaigns cp USING (campaign_id)
        WHERE cp.status = 'active' AND (cp.start_date IS NULL OR cp.start_date <= ($1::timestamptz)::date)
          AND NOT (cp.owner_id::text = ANY($3::text[]))
          AND ct.status = 'pending' AND ct.outstanding_dispatch_id IS NULL
          AND (ct.next_attempt_not_before IS NULL OR ct.next_attempt_not_before <= $1)
        ORDER BY ct.queued_at, ct.contact_id
        LIMIT $2`,
      [now.toISOString(), limit, resting],
    );
    return rows.map(({ contact, campaign }) => ({ contact, campaign }));
  }

  /** The reasons each of the org's addresses is suppressed for (addresses normalized). */
  async suppressionsOf(orgId: string, emails: readonly string[]): Promise<Map<string, Set<SuppressionReason>>> {
    const keys = await this.suppressionKeys(emails.map((email) => ({ org_id: orgId, email })));
    const emailOf = new Map(keys.map((key, i) => [key, emails[i]]));
    const { rows } = await this.pool.query<Suppression>(
      `SELECT org_id, email, reason FROM ${this.s}.suppressions WHERE org_id = $1 AND email = ANY($2::text[])`,
      [orgId, keys],
    );
    const byEmail = new Map<string, Set<SuppressionReason>>();
    for (const row of rows) {
      const email = emailOf.get(row.email) as string;
      byEmail.set(email, (byEmail.get(email) ?? new Set()).add(row.reason));
    }
    return byEmail;
  }

  /**
   * How an address is kept on the suppression list: its blind lookup in the org, so the list
   * outlives the person's erasure (an erased person is still never written to) without
   * holding the address. Without a key store, the address itself.
   */
  private async suppressionKeys(rows: readonly { readonly org_id: string; readonly email: string }[]): Promise<string[]> {
    if (!this.personalData) return rows.map((row) => row.email);
    const keys = this.personalData.keys;
    const byOrg = new Map<string, number[]>();
    rows.forEach((row, i) => {
      const indexes = byOrg.get(row.org_id);
      if (indexes) indexes.push(i);
      else byOrg.set(row.org_id, [i]);
    });
    const out: string[] = new Array(rows.length);
    for (const [orgId, indexes] of byOrg) {
      const lookups = await keys.lookupsOf(
        orgId,
        indexes.map((i) => ({ kind: 'email', value: rows[i].email })),
      );
      indexes.forEach((index, n) => (out[index] = `lookup:${lookups[n]}`));
    }
    return out;
  }

  private opened(events: EventEnvelope[]): Promise<EventEnvelope[]> {
    return this.personalData ? this.personalData.openAll(events) : Promise.resolve(events);
  }

  /**
   * An erased person's contacts keep their state but lose what identified them: with no
   * address left, a pending one is refused as undeliverable by the dispatcher's usual path.
   */
  private async applyErasures(client: PoolClient, fresh: readonly EventEnvelope[]): Promise<void> {
    const contactIds = fresh
      .filter((event) => event.type === 'PersonalDataErased')
      .flatMap((event) => (event.data as outreach.PersonalDataErased['data']).subjects)
      .flatMap((subject) => /\/contact\/([0-9a-f-]{36})$/.exec(subject)?.[1] ?? []);
    if (contactIds.length === 0) return;
    await client.query(
      `UPDATE ${this.s}.contacts SET email = NULL, linkedin_url = NULL, first_name = NULL, last_name = NULL WHERE contact_id = ANY($1::uuid[])`,
      [contactIds],
    );
  }

  /** Marks an accepted dispatch at once, before its event comes back, unless the event already did. */
  async claimDispatch(contactId: string, dispatchId: string): Promise<void> {
    await this.pool.query(
      `UPDATE ${this.s}.contacts SET outstanding_dispatch_id = $2, last_dispatch_id = $2
        WHERE contact_id = $1 AND last_dispatch_id IS DISTINCT FROM $2`,
      [contactId, dispatchId],
    );
  }

  /** Leaves a contact alone until `until` (its fate is being recorded, or it failed oddly). */
  async defer(contactId: string, until: Date): Promise<void> {
    await this.pool.query(`UPDATE ${this.s}.contacts SET next_attempt_not_before = $2 WHERE contact_id = $1`, [contactId, until.toISOString()]);
  }

  async campaign(campaignId: string): Promise<CampaignRow | null> {
    const { rows } = await this.pool.query<{ row: CampaignRow }>(`SELECT to_jsonb(c) AS row FROM ${this.s}.campaigns c WHERE campaign_id = $1`, [campaignId]);
    return rows[0] ? rows[0].row : null;
  }

  async activeCampaigns(): Promise<CampaignRow[]> {
    const { rows } = await this.pool.query<{ row: CampaignRow }>(`SELECT to_jsonb(c) AS row FROM ${this.s}.campaigns c WHERE status = 'active'`);
    return rows.map(({ row }) => row);
  }

  async contact(contactId: string): Promise<ContactRow | null> {
    const { rows } = await this.pool.query<{ row: ContactRow }>(`SELECT to_jsonb(c) AS row FROM ${this.s}.contacts c WHERE contact_id = $1`, [contactId]);
    return rows[0]?.row ?? null;
  }
}
