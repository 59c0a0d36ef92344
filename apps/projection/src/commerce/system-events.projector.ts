/**
 * seed 001 `system_events`, partitioned by created_at ("Partition Large Tables"): created_at is
 * the event's recordedAt, never the projection's clock, so a rebuild files each row under the
 * same month. Written once; the source agent stays named ("Events preserved if agent deleted").
 */
import type { commerce } from '@campaign/domain';
import { projector } from '../shared/projector';
import type { MoreEnvelopeOf } from './commerce-more.tables';

export interface SystemEventRow {
  readonly id: string;
  readonly org_id: string;
  readonly source_agent_id: string | null;
  readonly event_type: string;
  readonly severity: commerce.SystemEventSeverity;
  readonly payload: object;
  readonly created_at: string;
}

const projectSystemEvent = (row: SystemEventRow | null, event: MoreEnvelopeOf<commerce.SystemEventRecorded>): SystemEventRow => {
  const d = event.data;
  return (
    row ?? {
      id: d.systemEventId,
      org_id: d.orgId,
      source_agent_id: d.sourceAgentId,
      event_type: d.eventType,
      severity: d.severity,
      payload: d.payload,
      created_at: d.recordedAt,
    }
  );
};

export const systemEventsProjector = projector({ table: 'system_events', eventTypes: ['SystemEventRecorded'], project: projectSystemEvent });
