/**
 * The campaign's status workflow (seed 004):
 *   draft → active → [paused] → completed → archived, and paused → active.
 * draft → active is manual and needs a complete campaign with contacts; completion sets
 * end_date and reports to the owner; archived is final and read-only.
 */
import type { Command, Decision } from '../shared/decider';
import { DomainError } from '../shared/decider';
import { isPlainObject, toIso } from '../shared/validation';
import type { CampaignDeciderEvent, CampaignState, CampaignStatusChanged, CampaignView } from './campaign';
import { abTestError, ownerError, validateSettings } from './campaign.settings';
import type { ActivateCampaign, ArchiveCampaign, CompleteCampaign, PauseCampaign } from './commands';
import { OutreachErrorCode as Code } from './errors';
import { actorUserId, forbidden, nowOf, reject, tenantOf, todayOf } from './rules';
import { AB_VARIANTS, type OutreachCampaignStatus, STATUS_CHANGE_REASONS, type StatusChangeReason } from './values';

/** The campaign the command names, when the acting org has it and the actor may work on it. */
export const requireCampaign = (command: Command<string, { readonly campaignId: string }>, state: CampaignState): CampaignView | DomainError => {
  const denied = forbidden(command);
  if (denied) return denied;
  const { campaignId } = command.data;
  // The stream id is built from the tenant, so another org's campaign is simply not there.
  if (state.campaign === null) return reject(Code.CAMPAIGN_NOT_FOUND, `Campaign ${campaignId} does not exist`, { campaignId });
  return state.campaign;
};

// seed 004: completed → archived — "Final state, no changes allowed"; On Archive — read-only access.
export const readOnly = (campaign: CampaignView): DomainError =>
  reject(Code.CAMPAIGN_READ_ONLY, `Campaign ${campaign.campaignId} is ${campaign.status} and takes no changes`, { status: campaign.status });

const invalidTransition = (campaign: CampaignView, to: OutreachCampaignStatus): DomainError =>
  campaign.status === 'archived'
    ? readOnly(campaign)
    : reject(Code.CAMPAIGN_INVALID_STATUS_TRANSITION, `Campaign cannot go from ${campaign.status} to ${to}`, { from: campaign.status, to });

const statusChanged = (
  command: Command,
  campaign: CampaignView,
  to: OutreachCampaignStatus,
  reason: StatusChangeReason,
  dates: { readonly startDate?: string | null; readonly endDate?: string | null } = {},
): CampaignStatusChanged => ({
  type: 'CampaignStatusChanged',
  data: {
    orgId: tenantOf(command),
    campaignId: campaign.campaignId,
    from: campaign.status,
    to,
    reason,
    startDate: dates.startDate ?? null,
    endDate: dates.endDate ?? null,
    changedAt: toIso(nowOf(command)),
  },
});

/** seed 004: Campaign Activation Rules — name, owner, channel, type, ≥ 1 contact, and the A/B rules. */
const activationError = (campaign: CampaignView, state: CampaignState, today: string): DomainError | null => {
  const settings = validateSettings(campaign.settings);
  if (settings instanceof DomainError) return settings;
  const owner = ownerError(settings, state.directory);
  if (owner) return owner;
  // seed 004: draft → active requires at least one contact — "Cannot activate campaign with 0 contacts"
  if (campaign.totalContacts === 0) return reject(Code.CAMPAIGN_NO_CONTACTS, 'Cannot activate campaign with 0 contacts', { campaignId: campaign.campaignId });
  const abTest = abTestError(settings, state.directory);
  if (abTest) return abTest;
  if (settings.endDate !== null && settings.endDate <= today) {
    return reject(Code.CAMPAIGN_INVALID_DATES, 'End date must be after start date', { endDate: settings.endDate, today });
  }
  return null;
};

export const activate = (command: ActivateCampaign, state: CampaignState): Decision<CampaignDeciderEvent> => {
  const campaign = requireCampaign(command, state);
  if (campaign instanceof DomainError) return campaign;
  switch (campaign.status) {
    case 'active':
      return reject(Code.CAMPAIGN_ALREADY_ACTIVE, 'Campaign is already active', { campaignId: campaign.campaignId });
    // seed 004: paused → active — resumes outreach, does not reset metrics
    case 'paused':
      return [statusChanged(command, campaign, 'active', 'manual')];
    case 'draft': {
      const today = todayOf(command);
      const error = activationError(campaign, state, today);
      if (error) return error;
      // seed 004: draft → active — Sets: start_date (if not set)
      return [statusChanged(command, campaign, 'active', 'manual', { startDate: campaign.settings.startDate === null ? today : null })];
    }
    default:
      return invalidTransition(campaign, 'active');
  }
};

export const pause = (command: PauseCampaign, state: CampaignState): Decision<CampaignDeciderEvent> => {
  const campaign = requireCampaign(command, state);
  if (campaign instanceof DomainError) return campaign;
  // seed 004: active → paused — stops all scheduled outreach
  return campaign.status === 'active' ? [statusChanged(command, campaign, 'paused', 'manual')] : invalidTransition(campaign, 'paused');
};

