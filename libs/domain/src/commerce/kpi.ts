/**
 * KPIs (seed 001 "Analytics": kpis, kpi_measurements): one stream per KPI holds its definition
 * and its time series. "KPIs can exist without owner"; an owner, when named, is a registered
 * agent. Values are decimals of the read model's DECIMAL(15,4) — negative allowed, at most four
 * decimals, kept as normalized text (`12.5` → `12.5000`). Deleting a KPI deletes its measurements
 * (ON DELETE CASCADE). Measurement ids are claimed across streams: the read model keys them alone.
 */
import { assertNever, type Command, type Decider, type Decision, type DomainError, type Event, type Guard } from '../shared/decider';
import { nowIsoOf, tenantOf, writerRequired } from './access';
import { type AgentEvent, agentsStreamId, evolvingWithAgents, initialAgentsState, type WithAgents } from './agents';
import { changedFields, COMMERCE_LIMITS as LIMITS, type Invalid, optionalInstant, optionalText, optionalUuid, requiredText, uuidField } from './values';
import { CommerceWorkErrorCode as Code, rejectWork, unknownAgent } from './work.errors';

export const kpiStreamId = (orgId: string, kpiId: string): string => `commerce-kpi-${orgId}-${kpiId}`;

// seed 001 (read model): CHECK (direction IN ('increase', 'decrease')), DEFAULT 'increase'.
export const KPI_DIRECTIONS = ['increase', 'decrease'] as const;
export type KpiDirection = (typeof KPI_DIRECTIONS)[number];

export interface KpiFields {
  readonly name: string;
  readonly description: string | null;
  readonly unit: string | null;
  /** DECIMAL(15,4) as text. */
  readonly targetValue: string | null;
  readonly direction: KpiDirection;
  readonly ownerAgentId: string | null;
}

type KpiRef = { readonly orgId: string; readonly kpiId: string };
export type KpiDefined = Event<'KpiDefined', KpiRef & KpiFields & { readonly definedAt: string }>;
export type KpiUpdated = Event<'KpiUpdated', KpiRef & { readonly changes: Partial<KpiFields>; readonly updatedAt: string }>;
export type KpiMeasurementRecorded = Event<
  'KpiMeasurementRecorded',
  KpiRef & { readonly measurementId: string; readonly value: string; readonly measuredAt: string; readonly recordedAt: string }
>;
export type KpiDeleted = Event<'KpiDeleted', KpiRef & { readonly deletedAt: string }>;
export type KpiEvent = KpiDefined | KpiUpdated | KpiMeasurementRecorded | KpiDeleted;
export const KPI_EVENT_TYPES: readonly KpiEvent['type'][] = ['KpiDefined', 'KpiUpdated', 'KpiMeasurementRecorded', 'KpiDeleted'];

type Nullable<T> = { readonly [K in keyof T]?: T[K] | null };
type KpiData = Nullable<Omit<KpiFields, 'direction'>> & { readonly direction?: string | null };
export type DefineKpi = Command<'DefineKpi', KpiData & { readonly kpiId: string; readonly name: string }>;
export type UpdateKpi = Command<'UpdateKpi', KpiData & { readonly kpiId: string }>;
export type RecordKpiMeasurement = Command<
  'RecordKpiMeasurement',
  { readonly kpiId: string; readonly measurementId: string; readonly value: string; readonly measuredAt?: string | null }
>;
export type DeleteKpi = Command<'DeleteKpi', { readonly kpiId: string }>;
export type KpiCommand = DefineKpi | UpdateKpi | RecordKpiMeasurement | DeleteKpi;
export const KPI_COMMAND_TYPES: readonly KpiCommand['type'][] = ['DefineKpi', 'UpdateKpi', 'RecordKpiMeasurement', 'DeleteKpi'];

export type KpiState =
  | { readonly status: 'none' | 'deleted' }
  | { readonly status: 'live'; readonly fields: KpiFields; readonly measurementIds: ReadonlySet<string> };

