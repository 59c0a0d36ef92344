/**
 * The outreach campaign's decider (seed 004): creating and editing a campaign, its status
 * workflow (campaign.status.ts) and adding contacts (campaign.contacts.ts). It reads the org's
 * directory — users own campaigns, templates carry A/B variants — and, for AddContacts, the
 * leads the contacts name.
 */
import { assertNever, type Decider, type Decision, DomainError } from '../shared/decider';
import { isPlainObject, isUuid, toIso } from '../shared/validation';
import { type CampaignDeciderEvent, type CampaignSettings, type CampaignState, campaignStreamId, evolveCampaign, initialCampaignState } from './campaign';
import { addContacts } from './campaign.contacts';
import { removeContact } from './campaign.removal';
import { abTestError, changedKeys, COLUMN, datesError, mergeSettings, ownerError, validateSettings } from './campaign.settings';
import { activate, archive, complete, pause, readOnly, requireCampaign } from './campaign.status';
import type { CampaignCommand, CreateCampaign, UpdateCampaign } from './commands';
import { contactStreamId } from './contact';
import { leadStreamId, organizationStreamId } from './directory';
import { OutreachErrorCode as Code } from './errors';
import { forbidden, nowOf, reject, tenantOf, todayOf } from './rules';

const settingsError = (settings: CampaignSettings, state: CampaignState, today: string, changed: { startDate: boolean; endDate: boolean }) =>
  ownerError(settings, state.directory) ?? abTestError(settings, state.directory) ?? datesError(settings, today, changed);

const create = (command: CreateCampaign, state: CampaignState): Decision<CampaignDeciderEvent> => {
  const denied = forbidden(command);
  if (denied) return denied;
  const orgId = tenantOf(command);
  const { campaignId, createdBy = null } = command.data;
  if (!state.directory.orgExists) return reject(Code.ORGANIZATION_NOT_FOUND, `Organization ${orgId} does not exist`, { orgId });
  // Lowercase only: the stream id is the raw string, so two spellings of one UUID would be two campaigns.
  if (!isUuid(campaignId) || campaignId !== campaignId.toLowerCase())
    return reject(Code.CAMPAIGN_INVALID, 'campaignId must be a lowercase UUID', { field: 'id' });
  if (state.campaign !== null) return reject(Code.CAMPAIGN_ALREADY_EXISTS, `Campaign ${campaignId} already exists`, { campaignId });
  const settings = validateSettings(mergeSettings(null, command.data));
  if (settings instanceof DomainError) return settings;
  const error = settingsError(settings, state, todayOf(command), { startDate: settings.startDate !== null, endDate: settings.endDate !== null });
  if (error) return error;
  // seed 004: created_by REFERENCES user_profiles(id) — null when a service creates it.
  if (createdBy !== null && !state.directory.users.has(createdBy)) {
    return reject(Code.CAMPAIGN_INVALID, `created_by ${createdBy} is not a user of the organization`, { field: 'created_by' });
  }
  return [{ type: 'CampaignCreated', data: { orgId, campaignId, settings, createdBy, createdAt: toIso(nowOf(command)) } }];
};

/** Variants are assigned when contacts are added, so what decides them is fixed from then on. */
const FIXED_ONCE_CONTACTS_ADDED = ['channel', 'isAbTest', 'variantATemplateId', 'variantBTemplateId', 'abSplitPercentage'] as const;

const update = (command: UpdateCampaign, state: CampaignState): Decision<CampaignDeciderEvent> => {
  const campaign = requireCampaign(command, state);
  if (campaign instanceof DomainError) return campaign;
  // seed 004: completed is finished; archived — "no changes allowed".
  if (campaign.status === 'completed' || campaign.status === 'archived') return readOnly(campaign);
  const { changes } = command.data;
  if (!isPlainObject(changes)) return reject(Code.CAMPAIGN_INVALID, 'changes must be an object of campaign fields', { field: 'changes' });
  const merged = mergeSettings(campaign.settings, changes);
  const changed = changedKeys(campaign.settings, merged);
  if (changed.length === 0) return [];
  // seed 004: start_date — "Can be set manually in 'draft' status"
  if (changed.includes('startDate') && campaign.status !== 'draft') {
    return reject(Code.CAMPAIGN_INVALID_DATES, `start_date can be set manually only in draft; the campaign is ${campaign.status}`, { field: 'start_date' });
  }
  const fixed = FIXED_ONCE_CONTACTS_ADDED.find((key) => changed.includes(key));
  if (campaign.totalContacts > 0 && fixed !== undefined) {
    return reject(Code.CAMPAIGN_INVALID, `${COLUMN[fixed]} cannot change once contacts were added (their variants are assigned)`, { field: COLUMN[fixed] });
  }
  const settings = validateSettings(merged);
  if (settings instanceof DomainError) return settings;
  const error = settingsError(settings, state, todayOf(command), { startDate: changed.includes('startDate'), endDate: changed.includes('endDate') });
  if (error) return error;
  return [{ type: 'CampaignUpdated', data: { orgId: tenantOf(command), campaignId: campaign.campaignId, settings, updatedAt: toIso(nowOf(command)) } }];
};

export const decideCampaign = (command: CampaignCommand, state: CampaignState): Decision<CampaignDeciderEvent> => {
  switch (command.type) {
    case 'CreateCampaign':
      return create(command, state);
    case 'UpdateCampaign':
      return update(command, state);
    case 'ActivateCampaign':
      return activate(command, state);
    case 'PauseCampaign':
      return pause(command, state);
    case 'CompleteCampaign':
      return complete(command, state);
    case 'ArchiveCampaign':
      return archive(command, state);
    case 'AddContacts':
      return addContacts(command, state);
    case 'RemoveContact':
      return removeContact(command, state);
    default:
      return assertNever(command);
  }
};

/** The lead streams an AddContacts reads: one per distinct well-formed lead id it names. */
const leadStreamsOf = (command: CampaignCommand): string[] => {
  if (command.type !== 'AddContacts' || !Array.isArray(command.data.contacts)) return [];
  const leadIds = new Set<string>();
  for (const contact of command.data.contacts) {
    const leadId: unknown = isPlainObject(contact) ? contact['leadId'] : null;
    if (isUuid(leadId)) leadIds.add(leadId);
  }
  return [...leadIds].map((leadId) => leadStreamId(tenantOf(command), leadId));
};

export const campaignDecider: Decider<CampaignCommand, CampaignDeciderEvent, CampaignState> = {
  initialState: initialCampaignState,
  decide: decideCampaign,
  evolve: evolveCampaign,
  streamIdOf: (command) => campaignStreamId(tenantOf(command), command.data.campaignId),
  alsoReads: (command) => [
    organizationStreamId(tenantOf(command)),
    ...leadStreamsOf(command),
    // RemoveContact reads what happened to the contact (campaign.removal.ts).
    ...(command.type === 'RemoveContact' && isUuid(command.data.contactId) ? [contactStreamId(tenantOf(command), command.data.contactId)] : []),
  ],
  streamOfNew: (event, command) => (event.type === 'ContactAdded' ? contactStreamId(tenantOf(command), event.data.contactId) : null),
};
