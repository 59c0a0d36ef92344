/**
 * Writes the planned history into an event store schema with the store's own bulk insert
 * (insertEvents), in commit order: directory, campaigns, bulks of contacts, activation, then the
 * contacts' stories round by round (every contact's first step, then every second step, …),
 * then the campaigns' endings. Each commit holds about `batch` events.
 */
import { type AppendRequestWithoutOutcome, insertEvents, quoteIdent } from '@campaign/eventstore';
import { outreach } from '@campaign/domain';
import type { Pool } from 'pg';
import {
  at,
  campaignCreated,
  contactAdded,
  contactsAdded,
  type ContactProgress,
  contactStep,
  leadCreated,
  orgEvents,
  ownerOf,
  statusChanged,
  type TypedEvent,
} from './history-events';
import { CONTACTS_PER_BULK, endingOf, type HistoryPlan, type PlannedCampaign } from './history-plan';
import { Rng } from './rng';

const { campaignStreamId, contactStreamId, leadStreamId, organizationStreamId } = outreach;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Each round of contact steps is six hours after the previous one; contact n acts at n × 50 ms into it. */
const ROUND = 6 * HOUR;

class CommitWriter {
  private pending: AppendRequestWithoutOutcome[] = [];
  private pendingEvents = 0;
  private sequence = 0;
  written = 0;

  constructor(
    private readonly pool: Pool,
    private readonly table: string,
    private readonly batch: number,
    private readonly ids: Rng,
    private readonly progress: (written: number) => void,
  ) {}

  /** Appends one command's worth of events: `events` to `streamId` after `after`, plus new streams it opens. */
  async append(
    streamId: string,
    after: number,
    events: readonly TypedEvent[],
    tenant: string,
    occurredAt: string,
    opened: { streamId: string; event: TypedEvent }[] = [],
  ): Promise<void> {
    const newEvent = (e: TypedEvent) => ({ eventId: this.ids.uuid(), type: e.type, schemaVersion: 1, data: e.data });
    const first = newEvent(events[0]);
    this.pending.push({
      streamId,
      expectedVersion: after,
      events: [first, ...events.slice(1).map(newEvent)],
      outcome: null,
      opened: opened.map((o) => ({ streamId: o.streamId, events: [newEvent(o.event)] })),
      metadata: {
        context: 'outreach',
        occurredAt,
        correlationId: first.eventId,
        causationId: null,
        actor: 'bench',
        tenant,
        commandId: `bench-${++this.sequence}`,
      },
    });
    this.pendingEvents += events.length + opened.length;
    if (this.pendingEvents >= this.batch) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.pending.length === 0) return;
    await insertEvents(this.pool, this.table, this.pending);
    this.written += this.pendingEvents;
    this.pending = [];
    this.pendingEvents = 0;
    this.progress(this.written);
  }

  nextId(): string {
    return this.ids.uuid();
  }
}

export const writeHistory = async (
  pool: Pool,
  schema: string,
  plan: HistoryPlan,
  seed: number,
  batch: number,
  progress: (written: number) => void,
): Promise<number> => {
  const writer = new CommitWriter(pool, quoteIdent(schema), batch, new Rng(seed ^ 0x5eed), progress);
  const campaignVersions = new Map<string, number>();
  const appendToCampaign = async (campaign: PlannedCampaign, event: TypedEvent, ms: number, opened: { streamId: string; event: TypedEvent }[] = []) => {
    const after = campaignVersions.get(campaign.id) ?? 0;
    await writer.append(campaignStreamId(campaign.org.id, campaign.id), after, [event], campaign.org.id, at(ms), opened);
    campaignVersions.set(campaign.id, after + 1);
  };
  for (const [index, org] of plan.orgs.entries()) await writer.append(organizationStreamId(org.id), 0, orgEvents(org, index), org.id, at(0));
  for (const campaign of plan.campaigns) {
    for (const contact of campaign.contacts) {
      if (contact.leadId)
        await writer.append(
          leadStreamId(campaign.org.id, contact.leadId),
          0,
          [leadCreated(campaign.org.id, contact.leadId, contact)],
          campaign.org.id,
          at(HOUR / 2),
        );
    }
  }
  for (const campaign of plan.campaigns) await appendToCampaign(campaign, campaignCreated(campaign), HOUR);
  for (const campaign of plan.campaigns) {
    for (let i = 0; i < campaign.contacts.length; i += CONTACTS_PER_BULK) {
      const bulk = campaign.contacts.slice(i, i + CONTACTS_PER_BULK);
      const opened = bulk.map((contact) => ({ streamId: contactStreamId(campaign.org.id, contact.id), event: contactAdded(campaign, contact) }));
      await appendToCampaign(campaign, contactsAdded(campaign, bulk, i + bulk.length), 2 * HOUR, opened);
    }
    await appendToCampaign(campaign, statusChanged(campaign, 'draft', 'active', 3 * HOUR), 3 * HOUR);
  }
  await writeStories(writer, plan);
  for (const campaign of plan.campaigns) {
    const end = 30 * DAY;
    const ending = endingOf(campaign);
    if (ending === 'paused-and-resumed') {
      await appendToCampaign(campaign, statusChanged(campaign, 'active', 'paused', end), end);
      await appendToCampaign(campaign, statusChanged(campaign, 'paused', 'active', end + HOUR), end + HOUR);
    }
    if (ending === 'completed') await appendToCampaign(campaign, statusChanged(campaign, 'active', 'completed', end), end);
  }
  await writer.flush();
  return writer.written;
};

/** Round k writes step k of every contact that has one; a contact's stream version is 1 (ContactAdded) + steps so far. */
const writeStories = async (writer: CommitWriter, plan: HistoryPlan): Promise<void> => {
  let longest = 0;
  for (const campaign of plan.campaigns) for (const contact of campaign.contacts) longest = Math.max(longest, contact.steps.length);
  const progress = new Map<string, ContactProgress>();
  for (let round = 0; round < longest; round++) {
    for (const campaign of plan.campaigns) {
      for (const contact of campaign.contacts) {
        if (round >= contact.steps.length) continue;
        const state = progress.get(contact.id) ?? { attempt: 1, softBounces: 0, dispatchId: '', firstBounceMs: 0 };
        progress.set(contact.id, state);
        const ms = DAY + round * ROUND + contact.n * 50;
        const ref = { orgId: campaign.org.id, campaignId: campaign.id, contactId: contact.id };
        const event = contactStep(contact.steps[round], ref, contact, state, ms, writer.nextId(), ownerOf(campaign.org));
        await writer.append(contactStreamId(campaign.org.id, contact.id), 1 + round, [event], campaign.org.id, at(ms));
      }
    }
  }
};
