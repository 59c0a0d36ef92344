/**
 * Strategy commands: create, update, delete. A strategy is a named, typed bag of settings
 * campaigns follow; deleting it leaves its campaigns running without one (seed 000: SET NULL).
 * In an update, a field left out or null keeps its value (the wire cannot tell the two apart).
 */
import { assertNever, type Command, type Decider, type Decision, DomainError } from '../shared/decider';
import { nowIsoOf, roleRequired, tenantOf, WRITERS } from './access';
import { OrchestrationErrorCode as Code, reject } from './errors';
import { changedFields, jsonObjectError, optionalTextError, requiredTextError, uuidError } from './fields';
import { evolveStrategy, initialStrategyState, type StrategyEvent, type StrategyFields, type StrategyState, strategyStreamId } from './strategy';
import { type JsonObject, ORCHESTRATION_LIMITS as LIMITS } from './values';

export type CreateStrategy = Command<
  'CreateStrategy',
  {
    readonly strategyId: string;
    readonly name: string;
    readonly strategyType: string;
    readonly description?: string | null;
    readonly settings?: JsonObject | null;
  }
>;

export type UpdateStrategy = Command<
  'UpdateStrategy',
  {
    readonly strategyId: string;
    readonly name?: string | null;
    readonly strategyType?: string | null;
    readonly description?: string | null;
    readonly settings?: JsonObject | null;
  }
>;

export type DeleteStrategy = Command<'DeleteStrategy', { readonly strategyId: string }>;

export type StrategyCommand = CreateStrategy | UpdateStrategy | DeleteStrategy;

export const STRATEGY_COMMAND_TYPES: readonly StrategyCommand['type'][] = ['CreateStrategy', 'UpdateStrategy', 'DeleteStrategy'];

const invalid = (field: string, message: string) => reject(Code.STRATEGY_INVALID, message, { field });

const notFound = (strategyId: string) => reject(Code.STRATEGY_NOT_FOUND, `Strategy ${strategyId} does not exist`, { strategyId });

/** The merged fields, checked as the read model's columns hold them (name 1–200, strategy_type 1–100). */
const fieldsError = (fields: StrategyFields): DomainError | null =>
  requiredTextError(invalid, 'name', fields.name, LIMITS.strategyName) ??
  requiredTextError(invalid, 'strategyType', fields.strategyType, LIMITS.strategyType) ??
  optionalTextError(invalid, 'description', fields.description, LIMITS.description) ??
  jsonObjectError(invalid, 'settings', fields.settings);

const create = (command: CreateStrategy, state: StrategyState): Decision<StrategyEvent> => {
  const { strategyId, name, strategyType, description = null, settings = null } = command.data;
  const wrong = roleRequired(command, WRITERS) ?? uuidError(invalid, 'strategyId', strategyId);
  if (wrong) return wrong;
  const fields: StrategyFields = { name, strategyType, description, settings: settings ?? {} };
  const invalidFields = fieldsError(fields);
  if (invalidFields) return invalidFields;
  if (state.status !== 'none') return reject(Code.STRATEGY_ALREADY_EXISTS, `Strategy ${strategyId} already exists`, { strategyId });
  return [{ type: 'StrategyCreated', data: { orgId: tenantOf(command), strategyId, ...fields, createdAt: nowIsoOf(command) } }];
};

const update = (command: UpdateStrategy, state: StrategyState): Decision<StrategyEvent> => {
  const denied = roleRequired(command, WRITERS);
  if (denied) return denied;
  const { strategyId, name, strategyType, description, settings } = command.data;
  if (state.status !== 'live') return notFound(strategyId);
  const before: StrategyFields = { name: state.name, strategyType: state.strategyType, description: state.description, settings: state.settings };
  const after: StrategyFields = {
    name: name ?? before.name,
    strategyType: strategyType ?? before.strategyType,
    description: description ?? before.description,
    settings: settings ?? before.settings,
  };
  const wrong = fieldsError(after);
  if (wrong) return wrong;
  const changes = changedFields(before, after);
  if (Object.keys(changes).length === 0) return [];
  return [{ type: 'StrategyUpdated', data: { orgId: tenantOf(command), strategyId, changes, updatedAt: nowIsoOf(command) } }];
};

const remove = (command: DeleteStrategy, state: StrategyState): Decision<StrategyEvent> => {
  const denied = roleRequired(command, WRITERS);
  if (denied) return denied;
  if (state.status !== 'live') return notFound(command.data.strategyId);
  return [{ type: 'StrategyDeleted', data: { orgId: tenantOf(command), strategyId: command.data.strategyId, deletedAt: nowIsoOf(command) } }];
};

export const decideStrategy = (command: StrategyCommand, state: StrategyState): Decision<StrategyEvent> => {
  switch (command.type) {
    case 'CreateStrategy':
      return create(command, state);
    case 'UpdateStrategy':
      return update(command, state);
    case 'DeleteStrategy':
      return remove(command, state);
    default:
      return assertNever(command);
  }
};

export const strategyDecider: Decider<StrategyCommand, StrategyEvent, StrategyState> = {
  initialState: initialStrategyState,
  decide: decideStrategy,
  evolve: evolveStrategy,
  streamIdOf: (command) => strategyStreamId(tenantOf(command), command.data.strategyId),
};
