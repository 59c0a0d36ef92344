/**
 * The directory rows seed 004's foreign keys point at — organizations, user_profiles,
 * message_templates, leads. Each is created once by its event and never changed, so a row is a
 * function of its event alone; a redelivered event upserts the same row.
 */
import type { DirectoryEnvelope } from './outreach.events';

export const DIRECTORY_EVENT_TYPES = ['OrganizationRegistered', 'UserProfileRegistered', 'MessageTemplateCreated', 'LeadCreated'] as const;

export type DirectoryTable = 'organizations' | 'user_profiles' | 'message_templates' | 'leads';

export interface DirectoryRow {
  readonly table: DirectoryTable;
  readonly row: Readonly<Record<string, unknown>> & { readonly id: string };
}

export const projectDirectory = (_existing: null, event: DirectoryEnvelope): DirectoryRow => {
  switch (event.type) {
    case 'OrganizationRegistered': {
      const d = event.data;
      return { table: 'organizations', row: { id: d.orgId, name: d.name, created_at: d.registeredAt } };
    }
    case 'UserProfileRegistered': {
      const d = event.data;
      return {
        table: 'user_profiles',
        row: { id: d.userId, org_id: d.orgId, email: d.email, full_name: d.fullName, role: d.role, created_at: d.registeredAt },
      };
    }
    case 'MessageTemplateCreated': {
      const d = event.data;
      const row = { id: d.templateId, org_id: d.orgId, name: d.name, channel: d.channel, linkedin_message_kind: d.linkedinMessageKind, subject: d.subject, body: d.body, created_at: d.createdAt };
      return { table: 'message_templates', row };
    }
    case 'LeadCreated': {
      const d = event.data;
      const row = { id: d.leadId, org_id: d.orgId, first_name: d.firstName, last_name: d.lastName, email: d.email, linkedin_url: d.linkedinUrl, company_name: d.companyName, title: d.title, created_at: d.createdAt };
      return { table: 'leads', row };
    }
  }
};

/** Each table's columns with their SQL types, for the writer's jsonb_to_recordset. */
export const DIRECTORY_COLUMNS: Readonly<Record<DirectoryTable, readonly (readonly [string, string])[]>> = {
  organizations: [['id', 'uuid'], ['name', 'text'], ['created_at', 'timestamptz']],
  user_profiles: [['id', 'uuid'], ['org_id', 'uuid'], ['email', 'text'], ['full_name', 'text'], ['role', 'text'], ['created_at', 'timestamptz']],
  message_templates: [
    ['id', 'uuid'], ['org_id', 'uuid'], ['name', 'text'], ['channel', 'text'], ['linkedin_message_kind', 'text'],
    ['subject', 'text'], ['body', 'text'], ['created_at', 'timestamptz'],
  ],
  leads: [
    ['id', 'uuid'], ['org_id', 'uuid'], ['first_name', 'text'], ['last_name', 'text'], ['email', 'text'],
    ['linkedin_url', 'text'], ['company_name', 'text'], ['title', 'text'], ['created_at', 'timestamptz'],
  ],
};
