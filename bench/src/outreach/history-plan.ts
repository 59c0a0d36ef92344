/**
 * What the benchmark's event history will contain, decided up front from a seeded generator:
 * a few orgs with their users, templates and leads, their campaigns, and each contact's story
 * as a list of steps (dispatch, send, open, click, bounce, retry, reply, conversion,
 * unsubscribe). The events are written later, round after round (history.ts), so contacts'
 * stories interleave the way they would over a campaign's weeks.
 */
import type { outreach } from '@campaign/domain';
import { Rng } from './rng';

export const STEP = {
  dispatch: 0,
  sent: 1,
  opened: 2,
  clicked: 3,
  softBounce: 4,
  finalSoftBounce: 5,
  hardBounce: 6,
  requeued: 7,
  responded: 8,
  converted: 9,
  unsubscribed: 10,
  viewed: 11,
} as const;

/** Steps that leave an engagement_tracking row (the shared status rules' "Engagement ..."). */
const ENGAGEMENT_STEPS = new Set<number>([
  STEP.sent,
  STEP.opened,
  STEP.clicked,
  STEP.softBounce,
  STEP.finalSoftBounce,
  STEP.hardBounce,
  STEP.responded,
  STEP.unsubscribed,
  STEP.viewed,
]);

/** ContactsAdded carries at most this many contacts (one commit, like a bulk AddContacts). */
export const CONTACTS_PER_BULK = 5_000;
const ORGS = 4;
const CAMPAIGNS_PER_ORG = 5;
const CAMPAIGN_CHANNELS: readonly outreach.Channel[] = ['email', 'email', 'linkedin', 'combined', 'email'];
/** Campaign i % 5 === 1 is an A/B test (two email templates, 70 % to A). */
const AB_CAMPAIGN = 1;
/** Events every org's stream holds: registered, three users, four templates. */
const ORG_EVENTS = 8;

export interface PlannedOrg {
  readonly id: string;
  readonly userIds: readonly [admin: string, taManager: string, recruiter: string];
  readonly emailTemplateIds: readonly [string, string];
  /** A connection request template, then an InMail template. */
  readonly linkedinTemplateIds: readonly [string, string];
  readonly leadIds: string[];
}

export interface PlannedContact {
  readonly id: string;
  /** Index among all contacts of the history: names, addresses and times derive from it. */
  readonly n: number;
  readonly channel: outreach.TemplateChannel;
  readonly templateId: string;
  readonly linkedinMessageKind: outreach.LinkedInMessageKind | null;
  readonly variant: outreach.AbVariant | null;
  readonly leadId: string | null;
  readonly steps: Uint8Array;
}

export interface PlannedCampaign {
  readonly id: string;
  readonly index: number;
  readonly org: PlannedOrg;
  readonly channel: outreach.Channel;
  readonly isAbTest: boolean;
  readonly contacts: PlannedContact[];
}

/** How a campaign ends the history: paused and resumed, completed by its owner, or still active. */
export type Ending = 'paused-and-resumed' | 'completed' | 'active';
const ENDING_EVENTS: Readonly<Record<Ending, number>> = { 'paused-and-resumed': 2, completed: 1, active: 0 };

export const endingOf = (campaign: Pick<PlannedCampaign, 'index'>): Ending =>
  campaign.index % 3 === 0 ? 'paused-and-resumed' : campaign.index % 3 === 1 ? 'completed' : 'active';

export interface HistoryPlan {
  readonly orgs: readonly PlannedOrg[];
  readonly campaigns: readonly PlannedCampaign[];
  readonly events: number;
  readonly contacts: number;
  readonly leads: number;
  readonly engagementRows: number;
}

/** Email: 8 % never dispatched, 3 % hard bounce, 4 % soft bounces (a third of them to the final third), then engagement. */
const emailSteps = (rng: Rng, steps: number[]): void => {
  if (rng.chance(0.03)) return void steps.push(STEP.hardBounce);
  if (rng.chance(0.04)) {
    const bounces = 1 + rng.int(0, 2);
    for (let i = 1; i <= bounces; i++) {
      // seed 004: after 3 soft bounces, mark as 'bounced'.
      if (i === 3) return void steps.push(STEP.finalSoftBounce);
      steps.push(STEP.softBounce, STEP.requeued, STEP.dispatch, STEP.sent);
    }
  }
  if (rng.chance(0.5)) steps.push(STEP.opened);
  if (rng.chance(0.2)) steps.push(STEP.opened);
  if (rng.chance(0.2)) steps.push(STEP.clicked);
  if (rng.chance(0.02)) return void steps.push(STEP.unsubscribed);
  if (!rng.chance(0.15)) return;
  steps.push(STEP.responded);
  if (rng.chance(0.35)) steps.push(STEP.converted);
};

