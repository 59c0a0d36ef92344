import { quoteIdent } from '@campaign/eventstore';
import type { PoolClient } from 'pg';
import { addDelta, type ContactState, COUNTERS, type CounterDelta, zeroDelta } from './campaign-counters';
import { projectIf } from '../shared/projector';
import { campaignContactsProjector } from './campaign-contacts.projector';
import { campaignsProjector } from './campaigns.projector';
import { writeCompletionReports } from './completion-reports.projector';
import { writeSendHolds } from './send-holds.projector';
import { DIRECTORY_PROJECTORS } from './directory.projector';
import { engagementTrackingProjector } from './engagement-tracking.projector';
import { applyErasures } from './personal-data-erasure';
import type { CampaignRow, ContactEnvelope, EngagementRow, OutreachEnvelope } from './outreach.events';
import { CAMPAIGN_COLUMNS, CONTACT_COLUMNS, CONTACT_MUTABLE_COLUMNS, ENGAGEMENT_COLUMNS, type Columns, updateSql, upsertSql } from './outreach.sql';

/** Set for the projection's own transactions (see update_updated_at_column in outreach.schema.ts). */
export const EVENT_TIMES_SETTING = 'outreach.event_times';

/** Rows per statement: a 100,000-contact ContactsAdded is written in a few set-based inserts. */
const CHUNK = 5_000;
/**
 * Contacts whose state a rebuild keeps between batches instead of reading it back (about 1 KB
 * each); beyond that, the others are read from the schema as in live consumption.
 */
const MAX_KNOWN_CONTACTS = 500_000;

interface ContactChanges {
  readonly contacts: Map<string, ContactState>;
  readonly changed: Set<string>;
  /** Contacts the batch created (no row before it). */
  readonly created: Set<string>;
  /** Contacts the batch removed from their campaign (ContactRemoved): their rows are deleted. */
  readonly removed: Set<string>;
  readonly engagements: EngagementRow[];
  readonly deltas: Map<string, CounterDelta & { at: string }>;
}

/**
 * Applies a batch of outreach events to one schema's read models inside the caller's
 * transaction, in a handful of set-based statements whatever the batch size: the rows the batch
 * touches are read once, the projectors run in memory in event order, and the results are
 * written back in bulk — directory, campaigns, contacts, engagement rows, then counter deltas.
 */
export class OutreachWriter {
  private readonly s: string;
  /** Rebuild mode: contacts' states as committed by earlier batches (filled only through settle). */
  private readonly known = new Map<string, ContactState>();
  /** The states the last applyBatch left, waiting for settle to say whether they were committed. */
  private staged: ReadonlyMap<string, ContactState> = new Map();

  constructor(readonly schema: string) {
    this.s = quoteIdent(schema);
  }

  /** Returns true when a campaign, contact or engagement row changed (the summary view is stale). */
  async applyBatch(client: PoolClient, events: readonly OutreachEnvelope[]): Promise<boolean> {
    // Rows carry the events' own times: update_updated_at_column() leaves them be (a rebuild
    // reproduces them), and stamps NOW() on any other writer's update, as the seed's does.
    await client.query(`SELECT set_config('${EVENT_TIMES_SETTING}', 'on', true)`);
    await this.writeDirectory(client, events);
    const campaigns = await this.applyCampaigns(client, events);
    await writeCompletionReports(client, this.s, events);
    await writeSendHolds(client, this.s, events);
    const contactEvents = events.filter(campaignContactsProjector.canHandle);
    const contacts = await this.projectContacts(client, contactEvents);
    this.staged = contacts.contacts;
    const rows = [...contacts.changed].map((id) => (contacts.contacts.get(id) as ContactState).row);
    // New rows in full; rows that existed before the batch only in what events can change.
    const created = rows.filter((row) => contacts.created.has(row.id));
    const updated = rows.filter((row) => !contacts.created.has(row.id));
    await inOrder([
      ...this.bulk(client, upsertSql(this.s, 'campaign_contacts', CONTACT_COLUMNS, 'update'), CONTACT_COLUMNS, created),
      ...this.bulk(client, updateSql(this.s, 'campaign_contacts', CONTACT_MUTABLE_COLUMNS), CONTACT_MUTABLE_COLUMNS, updated),
      ...this.bulk(client, upsertSql(this.s, 'engagement_tracking', ENGAGEMENT_COLUMNS, 'nothing'), ENGAGEMENT_COLUMNS, contacts.engagements),
      this.writeCounters(client, contacts.deltas),
      ...(contacts.removed.size > 0 ? [client.query(`DELETE FROM ${this.s}.campaign_contacts WHERE id = ANY($1::uuid[])`, [[...contacts.removed]])] : []),
    ]);
    // After every other write of the batch: an erasure blanks what the batch wrote too.
    const erased = await applyErasures(client, this.s, events);
    // Their kept states (rebuild mode) are forgotten: they are read back blanked when needed.
    for (const id of erased) {
      contacts.contacts.delete(id);
      this.known.delete(id);
    }
    return campaigns > 0 || rows.length > 0 || contacts.engagements.length > 0 || contacts.removed.size > 0 || erased.length > 0;
  }

