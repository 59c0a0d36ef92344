/**
 * Customer segments (seed 001 customer_segments, customer_segment_members): one stream per
 * segment. A `rule` segment's members are whoever matches its rules (segment-rules.ts; kept by
 * the projection as customers change); a `static` segment is a list kept by hand — its members
 * are customers that exist when added. Deleting a segment deletes its memberships (CASCADE).
 */
import { assertNever, type Command, type Decider, type Decision, type DomainError, type Event } from '../shared/decider';
import { nowIsoOf, tenantOf, writerRequired } from './access';
import { CUSTOMER_EVENT_TYPES, type CustomerEvent, customerStreamId, type CustomerState, evolveCustomer, initialCustomerState } from './customer';
import { CommerceErrorCode as Code, reject } from './errors';
import { type SegmentRules, segmentRulesProblem } from './segment-rules';
import { COMMERCE_LIMITS as LIMITS, optionalText, requiredText, uuidField } from './values';

export const segmentStreamId = (orgId: string, segmentId: string): string => `commerce-segment-${orgId}-${segmentId}`;

export const SEGMENT_KINDS = ['rule', 'static'] as const;
export type SegmentKind = (typeof SEGMENT_KINDS)[number];
/** Customers added or removed by one command. */
export const MAX_SEGMENT_CHANGE = 100;

type SegmentRef = { readonly orgId: string; readonly segmentId: string };
export type SegmentCreated = Event<
  'SegmentCreated',
  SegmentRef & {
    readonly name: string;
    readonly description: string | null;
    readonly kind: SegmentKind;
    readonly rules: SegmentRules | null;
    readonly createdAt: string;
  }
>;
export type SegmentUpdated = Event<
  'SegmentUpdated',
  SegmentRef & { readonly name: string; readonly description: string | null; readonly rules: SegmentRules | null; readonly updatedAt: string }
>;
export type SegmentMembersAdded = Event<'SegmentMembersAdded', SegmentRef & { readonly customerIds: readonly string[]; readonly addedAt: string }>;
export type SegmentMembersRemoved = Event<'SegmentMembersRemoved', SegmentRef & { readonly customerIds: readonly string[]; readonly removedAt: string }>;
export type SegmentDeleted = Event<'SegmentDeleted', SegmentRef & { readonly deletedAt: string }>;
export type SegmentEvent = SegmentCreated | SegmentUpdated | SegmentMembersAdded | SegmentMembersRemoved | SegmentDeleted;
export const SEGMENT_EVENT_TYPES: readonly SegmentEvent['type'][] = [
  'SegmentCreated',
  'SegmentUpdated',
  'SegmentMembersAdded',
  'SegmentMembersRemoved',
  'SegmentDeleted',
];

type Fields = { readonly name?: string | null; readonly description?: string | null; readonly rules?: SegmentRules | null };
export type CreateSegment = Command<'CreateSegment', Fields & { readonly segmentId: string; readonly name: string; readonly kind: string }>;
export type UpdateSegment = Command<'UpdateSegment', Fields & { readonly segmentId: string }>;
export type AddSegmentMembers = Command<'AddSegmentMembers', { readonly segmentId: string; readonly customerIds: readonly string[] }>;
export type RemoveSegmentMembers = Command<'RemoveSegmentMembers', { readonly segmentId: string; readonly customerIds: readonly string[] }>;
export type DeleteSegment = Command<'DeleteSegment', { readonly segmentId: string }>;
export type SegmentCommand = CreateSegment | UpdateSegment | AddSegmentMembers | RemoveSegmentMembers | DeleteSegment;
export const SEGMENT_COMMAND_TYPES: readonly SegmentCommand['type'][] = [
  'CreateSegment',
  'UpdateSegment',
  'AddSegmentMembers',
  'RemoveSegmentMembers',
  'DeleteSegment',
];

export type SegmentState =
  | { readonly status: 'none' | 'deleted' }
  | {
      readonly status: 'live';
      readonly name: string;
      readonly description: string | null;
      readonly kind: SegmentKind;
      readonly rules: SegmentRules | null;
      readonly members: ReadonlySet<string>;
    };

interface SegmentReads {
  readonly segment: SegmentState;
  /** The customers an AddSegmentMembers names, as their streams say. */
  readonly customers: ReadonlyMap<string, CustomerState>;
}

const withMembers = (state: SegmentState, ids: readonly string[], add: boolean): SegmentState => {
  if (state.status !== 'live') return state;
  const members = new Set(state.members);
  for (const id of ids)
    if (add) members.add(id);
    else members.delete(id);
  return { ...state, members };
};

const evolveSegment = (state: SegmentState, event: SegmentEvent): SegmentState => {
  switch (event.type) {
    case 'SegmentCreated':
      return { status: 'live', name: event.data.name, description: event.data.description, kind: event.data.kind, rules: event.data.rules, members: new Set() };
    case 'SegmentUpdated':
      return state.status === 'live' ? { ...state, name: event.data.name, description: event.data.description, rules: event.data.rules } : state;
    case 'SegmentMembersAdded':
      return withMembers(state, event.data.customerIds, true);
    case 'SegmentMembersRemoved':
      return withMembers(state, event.data.customerIds, false);
    case 'SegmentDeleted':
      return { status: 'deleted' };
  }
};

const CUSTOMER = new Set<string>(CUSTOMER_EVENT_TYPES);

