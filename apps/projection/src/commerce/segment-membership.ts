/**
 * seed 001 `customer_segment_members` (PRIMARY KEY (customer_id, segment_id)), which the
 * table-driven writer cannot keep: the rows have no id, and a rule segment's members are not
 * what one stream says but whoever matches its rules (segment-rules.ts `matchesSegment`). Run
 * after a batch's rows are written (customers and customer_segments current), in its transaction:
 * - a static segment: SegmentMembersAdded/Removed, last word per (segment, customer) in the batch;
 * - a rule segment: re-evaluated for all of its org's customers when it is created or updated,
 *   and every rule segment of the org for a customer registered, updated or given a new email.
 * A membership begins (added_at) with the later of the segment's and the customer's last change,
 * and keeps that instant while it holds. Deletions need nothing here: ON DELETE CASCADE on both sides.
 */
import type { EventEnvelope } from '@campaign/contracts';
import { commerce } from '@campaign/domain';
import { quoteIdent } from '@campaign/eventstore';
import type { PoolClient } from 'pg';
import { latest } from './commerce.events';
import { NotYetProjectedError } from '../shared/row-writing';

type Data = Readonly<Record<string, unknown>> & { readonly orgId: string };
interface Member {
  readonly segmentId: string;
  readonly customerId: string;
  readonly orgId: string;
  readonly addedAt: string;
}

const TABLE = 'customer_segment_members';
const CUSTOMER_CHANGES = new Set(['CustomerRegistered', 'CustomerUpdated', 'CustomerEmailChanged']);
const RULE_CHANGES = new Set(['SegmentCreated', 'SegmentUpdated']);

/** The static members the batch adds and removes: of several events on one pair, the last one counts. */
const staticChanges = (events: readonly EventEnvelope[]): { adds: Member[]; removes: Member[] } => {
  const last = new Map<string, Member & { readonly added: boolean }>();
  for (const event of events) {
    if (event.type !== 'SegmentMembersAdded' && event.type !== 'SegmentMembersRemoved') continue;
    const d = event.data as Data & { segmentId: string; customerIds: readonly string[]; addedAt?: string; removedAt?: string };
    for (const customerId of d.customerIds) {
      const at = d.addedAt ?? d.removedAt ?? event.occurredAt;
      last.set(`${d.segmentId} ${customerId}`, {
        segmentId: d.segmentId,
        customerId,
        orgId: d.orgId,
        addedAt: at,
        added: event.type === 'SegmentMembersAdded',
      });
    }
  }
  const all = [...last.values()];
  return { adds: all.filter((m) => m.added), removes: all.filter((m) => !m.added) };
};

const columnsOf = (members: readonly Member[]) => [
  members.map((m) => m.customerId),
  members.map((m) => m.segmentId),
  members.map((m) => m.orgId),
  members.map((m) => m.addedAt),
];

const insertMembers = async (client: PoolClient, s: string, members: readonly Member[], kind: commerce.SegmentKind): Promise<void> => {
  if (members.length === 0) return;
  await client.query(
    `INSERT INTO ${s}.${TABLE} (customer_id, segment_id, org_id, added_at)
     SELECT u.c, u.s, u.o, u.at FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::timestamptz[]) AS u(c, s, o, at)
      WHERE EXISTS (SELECT 1 FROM ${s}.customer_segments g WHERE g.id = u.s AND g.kind = $5)
        AND EXISTS (SELECT 1 FROM ${s}.customers c WHERE c.id = u.c)
     ON CONFLICT (customer_id, segment_id) DO NOTHING`,
    [...columnsOf(members), kind],
  );
};

const deleteMembers = async (client: PoolClient, s: string, pairs: readonly Pick<Member, 'segmentId' | 'customerId'>[]): Promise<void> => {
  if (pairs.length === 0) return;
  await client.query(`DELETE FROM ${s}.${TABLE} m USING unnest($1::uuid[], $2::uuid[]) AS u(c, s) WHERE m.customer_id = u.c AND m.segment_id = u.s`, [
    pairs.map((p) => p.customerId),
    pairs.map((p) => p.segmentId),
  ]);
};

/**
 * A customer added by hand exists (the decider checked it), but is of another stream: missing
 * and not deleted, it is not projected yet and the batch is retried; deleted, it is left out.
 */
