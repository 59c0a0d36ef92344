/**
 * Marketing campaigns (seed 001 "Marketing": goals drive campaigns, agents own them, campaigns
 * target a segment — all optional, "Campaigns can exist independently"). One stream per campaign.
 * Deleting one leaves its content with no campaign (content.campaign_id ON DELETE SET NULL) and
 * its revenue attribution with no campaign; the agent credited stays.
 */
import { assertNever, type Command, type Decider, type Decision, type DomainError, type Event } from '../shared/decider';
import { nowIsoOf, tenantOf, writerRequired } from './access';
import { AGENT_EVENT_TYPES, type AgentEvent, type AgentsState, agentsStreamId, evolveAgents, initialAgentsState, isActiveAgent } from './agents';
import { CommerceErrorCode as Code, reject } from './errors';
import { evolveGoals, GOAL_EVENT_TYPES, type GoalEvent, type GoalsState, goalsStreamId, initialGoalsState } from './goals';
import { segmentStreamId } from './segment';
import { amountCents, changedFields, isCurrency, money, optionalInstant, optionalText, optionalUuid, requiredText, uuidField } from './values';

export const campaignStreamId = (orgId: string, campaignId: string): string => `commerce-campaign-${orgId}-${campaignId}`;

export const CAMPAIGN_STATUSES = ['draft', 'active', 'paused', 'completed', 'archived'] as const;
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];
const NEXT: Readonly<Record<CampaignStatus, readonly CampaignStatus[]>> = {
  draft: ['active', 'archived'],
  active: ['paused', 'completed'],
  paused: ['active', 'completed'],
  completed: ['archived'],
  archived: [],
};

export interface CampaignFields {
  readonly name: string;
  readonly goalId: string | null;
  readonly ownerAgentId: string | null;
  readonly targetSegmentId: string | null;
  readonly channel: string | null;
  readonly budget: string | null;
  readonly currency: string | null;
  readonly startsAt: string | null;
  readonly endsAt: string | null;
}

type CampaignRef = { readonly orgId: string; readonly campaignId: string };
export type CampaignCreated = Event<'CampaignCreated', CampaignRef & CampaignFields & { readonly status: CampaignStatus; readonly createdAt: string }>;
export type CampaignUpdated = Event<'CampaignUpdated', CampaignRef & { readonly changes: Partial<CampaignFields>; readonly updatedAt: string }>;
export type CampaignStatusChanged = Event<
  'CampaignStatusChanged',
  CampaignRef & { readonly from: CampaignStatus; readonly to: CampaignStatus; readonly changedAt: string }
>;
export type CampaignDeleted = Event<'CampaignDeleted', CampaignRef & { readonly deletedAt: string }>;
export type CampaignEvent = CampaignCreated | CampaignUpdated | CampaignStatusChanged | CampaignDeleted;
export const CAMPAIGN_EVENT_TYPES: readonly CampaignEvent['type'][] = ['CampaignCreated', 'CampaignUpdated', 'CampaignStatusChanged', 'CampaignDeleted'];

type Given = { readonly [K in keyof CampaignFields]?: CampaignFields[K] | null };
export type CreateCampaign = Command<'CreateCampaign', Given & { readonly campaignId: string; readonly name: string }>;
export type UpdateCampaign = Command<'UpdateCampaign', Given & { readonly campaignId: string }>;
export type ChangeCampaignStatus = Command<'ChangeCampaignStatus', { readonly campaignId: string; readonly status: string }>;
export type DeleteCampaign = Command<'DeleteCampaign', { readonly campaignId: string }>;
export type CampaignCommand = CreateCampaign | UpdateCampaign | ChangeCampaignStatus | DeleteCampaign;
export const CAMPAIGN_COMMAND_TYPES: readonly CampaignCommand['type'][] = ['CreateCampaign', 'UpdateCampaign', 'ChangeCampaignStatus', 'DeleteCampaign'];

