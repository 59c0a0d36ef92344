/**
 * Campaign commands: create, update, change status, delete. The strategy and orchestrator a
 * command names must exist when named (STRATEGY_NOT_FOUND / ORCHESTRATOR_NOT_FOUND); in an
 * update, a field left out or null keeps its value (the wire cannot tell the two apart).
 */
import { assertNever, type Command, type Decider, type Decision, DomainError } from '../shared/decider';
import { isUuid } from '../shared/validation';
import { nowIsoOf, roleRequired, tenantOf, WRITERS } from './access';
import { type CampaignEvent, type CampaignFields, type CampaignView, campaignStreamId } from './campaign';
import { type CampaignInput, checkedCampaignFields, invalidCampaign } from './campaign.fields';
import { type CampaignFlowEvent, type CampaignFlowState, evolveCampaignFlow, initialCampaignFlowState } from './campaign.flow';
import { campaignStatus, type ChangeCampaignStatus } from './campaign.status';
import { OrchestrationErrorCode as Code, reject } from './errors';
import { changedFields, uuidError } from './fields';
import { orchestratorStreamId } from './orchestrator';
import { type CampaignPriority, progressError } from './rules';
import { strategyStreamId } from './strategy';

export type CreateCampaign = Command<
  'CreateCampaign',
  { readonly campaignId: string; readonly name: string; readonly priority?: CampaignPriority | null } & Omit<CampaignInput, 'name' | 'priority'>
>;

export type UpdateCampaign = Command<'UpdateCampaign', { readonly campaignId: string; readonly progressPercentage?: number | null } & CampaignInput>;

export type DeleteCampaign = Command<'DeleteCampaign', { readonly campaignId: string }>;

export type { ChangeCampaignStatus } from './campaign.status';

export type CampaignCommand = CreateCampaign | UpdateCampaign | ChangeCampaignStatus | DeleteCampaign;

export const CAMPAIGN_COMMAND_TYPES: readonly CampaignCommand['type'][] = ['CreateCampaign', 'UpdateCampaign', 'ChangeCampaignStatus', 'DeleteCampaign'];

export const campaignNotFound = (campaignId: string) => reject(Code.CAMPAIGN_NOT_FOUND, `Campaign ${campaignId} does not exist`, { campaignId });

/** A strategy or orchestrator newly named must be live; one kept from before is not checked again (SET NULL). */
const referencesError = (state: CampaignFlowState, fields: CampaignFields, before: CampaignFields | null): DomainError | null => {
  const { strategyId, orchestratorId } = fields;
  if (strategyId !== null && strategyId !== before?.strategyId && state.strategies.get(strategyId) !== 'live')
    return reject(Code.STRATEGY_NOT_FOUND, `Strategy ${strategyId} does not exist`, { strategyId });
  if (orchestratorId !== null && orchestratorId !== before?.orchestratorId && state.orchestrators.get(orchestratorId) !== 'live')
    return reject(Code.ORCHESTRATOR_NOT_FOUND, `Orchestrator ${orchestratorId} does not exist`, { orchestratorId });
  return null;
};

const create = (command: CreateCampaign, state: CampaignFlowState): Decision<CampaignEvent> => {
  const { campaignId, priority, ...input } = command.data;
  const wrong = roleRequired(command, WRITERS) ?? uuidError(invalidCampaign, 'campaignId', campaignId);
  if (wrong) return wrong;
  const fields = checkedCampaignFields({ ...input, priority: priority ?? 'medium' }, null);
  if (fields instanceof DomainError) return fields;
  if (state.campaign.campaign !== null) return reject(Code.CAMPAIGN_ALREADY_EXISTS, `Campaign ${campaignId} already exists`, { campaignId });
  const missing = referencesError(state, fields, null);
  if (missing) return missing;
  return [{ type: 'CampaignCreated', data: { orgId: tenantOf(command), campaignId, ...fields, status: 'draft', createdAt: nowIsoOf(command) } }];
};

const fieldsOf = ({
  campaignId: _id,
  deleted: _deleted,
  status: _status,
  progressPercentage: _progress,
  actualStart: _start,
  ...fields
}: CampaignView): CampaignFields => fields;

const update = (command: UpdateCampaign, state: CampaignFlowState): Decision<CampaignEvent> => {
  const denied = roleRequired(command, WRITERS);
  if (denied) return denied;
  const { campaignId, progressPercentage, ...input } = command.data;
  const campaign = state.campaign.campaign;
  if (campaign === null || campaign.deleted) return campaignNotFound(campaignId);
  const before = fieldsOf(campaign);
  const given = Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined && value !== null));
  const after = checkedCampaignFields({ ...before, ...given }, campaign.actualStart);
  if (after instanceof DomainError) return after;
  // seed 000 chk_campaign_progress
  const progress = progressPercentage ?? campaign.progressPercentage;
  const wrong = progressError(progress) ?? referencesError(state, after, before);
  if (wrong) return wrong;
  const changes = changedFields({ ...before, progressPercentage: campaign.progressPercentage }, { ...after, progressPercentage: progress });
  if (Object.keys(changes).length === 0) return [];
  return [{ type: 'CampaignUpdated', data: { orgId: tenantOf(command), campaignId, changes, updatedAt: nowIsoOf(command) } }];
};

const remove = (command: DeleteCampaign, state: CampaignFlowState): Decision<CampaignEvent> => {
  const denied = roleRequired(command, WRITERS);
  if (denied) return denied;
  const campaign = state.campaign.campaign;
  if (campaign === null || campaign.deleted) return campaignNotFound(command.data.campaignId);
  return [{ type: 'CampaignDeleted', data: { orgId: tenantOf(command), campaignId: campaign.campaignId, deletedAt: nowIsoOf(command) } }];
};

export const decideCampaign = (command: CampaignCommand, state: CampaignFlowState): Decision<CampaignEvent> => {
  switch (command.type) {
    case 'CreateCampaign':
      return create(command, state);
    case 'UpdateCampaign':
      return update(command, state);
    case 'ChangeCampaignStatus':
      return campaignStatus(command, state.campaign);
    case 'DeleteCampaign':
      return remove(command, state);
    default:
      return assertNever(command);
  }
};

/** The strategy and orchestrator streams a create or update names, read to check they exist. */
const referencedStreams = (command: CampaignCommand): string[] => {
  if (command.type !== 'CreateCampaign' && command.type !== 'UpdateCampaign') return [];
  const { strategyId, orchestratorId } = command.data;
  return [
    ...(isUuid(strategyId) ? [strategyStreamId(tenantOf(command), strategyId)] : []),
    ...(isUuid(orchestratorId) ? [orchestratorStreamId(tenantOf(command), orchestratorId)] : []),
  ];
};

export const campaignDecider: Decider<CampaignCommand, CampaignFlowEvent, CampaignFlowState> = {
  initialState: initialCampaignFlowState,
  decide: decideCampaign,
  evolve: evolveCampaignFlow,
  streamIdOf: (command) => campaignStreamId(tenantOf(command), command.data.campaignId),
  alsoReads: referencedStreams,
};
