/**
 * The directory rows seed 004's foreign keys point at — organizations, user_profiles,
 * message_templates, leads: one projector per table. Each row is created once by its event and
 * never changed, so a row is a function of its event alone; a redelivered event upserts the same row.
 */
import { type Projector, projector } from '../shared/projector';
import type { DirectoryEnvelope } from './outreach.events';
import type { Columns } from './outreach.sql';

export type DirectoryRow = Readonly<Record<string, unknown>> & { readonly id: string };

/** A directory table's projector, with the table's columns and SQL types for the writer's jsonb_to_recordset. */
export interface DirectoryProjector extends Projector<DirectoryEnvelope, null, DirectoryRow> {
  readonly columns: Columns;
}

type Of<T extends DirectoryEnvelope['type']> = Extract<DirectoryEnvelope, { type: T }>;

/** The one event type that creates the table's rows. */
const directoryProjector = <T extends DirectoryEnvelope['type']>(
  table: string,
  type: T,
  columns: Columns,
  row: (event: Of<T>) => DirectoryRow,
): DirectoryProjector => ({
  ...projector<Of<T>, null, DirectoryRow>({ table, eventTypes: [type] as Of<T>['type'][], project: (_existing, event) => row(event) }),
  columns,
});

const organizations = directoryProjector(
  'organizations',
  'OrganizationRegistered',
  [
    ['id', 'uuid'],
    ['name', 'text'],
    ['created_at', 'timestamptz'],
  ],
  ({ data: d }) => ({
    id: d.orgId,
    name: d.name,
    created_at: d.registeredAt,
  }),
);

const userProfiles = directoryProjector(
  'user_profiles',
  'UserProfileRegistered',
  [
    ['id', 'uuid'],
    ['org_id', 'uuid'],
    ['email', 'text'],
    ['full_name', 'text'],
    ['role', 'text'],
    ['created_at', 'timestamptz'],
  ],
  ({ data: d }) => ({ id: d.userId, org_id: d.orgId, email: d.email, full_name: d.fullName, role: d.role, created_at: d.registeredAt }),
);

const messageTemplates = directoryProjector(
  'message_templates',
  'MessageTemplateCreated',
  [
    ['id', 'uuid'],
    ['org_id', 'uuid'],
    ['name', 'text'],
    ['channel', 'text'],
    ['linkedin_message_kind', 'text'],
    ['subject', 'text'],
    ['body', 'text'],
    ['created_at', 'timestamptz'],
  ],
  ({ data: d }) => ({
    id: d.templateId,
    org_id: d.orgId,
    name: d.name,
    channel: d.channel,
    linkedin_message_kind: d.linkedinMessageKind,
    subject: d.subject,
    body: d.body,
    created_at: d.createdAt,
  }),
);

const leads = directoryProjector(
  'leads',
  'LeadCreated',
  [
    ['id', 'uuid'],
    ['org_id', 'uuid'],
    ['first_name', 'text'],
    ['last_name', 'text'],
    ['email', 'text'],
    ['linkedin_url', 'text'],
    ['company_name', 'text'],
    ['title', 'text'],
    ['created_at', 'timestamptz'],
  ],
  ({ data: d }) => ({
    id: d.leadId,
    org_id: d.orgId,
    first_name: d.firstName,
    last_name: d.lastName,
    email: d.email,
    linkedin_url: d.linkedinUrl,
    company_name: d.companyName,
    title: d.title,
    created_at: d.createdAt,
  }),
);

/** In the order they are written: organizations first, the other directory tables reference them. */
export const DIRECTORY_PROJECTORS: readonly DirectoryProjector[] = [organizations, userProfiles, messageTemplates, leads];
