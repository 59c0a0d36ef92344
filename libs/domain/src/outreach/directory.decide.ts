/**
 * The org directory (seed 004's organizations, user_profiles and message_templates, which its
 * foreign keys point at): registering the org, its users and its templates. Directory changes
 * are for the org's admins, or for internal services (no verified role) such as provisioning.
 */
import { assertNever, type Decider, type Decision, DomainError } from '../shared/decider';
import { isNonBlank, isUuid, toIso } from '../shared/validation';
import type { CreateMessageTemplate, DirectoryCommand, RegisterOrganization, RegisterUserProfile } from './commands';
import {
  type DirectoryEvent,
  type DirectoryState,
  evolveDirectory,
  initialDirectoryState,
  type MessageTemplateCreated,
  organizationStreamId,
} from './directory';
import { OutreachErrorCode as Code } from './errors';
import { forbidden, isEmail, nowOf, reject, tenantOf } from './rules';
import { LINKEDIN_MAX_CHARS, LINKEDIN_MESSAGE_KINDS, TEMPLATE_CHANNELS, USER_ROLES } from './values';

const NAME_MAX = 200;
const SUBJECT_MAX = 998;
const EMAIL_BODY_MAX = 100_000;
// seed 004: LinkedIn Message Templates — "Personalization tokens required", e.g. {{first_name}}.
export const PERSONALIZATION_TOKEN = /\{\{\s*[a-zA-Z_][a-zA-Z0-9_]*\s*\}\}/;

const orgNotFound = (orgId: string) => reject(Code.ORGANIZATION_NOT_FOUND, `Organization ${orgId} does not exist`, { orgId });

const registerOrganization = (command: RegisterOrganization, state: DirectoryState): Decision<DirectoryEvent> => {
  const { orgId, name } = command.data;
  const denied = forbidden(command, ['admin']);
  if (denied) return denied;
  if (!isUuid(orgId) || orgId !== orgId.toLowerCase() || orgId !== tenantOf(command)) {
    return reject(Code.ORGANIZATION_INVALID, 'orgId must be the lowercase UUID of the acting organization', { field: 'id' });
  }
  if (!isNonBlank(name, NAME_MAX)) return reject(Code.ORGANIZATION_INVALID, `name must be 1 to ${NAME_MAX} characters, not blank`, { field: 'name' });
  if (state.orgExists) return reject(Code.ORGANIZATION_ALREADY_EXISTS, `Organization ${orgId} already exists`, { orgId });
  return [{ type: 'OrganizationRegistered', data: { orgId, name, registeredAt: toIso(nowOf(command)) } }];
};

const registerUser = (command: RegisterUserProfile, state: DirectoryState): Decision<DirectoryEvent> => {
  const { userId, email, fullName, role } = command.data;
  const denied = forbidden(command, ['admin']);
  if (denied) return denied;
  const orgId = tenantOf(command);
  if (!state.orgExists) return orgNotFound(orgId);
  const invalid = (field: string, message: string) => reject(Code.USER_INVALID, message, { field });
  if (!isUuid(userId) || userId !== userId.toLowerCase()) return invalid('id', 'userId must be a lowercase UUID');
  if (!isEmail(email)) return invalid('email', 'Invalid email address format');
  if (!isNonBlank(fullName, NAME_MAX)) return invalid('full_name', `fullName must be 1 to ${NAME_MAX} characters, not blank`);
  if (!USER_ROLES.includes(role)) return invalid('role', `role must be one of ${USER_ROLES.join(', ')}`);
  if (state.users.has(userId)) return reject(Code.USER_ALREADY_EXISTS, `User ${userId} already exists`, { userId });
  return [{ type: 'UserProfileRegistered', data: { orgId, userId, email, fullName, role, registeredAt: toIso(nowOf(command)) } }];
};

type TemplateShape = Pick<MessageTemplateCreated['data'], 'channel' | 'linkedinMessageKind' | 'subject'>;

/** seed 004: LinkedIn templates have their kind's length limit and personalization tokens; emails have a subject. */
const templateShape = (data: CreateMessageTemplate['data']): TemplateShape | DomainError => {
  const { channel, body, linkedinMessageKind = null, subject = null } = data;
  const invalid = (field: string, message: string, extra: Record<string, number> = {}) => reject(Code.TEMPLATE_INVALID, message, { field, ...extra });
  if (!TEMPLATE_CHANNELS.includes(channel)) return invalid('channel', `channel must be one of ${TEMPLATE_CHANNELS.join(', ')}`);
  if (typeof body !== 'string' || body.trim().length === 0) return invalid('body', 'body is required');
  if (channel === 'email') {
    if (!isNonBlank(subject, SUBJECT_MAX)) return invalid('subject', 'Email templates need a subject');
    if (body.length > EMAIL_BODY_MAX) return invalid('body', `body must be at most ${EMAIL_BODY_MAX} characters`, { max: EMAIL_BODY_MAX });
    return { channel, linkedinMessageKind: null, subject };
  }
  if (linkedinMessageKind === null || !LINKEDIN_MESSAGE_KINDS.includes(linkedinMessageKind)) {
    return invalid('linkedin_message_kind', `LinkedIn templates must be one of ${LINKEDIN_MESSAGE_KINDS.join(', ')}`);
  }
  const max = LINKEDIN_MAX_CHARS[linkedinMessageKind];
  if (body.length > max) return invalid('body', `A LinkedIn ${linkedinMessageKind} is at most ${max} characters`, { max, length: body.length });
  if (!PERSONALIZATION_TOKEN.test(body)) return invalid('body', 'Personalization tokens required (e.g. {{first_name}})');
  return { channel, linkedinMessageKind, subject: null };
};

const createTemplate = (command: CreateMessageTemplate, state: DirectoryState): Decision<DirectoryEvent> => {
  const { templateId, name, body } = command.data;
  const denied = forbidden(command, ['admin', 'ta_manager']);
  if (denied) return denied;
  const orgId = tenantOf(command);
  if (!state.orgExists) return orgNotFound(orgId);
  if (!isUuid(templateId) || templateId !== templateId.toLowerCase()) {
    return reject(Code.TEMPLATE_INVALID, 'templateId must be a lowercase UUID', { field: 'id' });
  }
  if (!isNonBlank(name, NAME_MAX)) return reject(Code.TEMPLATE_INVALID, `name must be 1 to ${NAME_MAX} characters, not blank`, { field: 'name' });
  const shape = templateShape(command.data);
  if (shape instanceof DomainError) return shape;
  if (state.templates.has(templateId)) return reject(Code.TEMPLATE_ALREADY_EXISTS, `Template ${templateId} already exists`, { templateId });
  return [{ type: 'MessageTemplateCreated', data: { orgId, templateId, name, ...shape, body, createdAt: toIso(nowOf(command)) } }];
};

export const decideDirectory = (command: DirectoryCommand, state: DirectoryState): Decision<DirectoryEvent> => {
  switch (command.type) {
    case 'RegisterOrganization':
      return registerOrganization(command, state);
    case 'RegisterUserProfile':
      return registerUser(command, state);
    case 'CreateMessageTemplate':
      return createTemplate(command, state);
    default:
      return assertNever(command);
  }
};

export const directoryDecider: Decider<DirectoryCommand, DirectoryEvent, DirectoryState> = {
  initialState: initialDirectoryState,
  decide: decideDirectory,
  evolve: evolveDirectory,
  streamIdOf: (command) => organizationStreamId(tenantOf(command)),
};
