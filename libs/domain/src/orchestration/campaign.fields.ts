/**
 * A campaign's fields as a command gives them, checked and normalized into CampaignFields:
 * the seed's CHECKs (chk_campaign_priority, chk_campaign_timeline) and the columns' formats.
 */
import { DomainError } from '../shared/decider';
import type { CampaignFields } from './campaign';
import { OrchestrationErrorCode as Code, reject } from './errors';
import { decimal12x2, isoOrNull, jsonObjectError, optionalInstant, optionalTextError, optionalUuidError, requiredTextError } from './fields';
import { priorityError, timelineError } from './rules';
import { ORCHESTRATION_LIMITS as LIMITS } from './values';

export const invalidCampaign = (field: string, message: string) => reject(Code.CAMPAIGN_INVALID, message, { field });

/** The fields as a command carries them: the same names, every one possibly absent or null. */
export type CampaignInput = { readonly [K in keyof CampaignFields]?: CampaignFields[K] | null };

/**
 * The campaign's fields once checked (instants re-written as UTC ISO, budget as `x.yy`), given
 * the merged values and when the campaign actually started (chk_campaign_timeline reads it too).
 */
export const checkedCampaignFields = (
  fields: CampaignInput & Pick<CampaignFields, 'name' | 'priority'>,
  actualStart: string | null,
): CampaignFields | DomainError => {
  const wrong =
    requiredTextError(invalidCampaign, 'name', fields.name, LIMITS.campaignName) ??
    optionalTextError(invalidCampaign, 'description', fields.description, LIMITS.description) ??
    optionalUuidError(invalidCampaign, 'strategyId', fields.strategyId) ??
    optionalUuidError(invalidCampaign, 'orchestratorId', fields.orchestratorId) ??
    // seed 000 chk_campaign_priority
    priorityError(fields.priority) ??
    (fields.targetAudience === undefined || fields.targetAudience === null ? null : jsonObjectError(invalidCampaign, 'targetAudience', fields.targetAudience));
  if (wrong) return wrong;
  const budget = fields.budget === undefined || fields.budget === null ? null : decimal12x2(fields.budget);
  if (fields.budget !== undefined && fields.budget !== null && budget === null)
    return invalidCampaign('budget', 'budget is a non-negative decimal of at most 10 digits before the point and 2 after (DECIMAL(12,2))');
  const scheduledStart = optionalInstant(invalidCampaign, 'scheduledStart', fields.scheduledStart);
  if (scheduledStart instanceof DomainError) return scheduledStart;
  const deadline = optionalInstant(invalidCampaign, 'deadline', fields.deadline);
  if (deadline instanceof DomainError) return deadline;
  // seed 000 chk_campaign_timeline: the deadline comes after scheduled_start and actual_start.
  const timeline = timelineError({ deadline, scheduledStart, actualStart: actualStart === null ? null : Date.parse(actualStart) });
  if (timeline) return timeline;
  return {
    name: fields.name,
    description: fields.description ?? null,
    strategyId: fields.strategyId ?? null,
    orchestratorId: fields.orchestratorId ?? null,
    priority: fields.priority,
    scheduledStart: isoOrNull(scheduledStart),
    deadline: isoOrNull(deadline),
    budget,
    targetAudience: fields.targetAudience ?? null,
  };
};
