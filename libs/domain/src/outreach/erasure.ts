/**
 * Erasure of a person's data (the right to be forgotten) and seed 004's retention ("Campaign
 * data retained for 2 years"). A contact's personal values are sealed under keys kept outside
 * the events; the adapter deletes the keys of the subjects the erasure finds and this decider
 * records it: one PersonalDataErased per erasure, naming the subjects (streams) and why —
 * never the values. Counters and history stay; read models show the fields as erased.
 */
import { assertNever, type Command, type Decider, type Decision, DomainError, type Event } from '../shared/decider';
import { isNonBlank, isUuid, toIso } from '../shared/validation';
import { OutreachErrorCode as Code } from './errors';
import { forbidden, isEmail, nowOf, reject, tenantOf } from './rules';
import { LINKEDIN_URL_PATTERN } from './values';

/** seed 004: Data Privacy — "Campaign data retained for 2 years" after the campaign ended. */
export const RETENTION_AFTER_END_MS = 2 * 365 * 24 * 3_600_000;

export type ErasureBasis = 'request' | 'retention';

export type ErasePersonalData = Command<
  'ErasePersonalData',
  {
    readonly erasureId: string;
    readonly basis: ErasureBasis;
    /** A request names the person by their email or LinkedIn URL (or both). */
    readonly email?: string | null;
    readonly linkedinUrl?: string | null;
    /** Retention names the campaign whose contacts' data has expired. */
    readonly campaignId?: string | null;
    readonly reason: string;
    /** The subjects (streams) whose keys the adapter erased, sorted. */
    readonly subjects: readonly string[];
  }
>;

export type PersonalDataErased = Event<
  'PersonalDataErased',
  {
    readonly orgId: string;
    readonly erasureId: string;
    readonly basis: ErasureBasis;
    readonly campaignId: string | null;
    readonly subjects: readonly string[];
    readonly reason: string;
    readonly requestedBy: string;
    readonly erasedAt: string;
  }
>;

export const erasureStreamId = (orgId: string, erasureId: string): string => `outreach-${orgId}/erasure/${erasureId}`;

const REASON_MAX = 500;

/**
 * Why an erasure may not happen, checked before the adapter deletes any key (the decider
 * checks it again). A request is an org admin's (or a service's), about one person; retention
 * is the platform's own, about one ended campaign.
 */
export const erasureProblem = (command: ErasePersonalData): DomainError | null => {
  const { erasureId, basis, email = null, linkedinUrl = null, campaignId = null, reason } = command.data;
  const invalid = (field: string, message: string) => reject(Code.ERASURE_INVALID, message, { field });
  if (!isUuid(erasureId)) return invalid('erasure_id', 'erasureId must be a UUID');
  if (!isNonBlank(reason, REASON_MAX)) return invalid('reason', `reason must be 1 to ${REASON_MAX} characters, not blank`);
  if (basis === 'request') {
    const denied = forbidden(command, ['admin']);
    if (denied) return denied;
    if (email === null && linkedinUrl === null) return invalid('email', 'An erasure names the person by email or linkedin_url');
    if (email !== null && !isEmail(email)) return invalid('email', 'Invalid email address format');
    if (linkedinUrl !== null && (typeof linkedinUrl !== 'string' || !LINKEDIN_URL_PATTERN.test(linkedinUrl))) {
      return invalid('linkedin_url', 'linkedin_url must be a LinkedIn profile URL like https://linkedin.com/in/name');
    }
    return null;
  }
  if (basis === 'retention') {
    // Only the platform's own services expire data; no user role may.
    if (command.metadata.role !== undefined) return reject(Code.FORBIDDEN, "Retention erasures are the platform timer's", { role: command.metadata.role });
    if (campaignId === null || !isUuid(campaignId)) return invalid('campaign_id', 'A retention erasure names the campaign (a UUID)');
    return null;
  }
  return invalid('basis', 'basis must be request or retention');
};

export interface ErasureState {
  readonly recorded: boolean;
}

const erase = (command: ErasePersonalData, state: ErasureState): Decision<PersonalDataErased> => {
  const problem = erasureProblem(command);
  if (problem) return problem;
  if (state.recorded)
    return reject(Code.ERASURE_ALREADY_RECORDED, `Erasure ${command.data.erasureId} is already recorded`, { erasureId: command.data.erasureId });
  const { erasureId, basis, campaignId = null, reason, subjects } = command.data;
  return [
    {
      type: 'PersonalDataErased',
      data: {
        orgId: tenantOf(command),
        erasureId,
        basis,
        campaignId,
        subjects: [...subjects],
        reason,
        requestedBy: command.metadata.actor,
        erasedAt: toIso(nowOf(command)),
      },
    },
  ];
};

export const erasureDecider: Decider<ErasePersonalData, PersonalDataErased, ErasureState> = {
  initialState: () => ({ recorded: false }),
  decide: (command, state) => (command.type === 'ErasePersonalData' ? erase(command, state) : assertNever(command.type)),
  evolve: (state, event) => (event.type === 'PersonalDataErased' ? { recorded: true } : state),
  streamIdOf: (command) => erasureStreamId(tenantOf(command), command.data.erasureId),
};
