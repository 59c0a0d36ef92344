/**
 * The vocabulary the commerce table lists (commerce.tables.ts, commerce-more.tables.ts) are
 * written in: which rows an event touches, the columns with their SQL types, the parents.
 */
import { type Parent, ts, uuid } from '../shared/row-writing';
import type { CommerceEnvelope } from './commerce.events';

const data = (event: CommerceEnvelope) => event.data as unknown as Record<string, string>;

/** The group an event touches: the row named by one field of its data. */
export const one =
  (field: string) =>
  (event: CommerceEnvelope): readonly string[] => [data(event)[field]];

export const ids = uuid('id', 'org_id');
export const stamps = ts('created_at', 'updated_at');

export const parent = (column: string, table: string, whenGone: Parent['whenGone'], otherStream = true): Parent => ({ column, table, whenGone, otherStream });
// Agents are archived, never deleted: an agent missing is always one not projected yet.
export const agent = (column: string): Parent => parent(column, 'agents', 'null');
