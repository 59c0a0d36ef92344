/**
 * Marketing content (seed 001 `content`: agents create it, campaigns use it). One stream per
 * piece. It names its campaign while that campaign lives; when the campaign is deleted the
 * content stays with no campaign (content.campaign_id ON DELETE SET NULL) — the read model
 * applies that, so the stream needs no word from the campaign's.
 */
import { assertNever, type Command, type Decider, type Decision, type Event } from '../shared/decider';
import { nowIsoOf, tenantOf, writerRequired } from './access';
import { type AgentEvent, agentsStreamId, isAgentEvent, evolveAgents, initialAgentsState, type AgentsState } from './agents';
import {
  CAMPAIGN_EVENT_TYPES,
  type CampaignEvent,
  type CampaignState,
  campaignStreamId,
  evolveCampaign,
  initialCampaignState,
  isLiveCampaign,
} from './campaign';
import { CommerceErrorCode as Code, reject } from './errors';
import { COMMERCE_LIMITS as LIMITS, optionalText, optionalUuid, requiredText, uuidField } from './values';

export const contentStreamId = (orgId: string, contentId: string): string => `commerce-content-${orgId}-${contentId}`;

export const CONTENT_STATUSES = ['draft', 'published', 'archived'] as const;
export type ContentStatus = (typeof CONTENT_STATUSES)[number];

type ContentRef = { readonly orgId: string; readonly contentId: string };
export type ContentCreated = Event<
  'ContentCreated',
  ContentRef & {
    readonly campaignId: string | null;
    readonly createdByAgentId: string | null;
    readonly title: string;
    readonly body: string | null;
    readonly contentType: string;
    readonly createdAt: string;
  }
>;
export type ContentRevised = Event<'ContentRevised', ContentRef & { readonly title: string; readonly body: string | null; readonly revisedAt: string }>;
export type ContentStatusChanged = Event<
  'ContentStatusChanged',
  ContentRef & { readonly from: ContentStatus; readonly to: ContentStatus; readonly changedAt: string }
>;
export type ContentEvent = ContentCreated | ContentRevised | ContentStatusChanged;
export const CONTENT_EVENT_TYPES: readonly ContentEvent['type'][] = ['ContentCreated', 'ContentRevised', 'ContentStatusChanged'];

export type CreateContent = Command<
  'CreateContent',
  {
    readonly contentId: string;
    readonly title: string;
    readonly contentType: string;
    readonly body?: string | null;
    readonly campaignId?: string | null;
    readonly createdByAgentId?: string | null;
  }
>;
export type ReviseContent = Command<'ReviseContent', { readonly contentId: string; readonly title?: string | null; readonly body?: string | null }>;
export type ChangeContentStatus = Command<'ChangeContentStatus', { readonly contentId: string; readonly status: string }>;
export type ContentCommand = CreateContent | ReviseContent | ChangeContentStatus;
export const CONTENT_COMMAND_TYPES: readonly ContentCommand['type'][] = ['CreateContent', 'ReviseContent', 'ChangeContentStatus'];

type ContentState = { readonly status: 'none' } | { readonly status: ContentStatus; readonly title: string; readonly body: string | null };
interface ContentReads {
  readonly agents: AgentsState;
  readonly campaign: CampaignState;
  readonly own: ContentState;
}

const CAMPAIGN = new Set<string>(CAMPAIGN_EVENT_TYPES);

const evolveContent = (state: ContentState, event: ContentEvent): ContentState => {
  switch (event.type) {
    case 'ContentCreated':
      return { status: 'draft', title: event.data.title, body: event.data.body };
    case 'ContentRevised':
      return state.status === 'none' ? state : { ...state, title: event.data.title, body: event.data.body };
    case 'ContentStatusChanged':
      return state.status === 'none' ? state : { ...state, status: event.data.to };
  }
};

