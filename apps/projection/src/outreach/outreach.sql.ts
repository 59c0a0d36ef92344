/** The columns the writer sends for each table, with their SQL types, and the bulk upsert built from them. */
export type Columns = readonly (readonly [string, string])[];

export const CAMPAIGN_COLUMNS: Columns = [
  ['id', 'uuid'],
  ['org_id', 'uuid'],
  ['name', 'text'],
  ['description', 'text'],
  ['campaign_type', 'text'],
  ['channel', 'text'],
  ['status', 'text'],
  ['target_audience', 'text'],
  ['target_locations', 'text[]'],
  ['target_skills', 'text[]'],
  ['target_company_sizes', 'text[]'],
  ['is_ab_test', 'boolean'],
  ['variant_a_template_id', 'uuid'],
  ['variant_b_template_id', 'uuid'],
  ['ab_split_percentage', 'integer'],
  ['target_contacts_count', 'integer'],
  ['target_response_rate', 'numeric'],
  ['target_conversion_count', 'integer'],
  ['start_date', 'date'],
  ['end_date', 'date'],
  ['owner_id', 'uuid'],
  ['created_at', 'timestamptz'],
  ['updated_at', 'timestamptz'],
  ['created_by', 'uuid'],
];

export const CONTACT_COLUMNS: Columns = [
  ['id', 'uuid'],
  ['campaign_id', 'uuid'],
  ['contact_type', 'text'],
  ['user_id', 'uuid'],
  ['lead_id', 'uuid'],
  ['first_name', 'text'],
  ['last_name', 'text'],
  ['email', 'text'],
  ['linkedin_url', 'text'],
  ['company_name', 'text'],
  ['title', 'text'],
  ['status', 'text'],
  ['ab_variant', 'text'],
  ['template_used_id', 'uuid'],
  ['channel', 'text'],
  ['sent_at', 'timestamptz'],
  ['opened_at', 'timestamptz'],
  ['clicked_at', 'timestamptz'],
  ['responded_at', 'timestamptz'],
  ['response_text', 'text'],
  ['converted_at', 'timestamptz'],
  ['conversion_type', 'text'],
  ['conversion_entity_id', 'uuid'],
  ['created_at', 'timestamptz'],
  ['updated_at', 'timestamptz'],
];

/** What contact events can change on an existing row (campaign-contacts.projector.ts): the rest is set once by ContactAdded. */
export const CONTACT_MUTABLE_COLUMNS: Columns = CONTACT_COLUMNS.filter(([name]) =>
  [
    'id',
    'status',
    'channel',
    'sent_at',
    'opened_at',
    'clicked_at',
    'responded_at',
    'response_text',
    'converted_at',
    'conversion_type',
    'conversion_entity_id',
    'updated_at',
  ].includes(name),
);

export const ENGAGEMENT_COLUMNS: Columns = [
  ['id', 'uuid'],
  ['campaign_contact_id', 'uuid'],
  ['event_type', 'text'],
  ['event_data', 'jsonb'],
  ['event_timestamp', 'timestamptz'],
  ['tracking_id', 'text'],
  ['user_agent', 'text'],
  ['ip_address', 'text'],
  ['clicked_url', 'text'],
  ['created_at', 'timestamptz'],
];

/** Columns an upsert never rewrites: identity and creation. */
const FIXED = new Set(['id', 'org_id', 'campaign_id', 'created_at', 'created_by']);

/**
 * INSERT … SELECT FROM jsonb_to_recordset($1): one statement for any number of rows. `update`
 * rewrites every mutable column on conflict; `nothing` keeps the first row (insert-only tables).
 */
export const upsertSql = (schema: string, table: string, columns: Columns, onConflict: 'update' | 'nothing'): string => {
  const names = columns.map(([name]) => name).join(', ');
  const types = columns.map(([name, type]) => `${name} ${type}`).join(', ');
  const updates = columns.filter(([name]) => !FIXED.has(name)).map(([name]) => `${name} = EXCLUDED.${name}`);
  const conflict = onConflict === 'update' ? `DO UPDATE SET ${updates.join(', ')}` : 'DO NOTHING';
  return `INSERT INTO ${schema}.${table} (${names})
    SELECT ${names} FROM jsonb_to_recordset($1::jsonb) AS r(${types})
    ON CONFLICT (id) ${conflict}`;
};

/** UPDATE … FROM jsonb_to_recordset($1): rewrites `columns` (besides id) of the rows that exist. */
export const updateSql = (schema: string, table: string, columns: Columns): string => {
  const types = columns.map(([name, type]) => `${name} ${type}`).join(', ');
  const sets = columns.filter(([name]) => name !== 'id').map(([name]) => `${name} = r.${name}`);
  return `UPDATE ${schema}.${table} t SET ${sets.join(', ')}
    FROM jsonb_to_recordset($1::jsonb) AS r(${types}) WHERE t.id = r.id`;
};
