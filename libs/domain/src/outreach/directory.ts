/**
 * The directory facts seed 004's foreign keys point at: organizations (tenants), their user
 * profiles with roles, message templates and leads. An organization's stream holds the org,
 * its users and its templates (few, read by every campaign decision); each lead has its own
 * stream under the org's partition key, so leads can number in the hundreds of thousands.
 */
import type { Event } from '../shared/decider';
import { Registry } from './registry';
import type { LinkedInMessageKind, TemplateChannel, UserRole } from './values';

/** Every outreach stream starts with its org, so one org's events share a partition and stay in order. */
export const organizationStreamId = (orgId: string): string => `outreach-${orgId}`;
export const leadStreamId = (orgId: string, leadId: string): string => `outreach-${orgId}/lead/${leadId}`;

export type OrganizationRegistered = Event<'OrganizationRegistered', { readonly orgId: string; readonly name: string; readonly registeredAt: string }>;

export type UserProfileRegistered = Event<
  'UserProfileRegistered',
  {
    readonly orgId: string;
    readonly userId: string;
    readonly email: string;
    readonly fullName: string;
    readonly role: UserRole;
    readonly registeredAt: string;
  }
>;

export type MessageTemplateCreated = Event<
  'MessageTemplateCreated',
  {
    readonly orgId: string;
    readonly templateId: string;
    readonly name: string;
    readonly channel: TemplateChannel;
    /** LinkedIn templates only: a connection request (≤ 300 chars) or an InMail (≤ 1900). */
    readonly linkedinMessageKind: LinkedInMessageKind | null;
    /** Email templates only. */
    readonly subject: string | null;
    readonly body: string;
    readonly createdAt: string;
  }
>;

export type DirectoryEvent = OrganizationRegistered | UserProfileRegistered | MessageTemplateCreated;

export type LeadCreated = Event<
  'LeadCreated',
  {
    readonly orgId: string;
    readonly leadId: string;
    readonly firstName: string | null;
    readonly lastName: string | null;
    readonly email: string | null;
    readonly linkedinUrl: string | null;
    readonly companyName: string | null;
    readonly title: string | null;
    readonly createdAt: string;
  }
>;

export type LeadEvent = LeadCreated;

/** What a decision needs to know of an org's directory: who its users are, which templates exist. */
export interface DirectoryState {
  readonly orgExists: boolean;
  readonly users: Registry<{ readonly role: UserRole; readonly email: string }>;
  readonly templates: Registry<{ readonly channel: TemplateChannel; readonly linkedinMessageKind: LinkedInMessageKind | null }>;
}

export const initialDirectoryState = (): DirectoryState => ({ orgExists: false, users: Registry.empty(), templates: Registry.empty() });

export const evolveDirectory = (state: DirectoryState, event: DirectoryEvent): DirectoryState => {
  switch (event.type) {
    case 'OrganizationRegistered':
      return { ...state, orgExists: true };
    case 'UserProfileRegistered': {
      const { userId, role, email } = event.data;
      return { ...state, users: state.users.with(userId, { role, email }) };
    }
    case 'MessageTemplateCreated': {
      const { templateId, channel, linkedinMessageKind } = event.data;
      return { ...state, templates: state.templates.with(templateId, { channel, linkedinMessageKind }) };
    }
  }
};

/** A lead as the contacts that name it use it: where to write and who it is. */
export type LeadView = Omit<LeadCreated['data'], 'orgId' | 'createdAt'>;

export const leadViewOf = (event: LeadCreated): LeadView => {
  const { orgId: _orgId, createdAt: _createdAt, ...lead } = event.data;
  return lead;
};