const checkCustomers = async (client: PoolClient, s: string, adds: readonly Member[]): Promise<void> => {
  const ids = [...new Set(adds.map((m) => m.customerId))];
  if (ids.length === 0) return;
  const { rows } = await client.query<{ id: string }>(
    `SELECT i.id::text FROM unnest($1::uuid[]) AS i(id)
      WHERE NOT EXISTS (SELECT 1 FROM ${s}.customers c WHERE c.id = i.id)
        AND NOT EXISTS (SELECT 1 FROM ${s}.projection_tombstones t WHERE t.id = i.id)`,
    [ids],
  );
  if (rows.length > 0)
    throw new NotYetProjectedError(
      TABLE,
      'customers rows',
      rows.map((row) => row.id),
    );
};

interface SegmentRead {
  readonly id: string;
  readonly org_id: string;
  readonly rules: commerce.SegmentRules;
  readonly updated_at: string;
}
interface CustomerRead {
  readonly id: string;
  readonly org_id: string;
  readonly email: string;
  readonly accepts_marketing: boolean;
  readonly attributes: Readonly<Record<string, unknown>>;
  readonly updated_at: string;
}

const idsAndOrgs = (events: readonly EventEnvelope[], types: ReadonlySet<string>, field: string) => {
  const mine = events.filter((e) => types.has(e.type)).map((e) => e.data as Data);
  return { ids: [...new Set(mine.map((d) => d[field] as string))], orgs: [...new Set(mine.map((d) => d.orgId))] };
};

/** The rule segments and customers to evaluate: the touched ones, and the other side's within their orgs. */
const readTouched = async (client: PoolClient, s: string, events: readonly EventEnvelope[]) => {
  const segments = idsAndOrgs(events, RULE_CHANGES, 'segmentId');
  const customers = idsAndOrgs(events, CUSTOMER_CHANGES, 'customerId');
  const segmentRows = await client.query<{ row: SegmentRead }>(
    `SELECT to_jsonb(g) AS row FROM ${s}.customer_segments g WHERE g.kind = 'rule' AND (g.id = ANY($1::uuid[]) OR g.org_id = ANY($2::uuid[]))`,
    [segments.ids, customers.orgs],
  );
  const customerRows = await client.query<{ row: CustomerRead }>(
    `SELECT to_jsonb(c) AS row FROM ${s}.customers c WHERE c.id = ANY($1::uuid[]) OR c.org_id = ANY($2::uuid[])`,
    [customers.ids, segments.orgs],
  );
  return {
    segments: segmentRows.rows.map((r) => r.row),
    customers: customerRows.rows.map((r) => r.row),
    touchedSegments: new Set(segments.ids),
    touchedCustomers: new Set(customers.ids),
  };
};

const matches = (segment: SegmentRead, customer: CustomerRead): boolean =>
  commerce.matchesSegment(segment.rules, { email: customer.email, acceptsMarketing: customer.accepts_marketing, attributes: customer.attributes ?? {} });

/** Re-evaluates the rule memberships the batch may have changed: members that match stay or join, the others leave. */
const applyRules = async (client: PoolClient, s: string, events: readonly EventEnvelope[]): Promise<void> => {
  if (!events.some((e) => RULE_CHANGES.has(e.type) || CUSTOMER_CHANGES.has(e.type))) return;
  const { segments, customers, touchedSegments, touchedCustomers } = await readTouched(client, s, events);
  const joining: Member[] = [];
  const leaving: Pick<Member, 'segmentId' | 'customerId'>[] = [];
  for (const segment of segments) {
    const all = touchedSegments.has(segment.id);
    for (const customer of customers) {
      if (customer.org_id !== segment.org_id || !(all || touchedCustomers.has(customer.id))) continue;
      const pair = { segmentId: segment.id, customerId: customer.id };
      if (matches(segment, customer)) joining.push({ ...pair, orgId: segment.org_id, addedAt: latest(segment.updated_at, customer.updated_at) });
      else leaving.push(pair);
    }
  }
  await deleteMembers(client, s, leaving);
  await insertMembers(client, s, joining, 'rule');
};

/**
 * Keeps customer_segment_members for a batch of commerce events, in the batch's transaction,
 * after the writer wrote the batch's rows (CommerceWriter.applyBatch, after its table loop).
 */
export const applySegmentMembership = async (client: PoolClient, schema: string, events: readonly EventEnvelope[]): Promise<void> => {
  const s = quoteIdent(schema);
  const { adds, removes } = staticChanges(events);
  await checkCustomers(client, s, adds);
  await deleteMembers(client, s, removes);
  await insertMembers(client, s, adds, 'static');
  await applyRules(client, s, events);
};
