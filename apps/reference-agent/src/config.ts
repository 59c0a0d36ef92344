import { hostname } from 'node:os';
import { baseConfigSchema, loadConfig, z } from '@campaign/runtime';

const AGENT_TYPE = /^[a-z][a-z0-9._-]{0,99}$/;

/**
 * AGENT_TYPES: the agent types this process serves, comma-separated, as the templates name them
 * (`writer,editor`); empty or `*` serves every type. Null stands for "every type".
 */
const agentTypes = z
  .string()
  .default('*')
  .transform((value) => value.split(',').map((type) => type.trim()))
  .transform((types) => (types.every((type) => type === '' || type === '*') ? null : types.filter((type) => type !== '')))
  .refine((types) => types === null || types.every((type) => AGENT_TYPE.test(type)), 'agent types as the templates name them (a-z, 0-9, . _ -)');

export const configSchema = baseConfigSchema.extend({
  SERVICE_NAME: z.string().min(1).default('reference-agent'),
  HTTP_PORT: z.coerce.number().int().min(0).max(65535).default(3005),
  /** Names this process's command-results consumer; unique per process. */
  INSTANCE_ID: z
    .string()
    .regex(/^[a-zA-Z0-9._-]{1,100}$/)
    .default(`${hostname()}-${process.pid}`),
  AGENT_TYPES: agentTypes,
  /** How long "doing" a step takes: 0 answers at once; a demo sets seconds to watch steps run. */
  AGENT_DELAY_MS: z.coerce.number().int().min(0).max(3_600_000).default(0),
  /** The consumer group of the dispatches; by default one per set of agent types (see agentGroupOf). */
  AGENT_GROUP: z.string().min(1).optional(),
  /** How long a report's answer is awaited before it is logged as unanswered (the command stays on its topic). */
  COMMAND_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(15_000),
});

export type ReferenceAgentConfig = z.infer<typeof configSchema>;

/**
 * Instances serving the same agent types share one group and split the work. Agents serving
 * other types must not join it: the group would hand them partitions whose dispatches they
 * leave alone, and those steps would wait for their timeout.
 */
export const agentGroupOf = (config: Pick<ReferenceAgentConfig, 'SERVICE_NAME' | 'AGENT_GROUP' | 'AGENT_TYPES'>): string =>
  config.AGENT_GROUP ?? `${config.SERVICE_NAME}-${config.AGENT_TYPES ? [...config.AGENT_TYPES].sort().join('+') : 'all'}`;

export const readConfig = (): ReferenceAgentConfig => loadConfig(configSchema);