export const evolveKpi = (state: KpiState, event: KpiEvent): KpiState => {
  switch (event.type) {
    case 'KpiDefined': {
      const { orgId: _org, kpiId: _id, definedAt: _at, ...fields } = event.data;
      return { status: 'live', fields, measurementIds: new Set() };
    }
    case 'KpiUpdated':
      return state.status === 'live' ? { ...state, fields: { ...state.fields, ...event.data.changes } } : state;
    case 'KpiMeasurementRecorded':
      return state.status === 'live' ? { ...state, measurementIds: new Set(state.measurementIds).add(event.data.measurementId) } : state;
    case 'KpiDeleted':
      return { status: 'deleted' };
  }
};

// seed 001 kpi_measurements: "Time-series data" keyed by the measurement's id alone, so one KPI holds it.
export const kpiGuards = (event: KpiEvent): readonly Guard[] =>
  event.type === 'KpiMeasurementRecorded'
    ? [
        {
          kind: 'claim',
          key: `kpi-measurement:${event.data.measurementId}`,
          code: Code.KPI_MEASUREMENT_ALREADY_EXISTS,
          message: `Measurement ${event.data.measurementId} belongs to another KPI`,
        },
      ]
    : [];

const DECIMAL = /^(-?)(\d+)(?:\.(\d+))?$/;
// DECIMAL(15,4): eleven integer digits.
const KPI_DECIMAL_LIMIT = 10n ** 11n;

/** A decimal of DECIMAL(15,4), negative allowed, normalized to four decimals; or the rejection. */
export const kpiDecimal = (invalid: Invalid, field: string, value: unknown): string | DomainError => {
  const text = typeof value === 'number' && Number.isFinite(value) ? String(value) : value;
  const match = typeof text === 'string' ? DECIMAL.exec(text.trim()) : null;
  const [, sign = '', whole = '', fraction = ''] = match ?? [];
  if (!match || fraction.length > 4 || BigInt(whole) >= KPI_DECIMAL_LIMIT)
    return invalid(field, `${field} is a decimal number with at most 4 decimals below 10^11 (DECIMAL(15,4))`);
  const digits = fraction.padEnd(4, '0');
  const zero = BigInt(whole) === 0n && BigInt(digits) === 0n;
  return `${zero ? '' : sign}${BigInt(whole)}.${digits}`;
};

const invalid = (field: string, message: string) => rejectWork(Code.KPI_INVALID, message, { field });

/** The merged fields checked, the target normalized; the owner looked up only when new or changed. */
const checked = (state: WithAgents<KpiState>, fields: KpiFields, before: KpiFields | null): KpiFields | DomainError => {
  const wrong =
    requiredText(invalid, 'name', fields.name, LIMITS.title) ??
    optionalText(invalid, 'description', fields.description, LIMITS.text) ??
    optionalText(invalid, 'unit', fields.unit, 50) ??
    (KPI_DIRECTIONS.includes(fields.direction) ? null : invalid('direction', `direction is one of ${KPI_DIRECTIONS.join(', ')}`)) ??
    optionalUuid(invalid, 'ownerAgentId', fields.ownerAgentId) ??
    // seed 001 kpis.owner_agent_id REFERENCES agents(id), optional: "KPIs can exist without owner".
    (before?.ownerAgentId === fields.ownerAgentId ? null : unknownAgent(state.agents, fields.ownerAgentId, 'ownerAgentId'));
  if (wrong) return wrong;
  const targetValue = fields.targetValue === null ? null : kpiDecimal(invalid, 'targetValue', fields.targetValue);
  return typeof targetValue === 'object' && targetValue !== null ? targetValue : { ...fields, targetValue };
};