export type CampaignState = { readonly status: 'none' | 'deleted' } | (CampaignFields & { readonly status: CampaignStatus });

export const initialCampaignState = (): CampaignState => ({ status: 'none' });

export const isLiveCampaign = (state: CampaignState): state is Extract<CampaignState, { name: string }> =>
  state.status !== 'none' && state.status !== 'deleted';

export const evolveCampaign = (state: CampaignState, event: CampaignEvent): CampaignState => {
  switch (event.type) {
    case 'CampaignCreated': {
      const { orgId: _org, campaignId: _id, createdAt: _at, ...fields } = event.data;
      return fields;
    }
    case 'CampaignUpdated':
      return isLiveCampaign(state) ? { ...state, ...event.data.changes } : state;
    case 'CampaignStatusChanged':
      return isLiveCampaign(state) ? { ...state, status: event.data.to } : state;
    case 'CampaignDeleted':
      return { status: 'deleted' };
  }
};

interface CampaignReads {
  readonly agents: AgentsState;
  readonly goals: GoalsState;
  /** The target segment's stream has been read when one is named: does it exist? */
  readonly segmentLive: boolean;
  readonly own: CampaignState;
}

const AGENTS = new Set<string>(AGENT_EVENT_TYPES);
const GOALS = new Set<string>(GOAL_EVENT_TYPES);
const CAMPAIGNS = new Set<string>(CAMPAIGN_EVENT_TYPES);

const evolveReads = (state: CampaignReads, event: CampaignEvent | AgentEvent | GoalEvent | Event): CampaignReads => {
  if (AGENTS.has(event.type)) return { ...state, agents: evolveAgents(state.agents, event as AgentEvent) };
  if (GOALS.has(event.type)) return { ...state, goals: evolveGoals(state.goals, event as GoalEvent) };
  if (CAMPAIGNS.has(event.type)) return { ...state, own: evolveCampaign(state.own, event as CampaignEvent) };
  // The target segment's events: it lives until it is deleted.
  return { ...state, segmentLive: event.type !== 'SegmentDeleted' };
};

const invalid = (field: string, message: string) => reject(Code.CAMPAIGN_INVALID, message, { field });

/** The merged fields checked and normalized; references only where `given` names them (the rest were checked when set). */
const checked = (state: CampaignReads, f: CampaignFields, given: Given): CampaignFields | DomainError => {
  const wrong =
    requiredText(invalid, 'name', f.name, 200) ??
    optionalText(invalid, 'channel', f.channel, 50) ??
    optionalUuid(invalid, 'goalId', f.goalId) ??
    optionalUuid(invalid, 'ownerAgentId', f.ownerAgentId) ??
    optionalUuid(invalid, 'targetSegmentId', f.targetSegmentId) ??
    (f.currency === null || isCurrency(f.currency) ? null : invalid('currency', 'currency is three capital letters (ISO 4217)')) ??
    (f.budget !== null && f.currency === null ? invalid('currency', 'a budget has a currency') : null);
  if (wrong) return wrong;
  if (given.goalId && !state.goals.has(given.goalId))
    return reject(Code.GOAL_NOT_FOUND, `Goal ${f.goalId} does not exist`, { goalId: f.goalId, field: 'goalId' });
  if (given.ownerAgentId && !isActiveAgent(state.agents, given.ownerAgentId))
    return reject(Code.AGENT_NOT_FOUND, `Owner agent ${f.ownerAgentId} is not an active agent`, { agentId: f.ownerAgentId, field: 'ownerAgentId' });
  if (given.targetSegmentId && !state.segmentLive)
    return reject(Code.SEGMENT_NOT_FOUND, `Segment ${f.targetSegmentId} does not exist`, { segmentId: f.targetSegmentId, field: 'targetSegmentId' });
  const budget = f.budget === null ? null : amountCents(invalid, 'budget', f.budget);
  if (budget !== null && typeof budget !== 'bigint') return budget;
  const startsAt = optionalInstant(invalid, 'startsAt', f.startsAt);
  const endsAt = optionalInstant(invalid, 'endsAt', f.endsAt);
  for (const instant of [startsAt, endsAt]) if (typeof instant === 'object' && instant !== null) return instant;
  if (typeof startsAt === 'string' && typeof endsAt === 'string' && endsAt <= startsAt) return invalid('endsAt', 'endsAt is after startsAt');
  return { ...f, budget: budget === null ? null : money(budget), startsAt: startsAt as string | null, endsAt: endsAt as string | null };
};

