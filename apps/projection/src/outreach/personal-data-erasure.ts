/**
 * What a PersonalDataErased does to the read models: the erased subjects' personal fields are
 * blanked and marked erased (personal_data_erased_at), their counters and history kept. In a
 * rebuild the subjects' sealed values already open as null; the replayed erasure marks them.
 */
import type { EventEnvelope } from '@campaign/contracts';
import type { outreach } from '@campaign/domain';
import type { PoolClient } from 'pg';

export type ErasureEnvelope = EventEnvelope<outreach.PersonalDataErased['data']> & { type: 'PersonalDataErased' };

export const isErasure = (event: EventEnvelope): event is ErasureEnvelope => event.type === 'PersonalDataErased';

/** Columns added to seed 004's tables: when a person's data in that row was erased. */
export const personalDataDdl = `
ALTER TABLE campaign_contacts ADD COLUMN IF NOT EXISTS personal_data_erased_at TIMESTAMPTZ;
ALTER TABLE leads ADD COLUMN IF NOT EXISTS personal_data_erased_at TIMESTAMPTZ;
`;

const SUBJECT = /^outreach-[^/]+\/(contact|lead)\/([0-9a-f-]{36})$/;

const idsOf = (events: readonly ErasureEnvelope[], kind: 'contact' | 'lead') =>
  events.flatMap((event) =>
    event.data.subjects.flatMap((subject) => {
      const match = SUBJECT.exec(subject);
      return match && match[1] === kind ? [{ id: match[2], at: event.data.erasedAt }] : [];
    }),
  );

/** Blanks the personal fields of the batch's erased subjects; returns the contacts touched. */
export const applyErasures = async (client: PoolClient, s: string, events: readonly EventEnvelope[]): Promise<string[]> => {
  const erasures = events.filter(isErasure);
  if (erasures.length === 0) return [];
  const contacts = idsOf(erasures, 'contact');
  const leads = idsOf(erasures, 'lead');
  const rows = (items: { id: string; at: string }[]) => JSON.stringify(items);
  await client.query(
    `UPDATE ${s}.campaign_contacts c
        SET first_name = NULL, last_name = NULL, email = NULL, linkedin_url = NULL, response_text = NULL,
            personal_data_erased_at = COALESCE(c.personal_data_erased_at, e.at)
       FROM jsonb_to_recordset($1::jsonb) AS e(id uuid, at timestamptz)
      WHERE c.id = e.id`,
    [rows(contacts)],
  );
  await client.query(
    `UPDATE ${s}.engagement_tracking
        SET ip_address = NULL, user_agent = NULL, event_data = event_data - 'ip_address' - 'user_agent' - 'location'
      WHERE campaign_contact_id = ANY($1::uuid[]) AND (ip_address IS NOT NULL OR user_agent IS NOT NULL OR event_data ?| ARRAY['ip_address', 'user_agent', 'location'])`,
    [contacts.map((c) => c.id)],
  );
  await client.query(
    `UPDATE ${s}.leads l
        SET first_name = NULL, last_name = NULL, email = NULL, linkedin_url = NULL,
            personal_data_erased_at = COALESCE(l.personal_data_erased_at, e.at)
       FROM jsonb_to_recordset($1::jsonb) AS e(id uuid, at timestamptz)
      WHERE l.id = e.id`,
    [rows(leads)],
  );
  return contacts.map((c) => c.id);
};
