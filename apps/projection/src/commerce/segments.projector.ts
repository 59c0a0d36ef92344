/**
 * seed 001 `customer_segments`: a segment as created, renamed or given new rules, and deleted
 * (its memberships go by CASCADE). A static segment has no rules: the column is NOT NULL, so it
 * keeps its `'{}'` default. Members are not rows of this projector: a static segment's come from
 * SegmentMembersAdded/Removed and a rule segment's from its rules, both in segment-membership.ts.
 */
import type { commerce } from '@campaign/domain';
import { projector } from '../shared/projector';
import { patched } from './commerce.events';
import type { MoreEnvelopeOf } from './commerce-more.tables';

export interface SegmentRow {
  readonly id: string;
  readonly org_id: string;
  readonly name: string;
  readonly description: string | null;
  readonly kind: commerce.SegmentKind;
  readonly rules: object;
  readonly created_at: string;
  readonly updated_at: string;
}

type SegmentEnvelope = MoreEnvelopeOf<commerce.SegmentCreated | commerce.SegmentUpdated | commerce.SegmentDeleted>;

const created = (d: commerce.SegmentCreated['data']): SegmentRow => ({
  id: d.segmentId,
  org_id: d.orgId,
  name: d.name,
  description: d.description,
  kind: d.kind,
  rules: d.rules ?? {},
  created_at: d.createdAt,
  updated_at: d.createdAt,
});

const projectSegment = (row: SegmentRow | null, event: SegmentEnvelope): SegmentRow | null => {
  switch (event.type) {
    case 'SegmentCreated':
      return row ?? created(event.data);
    case 'SegmentUpdated': {
      const { name, description, rules, updatedAt } = event.data;
      return row && patched(row, { name, description, rules: rules ?? {} }, { updated_at: updatedAt });
    }
    case 'SegmentDeleted':
      return null;
  }
};

export const segmentsProjector = projector({
  table: 'customer_segments',
  eventTypes: ['SegmentCreated', 'SegmentUpdated', 'SegmentDeleted'],
  project: projectSegment,
});
