import type { CommandMetadata } from '../shared/decider';
import { given, unchecked } from '../testing';
import type { AgentEvent } from './agents';
import { type KpiCommand, kpiDecider, type KpiEvent, kpiGuards } from './kpi';
import { after, agentId, AS_VIEWER, at, decided, METADATA, NOW, ORG_ID, registryOf } from './testing';

type Of<T extends KpiCommand['type']> = Extract<KpiCommand, { type: T }>;
const build =
  <T extends KpiCommand['type']>(type: T, defaults: Of<T>['data']) =>
  (data: Partial<Of<T>['data']> = {}, metadata: Partial<CommandMetadata> = {}): Of<T> =>
    ({ type, data: { ...defaults, ...data }, metadata: { ...METADATA, ...metadata } }) as unknown as Of<T>;

const kpiId = (n: number) => `f4000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
const measurementId = (n: number) => `f5000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;

const kpi = {
  define: build('DefineKpi', { kpiId: kpiId(1), name: 'Conversion rate' }),
  update: build('UpdateKpi', { kpiId: kpiId(1) }),
  measure: build('RecordKpiMeasurement', { kpiId: kpiId(1), measurementId: measurementId(1), value: '2.5' }),
  remove: build('DeleteKpi', { kpiId: kpiId(1) }),
};

const registry: (AgentEvent | KpiEvent)[] = registryOf(2);
const defined = decided(kpiDecider, registry, kpi.define());
const measured = decided(kpiDecider, defined, kpi.measure());
const ref = { orgId: ORG_ID, kpiId: kpiId(1) };

describe('when no KPI is defined', () => {
  it('DefineKpi records KpiDefined, direction increase unless told, the target to four decimals', () => {
    given(kpiDecider, registry)
      .when(kpi.define({ unit: '%', targetValue: '3.2', ownerAgentId: agentId(1) }))
      .then([
        {
          type: 'KpiDefined',
          data: {
            ...ref,
            name: 'Conversion rate',
            description: null,
            unit: '%',
            targetValue: '3.2000',
            direction: 'increase',
            ownerAgentId: agentId(1),
            definedAt: NOW,
          },
        },
      ]);
  });

  it('"KPIs can exist without owner"; a named owner is a registered agent (AGENT_NOT_FOUND)', () => {
    // seed 001: kpis.owner_agent_id REFERENCES agents(id), optional
    given(kpiDecider)
      .when(kpi.define())
      .then([expect.objectContaining({ type: 'KpiDefined' })]);
    given(kpiDecider, registry)
      .when(kpi.define({ ownerAgentId: agentId(9) }))
      .thenRejects('AGENT_NOT_FOUND', { details: { field: 'ownerAgentId' } });
  });

  it('direction is increase or decrease; the target a decimal of DECIMAL(15,4)', () => {
    given(kpiDecider, registry)
      .when(kpi.define({ direction: 'up' }))
      .thenRejects('KPI_INVALID', { details: { field: 'direction' } });
    for (const targetValue of ['1.23456', '100000000000', 'ten'])
      given(kpiDecider, registry)
        .when(kpi.define({ targetValue }))
        .thenRejects('KPI_INVALID', { details: { field: 'targetValue' } });
  });

  it('every other command is KPI_NOT_FOUND; a viewer may not define one', () => {
    for (const next of [kpi.update({ name: 'x' }), kpi.measure(), kpi.remove()]) given(kpiDecider, registry).when(next).thenRejects('KPI_NOT_FOUND');
    given(kpiDecider, registry).when(kpi.define({}, AS_VIEWER)).thenRejects('COMMERCE_ROLE_REQUIRED');
  });
});

describe('when the KPI is defined', () => {
  it('DefineKpi again is KPI_ALREADY_EXISTS', () => {
    given(kpiDecider, defined).when(kpi.define()).thenRejects('KPI_ALREADY_EXISTS');
  });

  it('UpdateKpi records only what changed; null keeps a value; a repeat records nothing', () => {
    const update = kpi.update({ direction: 'decrease', targetValue: '-1', unit: null }, after(5));
    given(kpiDecider, defined)
      .when(update)
      .then([{ type: 'KpiUpdated', data: { ...ref, changes: { direction: 'decrease', targetValue: '-1.0000' }, updatedAt: at(5) } }]);
    given(kpiDecider, decided(kpiDecider, defined, update))
      .when(update)
      .thenNothing();
  });

  it('RecordKpiMeasurement keeps the value to four decimals, negative allowed, measured now unless told', () => {
    given(kpiDecider, defined)
      .when(kpi.measure({ value: '-12.5' }, after(60)))
      .then([{ type: 'KpiMeasurementRecorded', data: { ...ref, measurementId: measurementId(1), value: '-12.5000', measuredAt: at(60), recordedAt: at(60) } }]);
    given(kpiDecider, defined)
      .when(kpi.measure({ value: '0.0001', measuredAt: '2026-03-31T00:00:00Z' }))
      .then([expect.objectContaining({ data: expect.objectContaining({ value: '0.0001', measuredAt: '2026-03-31T00:00:00.000Z' }) })]);
  });

  it('a measurement is a decimal with at most four decimals at an instant; its id is used once', () => {
    for (const value of ['1.00001', '', unchecked<string>(null), '1e3'])
      given(kpiDecider, defined)
        .when(kpi.measure({ value }))
        .thenRejects('KPI_INVALID', { details: { field: 'value' } });
    given(kpiDecider, defined)
      .when(kpi.measure({ measuredAt: 'yesterday' }))
      .thenRejects('KPI_INVALID', { details: { field: 'measuredAt' } });
    given(kpiDecider, measured).when(kpi.measure()).thenRejects('KPI_MEASUREMENT_ALREADY_EXISTS');
  });

  it('measurement ids are claimed across KPIs: the read model keys them alone', () => {
    expect(kpiGuards(measured[measured.length - 1] as KpiEvent)).toEqual([
      expect.objectContaining({ kind: 'claim', key: `kpi-measurement:${measurementId(1)}`, code: 'KPI_MEASUREMENT_ALREADY_EXISTS' }),
    ]);
  });

  it('"Measurements deleted with KPI": DeleteKpi records KpiDeleted; then it is gone, a repeat records nothing', () => {
    // seed 001: kpi_measurements.kpi_id REFERENCES kpis(id) ON DELETE CASCADE
    given(kpiDecider, measured)
      .when(kpi.remove())
      .then([{ type: 'KpiDeleted', data: { ...ref, deletedAt: NOW } }]);
    const deleted = decided(kpiDecider, measured, kpi.remove());
    given(kpiDecider, deleted).when(kpi.remove()).thenNothing();
    given(kpiDecider, deleted)
      .when(kpi.measure({ measurementId: measurementId(2) }))
      .thenRejects('KPI_NOT_FOUND');
  });
});
