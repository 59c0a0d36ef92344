/**
 * Leads (seed 004's leads, which campaign_contacts.lead_id references): one stream per lead,
 * decided with the org's directory read first so a lead belongs to a registered org.
 */
import { assertNever, type Decider, type Decision } from '../shared/decider';
import { isUuid, toIso } from '../shared/validation';
import type { CreateLead, LeadCommand } from './commands';
import {
  type DirectoryEvent,
  type DirectoryState,
  evolveDirectory,
  initialDirectoryState,
  type LeadEvent,
  leadStreamId,
  organizationStreamId,
} from './directory';
import { OutreachErrorCode as Code } from './errors';
import { forbidden, isEmail, isOptionalText, nowOf, reject, tenantOf } from './rules';
import { LINKEDIN_URL_PATTERN } from './values';

export interface LeadState {
  readonly directory: DirectoryState;
  readonly exists: boolean;
}

const TEXT_MAX = 200;

const initialLeadState = (): LeadState => ({ directory: initialDirectoryState(), exists: false });

const evolveLead = (state: LeadState, event: DirectoryEvent | LeadEvent): LeadState =>
  event.type === 'LeadCreated' ? { ...state, exists: true } : { ...state, directory: evolveDirectory(state.directory, event) };

const createLead = (command: CreateLead, state: LeadState): Decision<DirectoryEvent | LeadEvent> => {
  const { leadId, email = null, linkedinUrl = null } = command.data;
  const { firstName = null, lastName = null, companyName = null, title = null } = command.data;
  const denied = forbidden(command);
  if (denied) return denied;
  const orgId = tenantOf(command);
  if (!state.directory.orgExists) return reject(Code.ORGANIZATION_NOT_FOUND, `Organization ${orgId} does not exist`, { orgId });
  const invalid = (field: string, message: string) => reject(Code.LEAD_INVALID, message, { field });
  if (!isUuid(leadId) || leadId !== leadId.toLowerCase()) return invalid('id', 'leadId must be a lowercase UUID');
  if (email !== null && !isEmail(email)) return invalid('email', 'Invalid email address format');
  // seed 004: linkedin_url pattern /^https?:\/\/(www\.)?linkedin\.com\/in\/[a-zA-Z0-9\-]+\/?$/
  if (linkedinUrl !== null && (typeof linkedinUrl !== 'string' || !LINKEDIN_URL_PATTERN.test(linkedinUrl))) {
    return invalid('linkedin_url', 'linkedin_url must be a LinkedIn profile URL like https://linkedin.com/in/name');
  }
  const texts = { first_name: firstName, last_name: lastName, company_name: companyName, title };
  const tooLong = Object.entries(texts).find(([, value]) => !isOptionalText(value, TEXT_MAX));
  if (tooLong) return invalid(tooLong[0], `${tooLong[0]} must be text of at most ${TEXT_MAX} characters`);
  if (state.exists) return reject(Code.LEAD_ALREADY_EXISTS, `Lead ${leadId} already exists`, { leadId });
  return [
    {
      type: 'LeadCreated',
      data: { orgId, leadId, firstName, lastName, email, linkedinUrl, companyName, title, createdAt: toIso(nowOf(command)) },
    },
  ];
};

export const decideLead = (command: LeadCommand, state: LeadState): Decision<DirectoryEvent | LeadEvent> => {
  switch (command.type) {
    case 'CreateLead':
      return createLead(command, state);
    default:
      return assertNever(command.type);
  }
};

export const leadDecider: Decider<LeadCommand, DirectoryEvent | LeadEvent, LeadState> = {
  initialState: initialLeadState,
  decide: decideLead,
  evolve: evolveLead,
  streamIdOf: (command) => leadStreamId(tenantOf(command), command.data.leadId),
  alsoReads: (command) => [organizationStreamId(tenantOf(command))],
};
