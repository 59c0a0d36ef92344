import { optional, timestamp } from '../avro';
import { stringList, versioned } from './enums';

/**
 * Erasure of personal data (libs/domain/src/outreach/erasure.ts): the command names the person
 * (request) or the ended campaign (retention); the event names the subjects whose keys were
 * deleted, never a personal value. The subjects are found by the command side, so the wire
 * command has none.
 */
export const erasureCommandSchemas = {
  ErasePersonalData: versioned('ErasePersonalData', 'campaign.outreach.commands', [
    { name: 'erasureId', type: 'string' },
    { name: 'basis', type: 'string' },
    { name: 'email', ...optional('string') },
    { name: 'linkedinUrl', ...optional('string') },
    { name: 'campaignId', ...optional('string') },
    { name: 'reason', type: 'string' },
  ]),
};

export const erasureEventSchemas = {
  PersonalDataErased: versioned('PersonalDataErased', 'campaign.outreach.events', [
    { name: 'orgId', type: 'string' },
    { name: 'erasureId', type: 'string' },
    { name: 'basis', type: 'string' },
    { name: 'campaignId', ...optional('string') },
    { name: 'subjects', type: stringList },
    { name: 'reason', type: 'string' },
    { name: 'requestedBy', type: 'string' },
    { name: 'erasedAt', type: timestamp },
  ]),
};