const COMPLETION_REASONS: readonly StatusChangeReason[] = STATUS_CHANGE_REASONS.filter((reason) => reason !== 'archive_after_90_days');
const REPORT_FIELDS = ['totalContacts', 'contactsReached', 'emailsSent', 'linkedinMessagesSent', 'responsesReceived', 'conversions', 'responseRate'] as const;

const VARIANT_FIELDS = ['contacts', 'responses', 'conversions'] as const;
const countOk = (value: unknown): boolean => typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
const variantsValid = (variants: unknown): boolean =>
  variants === undefined ||
  variants === null ||
  (isPlainObject(variants) &&
    AB_VARIANTS.every((v) => isPlainObject(variants[v]) && VARIANT_FIELDS.every((f) => countOk((variants[v] as Readonly<Record<string, unknown>>)[f]))));

const completionError = (command: CompleteCampaign, campaign: CampaignView, today: string): DomainError | null => {
  const { reason, report } = command.data;
  if (!COMPLETION_REASONS.includes(reason)) return reject(Code.CAMPAIGN_INVALID, `reason must be one of ${COMPLETION_REASONS.join(', ')}`, { field: 'reason' });
  const counts: Readonly<Record<string, unknown>> = isPlainObject(report) ? report : {};
  if (!REPORT_FIELDS.every((field) => typeof counts[field] === 'number' && Number.isFinite(counts[field]) && (counts[field] as number) >= 0)) {
    return reject(Code.CAMPAIGN_INVALID, `report must carry ${REPORT_FIELDS.join(', ')} as non-negative numbers`, { field: 'report' });
  }
  if (!variantsValid(counts.variants)) {
    return reject(Code.CAMPAIGN_INVALID, `report.variants must be null or carry A and B with ${VARIANT_FIELDS.join(', ')} as non-negative integers`, {
      field: 'report.variants',
    });
  }
  // seed 004: Automated status changes — active → completed automatically; paused only by hand ("Manual Complete").
  if (campaign.status !== 'active' && !(campaign.status === 'paused' && reason === 'manual')) return invalidTransition(campaign, 'completed');
  // seed 004: auto_complete_campaigns — end_date <= CURRENT_DATE; a stale timer after the end date moved changes nothing.
  const { endDate } = campaign.settings;
  if (reason === 'end_date_reached' && (endDate === null || endDate > today)) {
    return reject(Code.CAMPAIGN_INVALID_DATES, `Campaign end_date ${String(endDate)} is not reached`, { endDate, today });
  }
  return null;
};

export const complete = (command: CompleteCampaign, state: CampaignState): Decision<CampaignDeciderEvent> => {
  const campaign = requireCampaign(command, state);
  if (campaign instanceof DomainError) return campaign;
  const today = todayOf(command);
  const error = completionError(command, campaign, today);
  if (error) return error;
  const { settings } = campaign;
  const { reason, report } = command.data;
  // seed 004: On Completion — set end_date = TODAY() (if not set), generate the report, send it to the owner.
  const endDate = settings.endDate ?? today;
  return [
    statusChanged(command, campaign, 'completed', reason, { endDate: settings.endDate === null ? today : null }),
    {
      type: 'CampaignCompletionReported',
      data: {
        orgId: tenantOf(command),
        campaignId: campaign.campaignId,
        ownerId: settings.ownerId,
        name: settings.name,
        reason,
        startDate: settings.startDate,
        endDate,
        report,
        // seed 004: Success Criteria and A/B results are judged against the goals the campaign ended with.
        goals: {
          targetContactsCount: settings.targetContactsCount,
          targetResponseRate: settings.targetResponseRate,
          targetConversionCount: settings.targetConversionCount,
          isAbTest: settings.isAbTest,
        },
        reportedAt: toIso(nowOf(command)),
      },
    },
  ];
};

const ARCHIVE_REASONS: readonly StatusChangeReason[] = ['manual', 'archive_after_90_days'];

export const archive = (command: ArchiveCampaign, state: CampaignState): Decision<CampaignDeciderEvent> => {
  const campaign = requireCampaign(command, state);
  if (campaign instanceof DomainError) return campaign;
  const { reason } = command.data;
  if (!ARCHIVE_REASONS.includes(reason)) return reject(Code.CAMPAIGN_INVALID, `reason must be one of ${ARCHIVE_REASONS.join(', ')}`, { field: 'reason' });
  // seed 004: Archive After — "Manual archive by admin/owner" (services archive after 90 days).
  const { role } = command.metadata;
  if (role !== undefined && role !== 'admin' && actorUserId(command) !== campaign.settings.ownerId) {
    return reject(Code.FORBIDDEN, 'Only an admin or the campaign owner may archive a campaign', { role });
  }
  // seed 004: completed → archived
  return campaign.status === 'completed' ? [statusChanged(command, campaign, 'archived', reason)] : invalidTransition(campaign, 'archived');
};