const FIELDS: readonly (keyof CampaignFields)[] = ['name', 'goalId', 'ownerAgentId', 'targetSegmentId', 'channel', 'budget', 'currency', 'startsAt', 'endsAt'];
const merged = (before: CampaignFields | null, given: Given): CampaignFields =>
  Object.fromEntries(FIELDS.map((key) => [key, given[key] ?? before?.[key] ?? null])) as unknown as CampaignFields;

export const decideCampaign = (command: CampaignCommand, state: CampaignReads): Decision<CampaignEvent> => {
  const denied = writerRequired(command);
  if (denied) return denied;
  const { campaignId } = command.data;
  const ref = { orgId: tenantOf(command), campaignId };
  const campaign = state.own;
  if (command.type === 'CreateCampaign') {
    const wrong = uuidField(invalid, 'campaignId', campaignId);
    const fields = wrong ?? checked(state, merged(null, command.data), command.data);
    if ('code' in fields) return fields;
    if (campaign.status !== 'none') return reject(Code.CAMPAIGN_ALREADY_EXISTS, `Campaign ${campaignId} exists`, { campaignId });
    return [{ type: 'CampaignCreated', data: { ...ref, ...fields, status: 'draft', createdAt: nowIsoOf(command) } }];
  }
  if (campaign.status === 'deleted' && command.type === 'DeleteCampaign') return [];
  if (!isLiveCampaign(campaign)) return reject(Code.CAMPAIGN_NOT_FOUND, `Campaign ${campaignId} does not exist`, { campaignId });
  switch (command.type) {
    case 'UpdateCampaign': {
      const before = merged(campaign, {});
      const after = checked(state, merged(campaign, command.data), command.data);
      if ('code' in after) return after;
      const changes = changedFields(before, after);
      return Object.keys(changes).length === 0 ? [] : [{ type: 'CampaignUpdated', data: { ...ref, changes, updatedAt: nowIsoOf(command) } }];
    }
    case 'ChangeCampaignStatus': {
      const to = command.data.status as CampaignStatus;
      if (to === campaign.status) return [];
      if (!NEXT[campaign.status].includes(to))
        return reject(Code.CAMPAIGN_STATUS_TRANSITION_INVALID, `A ${campaign.status} campaign cannot become ${command.data.status}`, {
          from: campaign.status,
          to: command.data.status,
        });
      return [{ type: 'CampaignStatusChanged', data: { ...ref, from: campaign.status, to, changedAt: nowIsoOf(command) } }];
    }
    case 'DeleteCampaign':
      return [{ type: 'CampaignDeleted', data: { ...ref, deletedAt: nowIsoOf(command) } }];
    default:
      return assertNever(command);
  }
};

export const campaignDecider: Decider<CampaignCommand, CampaignEvent | AgentEvent | GoalEvent, CampaignReads> = {
  initialState: () => ({ agents: initialAgentsState(), goals: initialGoalsState(), segmentLive: false, own: initialCampaignState() }),
  decide: decideCampaign,
  evolve: evolveReads,
  streamIdOf: (command) => campaignStreamId(tenantOf(command), command.data.campaignId),
  alsoReads: (command) => {
    const org = tenantOf(command);
    if (command.type !== 'CreateCampaign' && command.type !== 'UpdateCampaign') return [];
    const segment = command.data.targetSegmentId ? [segmentStreamId(org, command.data.targetSegmentId)] : [];
    return [agentsStreamId(org), goalsStreamId(org), ...segment];
  },
};
