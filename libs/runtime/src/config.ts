import { z } from 'zod';
import { authConfigSchema } from './auth/auth.config';
import { connectionConfigProblems, connectionConfigSchema } from './connections.config';

export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

const identifier = z.string().regex(/^[a-z_][a-z0-9_]{0,62}$/, 'a lower-case SQL identifier');

/** Settings every service reads; each app extends it with its own. */
export const baseConfigSchema = z
  .object({
    SERVICE_NAME: z.string().min(1),
    HTTP_PORT: z.coerce.number().int().min(0).max(65535),
    /** The address the HTTP server listens on: loopback unless set (0.0.0.0 or :: in a container). */
    HTTP_HOST: z
      .string()
      .regex(/^[A-Za-z0-9.:_-]+$/, 'an IP address or host name')
      .default('127.0.0.1'),
    LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
    KAFKA_BROKERS: z.string().min(1).default('127.0.0.1:9092'),
    DATABASE_URL: z.string().url().default('postgres://campaign:campaign@127.0.0.1:5432/campaign'),
    DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
    /** Prefixes every topic name, so test runs and tenants of a shared broker never collide. */
    TOPIC_PREFIX: z
      .string()
      .regex(/^[a-zA-Z0-9._-]*$/)
      .default(''),
    EVENTSTORE_SCHEMA: identifier.default('eventstore'),
    /** Where the keys of personal data live, apart from the events (README, "Personal data"). */
    PERSONAL_DATA_SCHEMA: identifier.default('privacy'),
    /** How soon a crashed consumer's partitions move to a live member (KafkaJS default: 30 s). */
    KAFKA_SESSION_TIMEOUT_MS: z.coerce.number().int().min(6_000).max(300_000).default(10_000),
    SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(100).default(10_000),
    /**
     * How long start-up keeps trying while PostgreSQL, Kafka or Redis cannot be reached (a
     * dependency restarting as the service starts); 0 fails at the first such error.
     */
    STARTUP_WAIT_MS: z.coerce.number().int().min(0).max(3_600_000).default(120_000),
  })
  .merge(authConfigSchema)
  .merge(connectionConfigSchema);

export type BaseConfig = z.infer<typeof baseConfigSchema>;

/**
 * Parses the environment once at start-up; every problem is reported, not just the first. The
 * connection settings are also checked together (a SASL mechanism needs its password, files
 * must be readable) here, because apps extend the base schema and refinements would not survive.
 */
export const loadConfig = <S extends z.ZodTypeAny>(schema: S, env: NodeJS.ProcessEnv = process.env): z.infer<S> => {
  const parsed = schema.safeParse(env);
  if (!parsed.success) throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`));
  const problems = typeof parsed.data === 'object' && parsed.data !== null ? connectionConfigProblems(parsed.data) : [];
  if (problems.length > 0) throw new ConfigError(problems);
  return parsed.data;
};

export { identifier as sqlIdentifier, z };
export type { ConnectionConfig } from './connections.config';

/** A setting that was renamed: its old name is still read, as a deprecated alias of the new one. */
export interface RenamedSetting {
  readonly from: string;
  readonly to: string;
}

export type DeprecationSink = (message: string) => void;

const emitDeprecation: DeprecationSink = (message) => process.emitWarning(message, 'DeprecationWarning');

/**
 * The environment with each renamed setting's old value copied to its new name, unless the new
 * name is set too (the new name wins). Every old name in use is reported, so operators learn the
 * new one before the alias goes away. The environment given is not changed.
 */
export const applyRenamedSettings = (
  env: NodeJS.ProcessEnv,
  renamed: readonly RenamedSetting[],
  warn: DeprecationSink = emitDeprecation,
): NodeJS.ProcessEnv => {
  const result = { ...env };
  for (const { from, to } of renamed) {
    if (env[from] === undefined) continue;
    const ignored = env[to] !== undefined;
    warn(`${from} is deprecated; set ${to} instead${ignored ? ` (${to} is set and wins)` : ''}`);
    if (!ignored) result[to] = env[from];
    delete result[from];
  }
  return result;
};

/** A config schema that reads renamed settings' old names too (see applyRenamedSettings). */
export const withRenamedSettings = <S extends z.ZodTypeAny>(schema: S, renamed: readonly RenamedSetting[], warn?: DeprecationSink) =>
  z.preprocess((env) => (typeof env === 'object' && env !== null ? applyRenamedSettings(env as NodeJS.ProcessEnv, renamed, warn) : env), schema);