const define = (command: DefineKpi, state: WithAgents<KpiState>): Decision<KpiEvent> => {
  const { kpiId, name, description = null, unit = null, targetValue = null, direction = null, ownerAgentId = null } = command.data;
  const wrong = uuidField(invalid, 'kpiId', kpiId);
  if (wrong) return wrong;
  const fields = checked(state, { name, description, unit, targetValue, direction: (direction ?? 'increase') as KpiDirection, ownerAgentId }, null);
  if ('code' in fields) return fields;
  if (state.own.status !== 'none') return rejectWork(Code.KPI_ALREADY_EXISTS, `KPI ${kpiId} exists`, { kpiId });
  return [{ type: 'KpiDefined', data: { orgId: tenantOf(command), kpiId, ...fields, definedAt: nowIsoOf(command) } }];
};

const update = (command: UpdateKpi, state: WithAgents<KpiState>, before: KpiFields): Decision<KpiEvent> => {
  const { kpiId, ...given } = command.data;
  const merged = Object.fromEntries(Object.entries(before).map(([key, value]) => [key, given[key as keyof KpiFields] ?? value])) as unknown as KpiFields;
  const after = checked(state, merged, before);
  if ('code' in after) return after;
  const changes = changedFields(before, after);
  if (Object.keys(changes).length === 0) return [];
  return [{ type: 'KpiUpdated', data: { orgId: tenantOf(command), kpiId, changes, updatedAt: nowIsoOf(command) } }];
};

const measure = (command: RecordKpiMeasurement, measurementIds: ReadonlySet<string>): Decision<KpiEvent> => {
  const { kpiId, measurementId } = command.data;
  const wrong = uuidField(invalid, 'measurementId', measurementId);
  if (wrong) return wrong;
  const value = kpiDecimal(invalid, 'value', command.data.value);
  if (typeof value !== 'string') return value;
  const measuredAt = optionalInstant(invalid, 'measuredAt', command.data.measuredAt);
  if (typeof measuredAt === 'object' && measuredAt !== null) return measuredAt;
  if (measurementIds.has(measurementId))
    return rejectWork(Code.KPI_MEASUREMENT_ALREADY_EXISTS, `Measurement ${measurementId} exists`, { kpiId, measurementId });
  const now = nowIsoOf(command);
  return [{ type: 'KpiMeasurementRecorded', data: { orgId: tenantOf(command), kpiId, measurementId, value, measuredAt: measuredAt ?? now, recordedAt: now } }];
};

export const decideKpi = (command: KpiCommand, state: WithAgents<KpiState>): Decision<KpiEvent> => {
  const denied = writerRequired(command);
  if (denied) return denied;
  if (command.type === 'DefineKpi') return define(command, state);
  const kpi = state.own;
  const { kpiId } = command.data;
  if (kpi.status === 'deleted' && command.type === 'DeleteKpi') return [];
  if (kpi.status !== 'live') return rejectWork(Code.KPI_NOT_FOUND, `KPI ${kpiId} does not exist`, { kpiId });
  switch (command.type) {
    case 'UpdateKpi':
      return update(command, state, kpi.fields);
    case 'RecordKpiMeasurement':
      return measure(command, kpi.measurementIds);
    case 'DeleteKpi':
      // seed 001 kpi_measurements ON DELETE CASCADE: "Measurements deleted with KPI".
      return [{ type: 'KpiDeleted', data: { orgId: tenantOf(command), kpiId, deletedAt: nowIsoOf(command) } }];
    default:
      return assertNever(command);
  }
};

export const kpiDecider: Decider<KpiCommand, KpiEvent | AgentEvent, WithAgents<KpiState>> = {
  initialState: () => ({ agents: initialAgentsState(), own: { status: 'none' } }),
  decide: decideKpi,
  evolve: evolvingWithAgents(evolveKpi),
  streamIdOf: (command) => kpiStreamId(tenantOf(command), command.data.kpiId),
  alsoReads: (command) => (command.type === 'DefineKpi' || command.type === 'UpdateKpi' ? [agentsStreamId(tenantOf(command))] : []),
  // Only the KPI's own events are ever decided here.
  guardsOf: (event) => kpiGuards(event as KpiEvent),
};