const evolveReads = (state: ContentReads, event: ContentEvent | AgentEvent | CampaignEvent): ContentReads => {
  if (isAgentEvent(event)) return { ...state, agents: evolveAgents(state.agents, event) };
  if (CAMPAIGN.has(event.type)) return { ...state, campaign: evolveCampaign(state.campaign, event as CampaignEvent) };
  return { ...state, own: evolveContent(state.own, event as ContentEvent) };
};

const invalid = (field: string, message: string) => reject(Code.CONTENT_INVALID, message, { field });

const create = (command: CreateContent, state: ContentReads): Decision<ContentEvent> => {
  const { contentId, title, contentType, body = null, campaignId = null, createdByAgentId = null } = command.data;
  const wrong =
    uuidField(invalid, 'contentId', contentId) ??
    requiredText(invalid, 'title', title, LIMITS.title) ??
    requiredText(invalid, 'contentType', contentType, 50) ??
    optionalText(invalid, 'body', body, LIMITS.text * 10) ??
    optionalUuid(invalid, 'campaignId', campaignId) ??
    optionalUuid(invalid, 'createdByAgentId', createdByAgentId);
  if (wrong) return wrong;
  if (campaignId !== null && !isLiveCampaign(state.campaign))
    return reject(Code.CAMPAIGN_NOT_FOUND, `Campaign ${campaignId} does not exist`, { campaignId, field: 'campaignId' });
  // seed 001 content.created_by_agent_id: track the creator agent.
  if (createdByAgentId !== null && !state.agents.agents.has(createdByAgentId))
    return reject(Code.AGENT_NOT_FOUND, `Agent ${createdByAgentId} does not exist`, { agentId: createdByAgentId, field: 'createdByAgentId' });
  if (state.own.status !== 'none') return reject(Code.CONTENT_ALREADY_EXISTS, `Content ${contentId} exists`, { contentId });
  return [
    {
      type: 'ContentCreated',
      data: { orgId: tenantOf(command), contentId, campaignId, createdByAgentId, title, body, contentType, createdAt: nowIsoOf(command) },
    },
  ];
};

export const decideContent = (command: ContentCommand, state: ContentReads): Decision<ContentEvent> => {
  const denied = writerRequired(command);
  if (denied) return denied;
  if (command.type === 'CreateContent') return create(command, state);
  const { contentId } = command.data;
  const content = state.own;
  if (content.status === 'none') return reject(Code.CONTENT_NOT_FOUND, `Content ${contentId} does not exist`, { contentId });
  const ref = { orgId: tenantOf(command), contentId };
  switch (command.type) {
    case 'ReviseContent': {
      const title = command.data.title ?? content.title;
      const body = command.data.body ?? content.body;
      const wrong = requiredText(invalid, 'title', title, LIMITS.title) ?? optionalText(invalid, 'body', body, LIMITS.text * 10);
      if (wrong) return wrong;
      return title === content.title && body === content.body ? [] : [{ type: 'ContentRevised', data: { ...ref, title, body, revisedAt: nowIsoOf(command) } }];
    }
    case 'ChangeContentStatus': {
      const to = command.data.status as ContentStatus;
      if (!CONTENT_STATUSES.includes(to)) return invalid('status', `status is one of ${CONTENT_STATUSES.join(', ')}`);
      return to === content.status ? [] : [{ type: 'ContentStatusChanged', data: { ...ref, from: content.status, to, changedAt: nowIsoOf(command) } }];
    }
    default:
      return assertNever(command);
  }
};

export const contentDecider: Decider<ContentCommand, ContentEvent | AgentEvent | CampaignEvent, ContentReads> = {
  initialState: () => ({ agents: initialAgentsState(), campaign: initialCampaignState(), own: { status: 'none' } }),
  decide: decideContent,
  evolve: evolveReads,
  streamIdOf: (command) => contentStreamId(tenantOf(command), command.data.contentId),
  alsoReads: (command) => {
    if (command.type !== 'CreateContent') return [];
    const org = tenantOf(command);
    return [agentsStreamId(org), ...(command.data.campaignId ? [campaignStreamId(org, command.data.campaignId)] : [])];
  },
};