  /**
   * Rebuild mode (the rebuild is the schema's one writer): after a committed batch its contacts'
   * states are known without reading them back; after anything rolled back, nothing is.
   */
  settle(committed: boolean): void {
    if (!committed) this.known.clear();
    for (const [id, state] of committed ? this.staged : []) {
      if (this.known.has(id) || this.known.size < MAX_KNOWN_CONTACTS) this.known.set(id, state);
    }
    this.staged = new Map();
  }

  /** Table by table in DIRECTORY_PROJECTORS' order, which puts referenced tables first. */
  private async writeDirectory(client: PoolClient, events: readonly OutreachEnvelope[]): Promise<void> {
    for (const target of DIRECTORY_PROJECTORS) {
      const rows = events.filter(target.canHandle).map((event) => target.project(null, event));
      await inOrder(this.bulk(client, upsertSql(this.s, target.table, target.columns, 'nothing'), target.columns, rows));
    }
  }

  /** Projects the batch's campaign events over the stored rows; returns how many rows changed. */
  private async applyCampaigns(client: PoolClient, events: readonly OutreachEnvelope[]): Promise<number> {
    const campaignEvents = events.filter(campaignsProjector.canHandle);
    if (campaignEvents.length === 0) return 0;
    const ids = [...new Set(campaignEvents.map((e) => e.data.campaignId))];
    const { rows } = await client.query<{ row: CampaignRow }>(`SELECT to_jsonb(c) AS row FROM ${this.s}.campaigns c WHERE id = ANY($1::uuid[])`, [ids]);
    const campaigns = new Map(rows.map(({ row }) => [row.id, row]));
    const changed = new Map<string, CampaignRow>();
    for (const event of campaignEvents) {
      const before = campaigns.get(event.data.campaignId) ?? null;
      const after = campaignsProjector.project(before, event);
      if (after && after !== before) {
        campaigns.set(after.id, after);
        changed.set(after.id, after);
      }
    }
    await inOrder(this.bulk(client, upsertSql(this.s, 'campaigns', CAMPAIGN_COLUMNS, 'update'), CAMPAIGN_COLUMNS, [...changed.values()]));
    return changed.size;
  }

  private async projectContacts(client: PoolClient, events: readonly ContactEnvelope[]): Promise<ContactChanges> {
    const contacts = await this.loadContacts(client, events);
    const result: ContactChanges = { contacts, changed: new Set(), created: new Set(), removed: new Set(), engagements: [], deltas: new Map() };
    for (const event of events) {
      const before = contacts.get(event.data.contactId) ?? null;
      const row = campaignContactsProjector.project(before?.row ?? null, event);
      const engagement = projectIf(engagementTrackingProjector, row, event, null);
      if (engagement) result.engagements.push(engagement);
      if (!row) {
        if (before && event.type === 'ContactRemoved') forget(result, event.data.contactId);
        continue;
      }
      const after = { row, hasEmailSent: (before?.hasEmailSent ?? false) || engagement?.event_type === 'email_sent' };
      if (after.row === before?.row && after.hasEmailSent === before.hasEmailSent) continue;
      contacts.set(row.id, after);
      if (after.row !== before?.row) result.changed.add(row.id);
      if (!before) result.created.add(row.id);
      const delta = result.deltas.get(row.campaign_id) ?? { ...zeroDelta(), at: event.occurredAt };
      if (!addDelta(delta, before, after)) continue;
      delta.at = event.occurredAt;
      result.deltas.set(row.campaign_id, delta);
    }
    return result;
  }

