/**
 * The shop's configuration (seed 001 `configurations`, "configs preserved if agent deleted"): one
 * stream per tenant of keyed JSON values, each change naming the agent that made it. Keys the
 * platform reads are checked: `attribution_model` (last_touch | linear, default last_touch) and
 * `attribution_window_days` (1–365, default 30) drive revenue attribution (order.attribution.ts).
 */
import { assertNever, type Command, type Decider, type Decision, type DomainError, type Event } from '../shared/decider';
import { isJsonValue } from '../shared/validation';
import { nowIsoOf, tenantOf, writerRequired } from './access';
import { type AgentEvent, agentsStreamId, evolvingWithAgents, initialAgentsState, type WithAgents } from './agents';
import { CommerceErrorCode as Code, reject } from './errors';
import { COMMERCE_LIMITS as LIMITS, optionalUuid } from './values';

export const configurationStreamId = (orgId: string): string => `commerce-configuration-${orgId}`;

export const ATTRIBUTION_MODELS = ['last_touch', 'linear'] as const;
export type AttributionModel = (typeof ATTRIBUTION_MODELS)[number];

export type ConfigurationSet = Event<
  'ConfigurationSet',
  { readonly orgId: string; readonly key: string; readonly value: unknown; readonly updatedByAgentId: string | null; readonly setAt: string }
>;
export type ConfigurationEvent = ConfigurationSet;

export type SetConfiguration = Command<'SetConfiguration', { readonly key: string; readonly value: unknown; readonly updatedByAgentId?: string | null }>;
export type ConfigurationCommand = SetConfiguration;
export const CONFIGURATION_COMMAND_TYPES: readonly ConfigurationCommand['type'][] = ['SetConfiguration'];

export type ConfigurationState = ReadonlyMap<string, unknown>;

export const evolveConfiguration = (state: ConfigurationState, event: ConfigurationEvent): ConfigurationState =>
  new Map(state).set(event.data.key, event.data.value);

/** The attribution settings in force: the configured ones, or the defaults. */
export const attributionSettings = (state: ConfigurationState): { model: AttributionModel; windowDays: number } => ({
  model: (state.get('attribution_model') as AttributionModel | undefined) ?? 'last_touch',
  windowDays: (state.get('attribution_window_days') as number | undefined) ?? 30,
});

const invalid = (field: string, message: string) => reject(Code.CONFIGURATION_INVALID, message, { field });

/** Keys the platform reads take only values it understands. */
const KNOWN: Readonly<Record<string, (value: unknown) => boolean>> = {
  attribution_model: (value) => ATTRIBUTION_MODELS.includes(value as AttributionModel),
  attribution_window_days: (value) => Number.isInteger(value) && (value as number) >= 1 && (value as number) <= 365,
};

const valueError = (key: string, value: unknown): DomainError | null => {
  if (!/^[a-z][a-z0-9_.]{0,99}$/.test(key)) return invalid('key', 'key is 1 to 100 lower-case letters, digits, _ or ., starting with a letter');
  if (value === undefined || !isJsonValue(value) || JSON.stringify(value).length > LIMITS.jsonBytes) return invalid('value', 'value is a JSON value');
  const known = KNOWN[key];
  return known && !known(value) ? invalid('value', `${key} does not take ${JSON.stringify(value)}`) : null;
};

export const decideConfiguration = (command: ConfigurationCommand, state: WithAgents<ConfigurationState>): Decision<ConfigurationEvent> => {
  switch (command.type) {
    case 'SetConfiguration': {
      const { key, value, updatedByAgentId = null } = command.data;
      const wrong = writerRequired(command) ?? valueError(key, value) ?? optionalUuid(invalid, 'updatedByAgentId', updatedByAgentId);
      if (wrong) return wrong;
      if (updatedByAgentId !== null && !state.agents.agents.has(updatedByAgentId))
        return reject(Code.AGENT_NOT_FOUND, `Agent ${updatedByAgentId} does not exist`, { agentId: updatedByAgentId, field: 'updatedByAgentId' });
      if (JSON.stringify(state.own.get(key)) === JSON.stringify(value)) return [];
      return [{ type: 'ConfigurationSet', data: { orgId: tenantOf(command), key, value, updatedByAgentId, setAt: nowIsoOf(command) } }];
    }
    default:
      return assertNever(command.type);
  }
};

export const configurationDecider: Decider<ConfigurationCommand, ConfigurationEvent | AgentEvent, WithAgents<ConfigurationState>> = {
  initialState: () => ({ agents: initialAgentsState(), own: new Map() }),
  decide: decideConfiguration,
  evolve: evolvingWithAgents(evolveConfiguration),
  streamIdOf: (command) => configurationStreamId(tenantOf(command)),
  alsoReads: (command) => [agentsStreamId(tenantOf(command))],
};