const evolveSegmentReads = (state: SegmentReads, event: SegmentEvent | CustomerEvent): SegmentReads => {
  if (!CUSTOMER.has(event.type)) return { ...state, segment: evolveSegment(state.segment, event as SegmentEvent) };
  const { customerId } = (event as CustomerEvent).data;
  const customer = evolveCustomer(state.customers.get(customerId) ?? initialCustomerState(), event as CustomerEvent);
  return { ...state, customers: new Map(state.customers).set(customerId, customer) };
};

const invalid = (field: string, message: string) => reject(Code.SEGMENT_INVALID, message, { field });

const fieldsError = (kind: SegmentKind, name: unknown, description: unknown, rules: unknown): DomainError | null => {
  const problem = kind === 'rule' ? segmentRulesProblem(rules) : rules === null ? null : 'a static segment has no rules';
  return (
    requiredText(invalid, 'name', name, LIMITS.title) ??
    optionalText(invalid, 'description', description, LIMITS.text) ??
    (problem ? invalid('rules', problem) : null)
  );
};

const create = (command: CreateSegment, state: SegmentReads): Decision<SegmentEvent> => {
  const { segmentId, name, description = null, kind, rules = null } = command.data;
  if (!SEGMENT_KINDS.includes(kind as SegmentKind)) return invalid('kind', `kind is one of ${SEGMENT_KINDS.join(', ')}`);
  const wrong = uuidField(invalid, 'segmentId', segmentId) ?? fieldsError(kind as SegmentKind, name, description, rules);
  if (wrong) return wrong;
  if (state.segment.status !== 'none') return reject(Code.SEGMENT_ALREADY_EXISTS, `Segment ${segmentId} exists`, { segmentId });
  return [
    {
      type: 'SegmentCreated',
      data: { orgId: tenantOf(command), segmentId, name, description, kind: kind as SegmentKind, rules, createdAt: nowIsoOf(command) },
    },
  ];
};

const update = (command: UpdateSegment, segment: Extract<SegmentState, { status: 'live' }>): Decision<SegmentEvent> => {
  const { segmentId } = command.data;
  const name = command.data.name ?? segment.name;
  const description = command.data.description ?? segment.description;
  const rules = command.data.rules ?? segment.rules;
  const wrong = fieldsError(segment.kind, name, description, rules);
  if (wrong) return wrong;
  if (name === segment.name && description === segment.description && JSON.stringify(rules) === JSON.stringify(segment.rules)) return [];
  return [{ type: 'SegmentUpdated', data: { orgId: tenantOf(command), segmentId, name, description, rules, updatedAt: nowIsoOf(command) } }];
};

const members = (
  command: AddSegmentMembers | RemoveSegmentMembers,
  state: SegmentReads,
  segment: Extract<SegmentState, { status: 'live' }>,
): Decision<SegmentEvent> => {
  const { segmentId, customerIds } = command.data;
  if (segment.kind !== 'static') return reject(Code.SEGMENT_RULE_BASED, 'A rule segment takes its members from its rules', { segmentId });
  if (!Array.isArray(customerIds) || customerIds.length === 0 || customerIds.length > MAX_SEGMENT_CHANGE)
    return invalid('customerIds', `customerIds lists 1 to ${MAX_SEGMENT_CHANGE} customers`);
  const ref = { orgId: tenantOf(command), segmentId };
  if (command.type === 'RemoveSegmentMembers') {
    const leaving = [...new Set(customerIds)].filter((id) => segment.members.has(id));
    return leaving.length === 0 ? [] : [{ type: 'SegmentMembersRemoved', data: { ...ref, customerIds: leaving, removedAt: nowIsoOf(command) } }];
  }
  const missing = customerIds.find((id) => state.customers.get(id)?.status !== 'live');
  if (missing !== undefined) return reject(Code.CUSTOMER_NOT_FOUND, `Customer ${missing} does not exist`, { customerId: missing });
  const joining = [...new Set(customerIds)].filter((id) => !segment.members.has(id));
  return joining.length === 0 ? [] : [{ type: 'SegmentMembersAdded', data: { ...ref, customerIds: joining, addedAt: nowIsoOf(command) } }];
};

export const decideSegment = (command: SegmentCommand, state: SegmentReads): Decision<SegmentEvent> => {
  const denied = writerRequired(command);
  if (denied) return denied;
  if (command.type === 'CreateSegment') return create(command, state);
  const segment = state.segment;
  if (segment.status === 'deleted' && command.type === 'DeleteSegment') return [];
  if (segment.status !== 'live')
    return reject(Code.SEGMENT_NOT_FOUND, `Segment ${command.data.segmentId} does not exist`, { segmentId: command.data.segmentId });
  switch (command.type) {
    case 'UpdateSegment':
      return update(command, segment);
    case 'AddSegmentMembers':
    case 'RemoveSegmentMembers':
      return members(command, state, segment);
    case 'DeleteSegment':
      return [{ type: 'SegmentDeleted', data: { orgId: tenantOf(command), segmentId: command.data.segmentId, deletedAt: nowIsoOf(command) } }];
    default:
      return assertNever(command);
  }
};

export const segmentDecider: Decider<SegmentCommand, SegmentEvent | CustomerEvent, SegmentReads> = {
  initialState: () => ({ segment: { status: 'none' }, customers: new Map() }),
  decide: decideSegment,
  evolve: evolveSegmentReads,
  streamIdOf: (command) => segmentStreamId(tenantOf(command), command.data.segmentId),
  alsoReads: (command) =>
    command.type === 'AddSegmentMembers' && Array.isArray(command.data.customerIds)
      ? [...new Set(command.data.customerIds)].slice(0, MAX_SEGMENT_CHANGE).map((id) => customerStreamId(tenantOf(command), String(id)))
      : [],
};
