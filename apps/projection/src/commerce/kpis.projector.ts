/**
 * seed 001 `kpis` and `kpi_measurements` ("Time-series data"), from one stream per KPI: a KPI
 * as defined and changed (a null in `changes` clears the field), its measurements each recorded
 * once, and its deletion — the measurements go with it (ON DELETE CASCADE). Values are the
 * domain's normalized DECIMAL(15,4) text.
 */
import type { commerce } from '@campaign/domain';
import { projector } from '../shared/projector';
import { columnsOf, patched } from './commerce.events';
import type { MoreEnvelopeOf } from './commerce-more.tables';

export interface KpiRow {
  readonly id: string;
  readonly org_id: string;
  readonly name: string;
  readonly description: string | null;
  readonly unit: string | null;
  readonly target_value: string | number | null;
  readonly direction: commerce.KpiDirection;
  readonly owner_agent_id: string | null;
  readonly created_at: string;
  readonly updated_at: string;
}

const COLUMNS = {
  name: 'name',
  description: 'description',
  unit: 'unit',
  targetValue: 'target_value',
  direction: 'direction',
  ownerAgentId: 'owner_agent_id',
};

type KpiEnvelope = MoreEnvelopeOf<commerce.KpiDefined | commerce.KpiUpdated | commerce.KpiDeleted>;

const defined = (d: commerce.KpiDefined['data']): KpiRow => ({
  id: d.kpiId,
  org_id: d.orgId,
  ...(columnsOf(d, COLUMNS) as Pick<KpiRow, 'name' | 'description' | 'unit' | 'target_value' | 'direction' | 'owner_agent_id'>),
  created_at: d.definedAt,
  updated_at: d.definedAt,
});

const projectKpi = (row: KpiRow | null, event: KpiEnvelope): KpiRow | null => {
  switch (event.type) {
    case 'KpiDefined':
      return row ?? defined(event.data);
    case 'KpiUpdated':
      return row && patched(row, columnsOf(event.data.changes, COLUMNS), { updated_at: event.data.updatedAt });
    case 'KpiDeleted':
      return null;
  }
};

export const kpisProjector = projector({
  table: 'kpis',
  eventTypes: ['KpiDefined', 'KpiUpdated', 'KpiDeleted'],
  project: projectKpi,
});

export interface MeasurementRow {
  readonly id: string;
  readonly org_id: string;
  readonly kpi_id: string;
  readonly measured_at: string;
  readonly value: string | number;
  readonly created_at: string;
}

const projectMeasurement = (row: MeasurementRow | null, event: MoreEnvelopeOf<commerce.KpiMeasurementRecorded>): MeasurementRow => {
  const d = event.data;
  return row ?? { id: d.measurementId, org_id: d.orgId, kpi_id: d.kpiId, measured_at: d.measuredAt, value: d.value, created_at: d.recordedAt };
};

export const kpiMeasurementsProjector = projector({
  table: 'kpi_measurements',
  eventTypes: ['KpiMeasurementRecorded'],
  project: projectMeasurement,
});