  /**
   * The stored rows of the contacts whose first event in the batch is not their ContactAdded,
   * with whether each already has an 'email_sent' engagement (emails_sent counts contacts).
   */
  private async loadContacts(client: PoolClient, events: readonly ContactEnvelope[]): Promise<Map<string, ContactState>> {
    const seen = new Set<string>();
    const stored: string[] = [];
    for (const event of events) {
      if (!seen.has(event.data.contactId) && event.type !== 'ContactAdded') stored.push(event.data.contactId);
      seen.add(event.data.contactId);
    }
    const contacts = new Map<string, ContactState>();
    const unknown = stored.filter((id) => {
      const state = this.known.get(id);
      if (state) contacts.set(id, state);
      return !state;
    });
    if (unknown.length === 0) return contacts;
    const { rows } = await client.query<{ row: ContactState['row']; has_email_sent: boolean }>(
      `SELECT to_jsonb(cc) AS row, EXISTS (SELECT 1 FROM ${this.s}.engagement_tracking et
              WHERE et.campaign_contact_id = cc.id AND et.event_type = 'email_sent') AS has_email_sent
         FROM ${this.s}.campaign_contacts cc WHERE cc.id = ANY($1::uuid[])`,
      [unknown],
    );
    for (const { row, has_email_sent } of rows) contacts.set(row.id, { row, hasEmailSent: has_email_sent });
    return contacts;
  }

  /** Moves each campaign's counters by its delta; the seed's trigger recomputes response_rate. */
  private async writeCounters(client: PoolClient, deltas: Map<string, CounterDelta & { at: string }>): Promise<void> {
    if (deltas.size === 0) return;
    const rows = [...deltas].map(([id, delta]) => ({ id, ...delta }));
    const set = COUNTERS.map((c) => `${c} = c.${c} + d.${c}`).join(', ');
    await client.query(
      `UPDATE ${this.s}.campaigns c SET ${set}, updated_at = GREATEST(c.updated_at, d.at)
         FROM jsonb_to_recordset($1::jsonb) AS d(id uuid, ${COUNTERS.map((c) => `${c} int`).join(', ')}, at timestamptz)
        WHERE c.id = d.id`,
      [JSON.stringify(rows)],
    );
  }

  /**
   * Issues the rows' statements, `CHUNK` rows each, on the batch's connection without waiting:
   * they run in order, and serialising the next one overlaps the database running this one.
   */
  private bulk(client: PoolClient, sql: string, columns: Columns, rows: readonly object[]): Promise<unknown>[] {
    // Flat rows: JSON.stringify keeps just the columns itself (a key left out reads as NULL);
    // with a jsonb column a key list would filter the nested document too, so pick instead.
    const names = columns.some(([, type]) => type === 'jsonb') ? null : columns.map(([name]) => name);
    const issued: Promise<unknown>[] = [];
    for (let i = 0; i < rows.length; i += CHUNK) {
      const chunk = rows.slice(i, i + CHUNK);
      issued.push(
        client.query(sql, [names ? JSON.stringify(chunk, names) : JSON.stringify(chunk.map((row) => pick(row as Record<string, unknown>, columns)))]),
      );
    }
    return issued;
  }
}

/**
 * Waits for every statement issued back to back on one connection. The first to fail is the
 * cause (those after it fail only because the transaction is aborted): that is the error thrown.
 */
const inOrder = async (issued: readonly Promise<unknown>[]): Promise<void> => {
  const failed = (await Promise.allSettled(issued)).find((outcome) => outcome.status === 'rejected');
  if (failed) throw failed.reason;
};

/** A removed contact: its row goes, and nothing the batch did to it before is written. */
const forget = (changes: ContactChanges, contactId: string): void => {
  changes.contacts.delete(contactId);
  changes.changed.delete(contactId);
  changes.created.delete(contactId);
  changes.removed.add(contactId);
};

const pick = (row: Record<string, unknown>, columns: Columns): Record<string, unknown> =>
  Object.fromEntries(columns.map(([name]) => [name, row[name] ?? null]));