const linkedinSteps = (rng: Rng, steps: number[]): void => {
  if (rng.chance(0.3)) steps.push(STEP.viewed);
  if (!rng.chance(0.2)) return;
  steps.push(STEP.responded);
  if (rng.chance(0.3)) steps.push(STEP.converted);
};

const contactSteps = (rng: Rng, channel: outreach.TemplateChannel): Uint8Array => {
  if (rng.chance(0.08)) return new Uint8Array(0);
  const steps: number[] = [STEP.dispatch, STEP.sent];
  if (channel === 'email') emailSteps(rng, steps);
  else linkedinSteps(rng, steps);
  return Uint8Array.from(steps);
};

const planOrg = (rng: Rng): PlannedOrg => ({
  id: rng.uuid(),
  userIds: [rng.uuid(), rng.uuid(), rng.uuid()],
  emailTemplateIds: [rng.uuid(), rng.uuid()],
  linkedinTemplateIds: [rng.uuid(), rng.uuid()],
  leadIds: [],
});

const planContact = (rng: Rng, campaign: PlannedCampaign, n: number): PlannedContact => {
  const channel: outreach.TemplateChannel =
    campaign.channel === 'combined' ? (rng.chance(0.6) ? 'email' : 'linkedin') : campaign.channel === 'linkedin' ? 'linkedin' : 'email';
  const variant = campaign.isAbTest ? (rng.chance(0.7) ? 'A' : 'B') : null;
  const { emailTemplateIds, linkedinTemplateIds } = campaign.org;
  const inmail = channel === 'linkedin' && rng.chance(0.3);
  const templateId = channel === 'email' ? emailTemplateIds[variant === 'B' ? 1 : 0] : linkedinTemplateIds[inmail ? 1 : 0];
  const leadId = rng.chance(0.05) ? rng.uuid() : null;
  if (leadId) campaign.org.leadIds.push(leadId);
  const linkedinMessageKind = channel === 'linkedin' ? (inmail ? 'inmail' : 'connection_request') : null;
  return { id: rng.uuid(), n, channel, templateId, linkedinMessageKind, variant, leadId, steps: contactSteps(rng, channel) };
};

/** Plans contacts round-robin over the campaigns until the history holds `targetEvents` events. */
export const planHistory = (seed: number, targetEvents: number): HistoryPlan => {
  const rng = new Rng(seed);
  const orgs = Array.from({ length: ORGS }, () => planOrg(rng));
  const campaigns: PlannedCampaign[] = Array.from({ length: ORGS * CAMPAIGNS_PER_ORG }, (_, index) => ({
    id: rng.uuid(),
    index,
    org: orgs[index % ORGS],
    channel: CAMPAIGN_CHANNELS[index % CAMPAIGN_CHANNELS.length],
    isAbTest: index % CAMPAIGN_CHANNELS.length === AB_CAMPAIGN,
    contacts: [],
  }));
  let events = ORGS * ORG_EVENTS + campaigns.reduce((sum, c) => sum + 2 + ENDING_EVENTS[endingOf(c)], 0);
  let engagementRows = 0;
  let leads = 0;
  for (let n = 0; events < targetEvents; n++) {
    const campaign = campaigns[n % campaigns.length];
    const contact = planContact(rng, campaign, n);
    if (campaign.contacts.length % CONTACTS_PER_BULK === 0) events += 1;
    campaign.contacts.push(contact);
    events += 1 + contact.steps.length + (contact.leadId ? 1 : 0);
    leads += contact.leadId ? 1 : 0;
    for (const step of contact.steps) if (ENGAGEMENT_STEPS.has(step)) engagementRows += 1;
  }
  const contacts = campaigns.reduce((sum, c) => sum + c.contacts.length, 0);
  return { orgs, campaigns, events, contacts, leads, engagementRows };
};
