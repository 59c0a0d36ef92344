import { accessSync, constants, readFileSync, statSync } from 'node:fs';
import { z } from 'zod';

const flag = (fallback: 'true' | 'false') =>
  z
    .enum(['true', 'false'])
    .default(fallback)
    .transform((value) => value === 'true');
const optionalPath = z.string().min(1).optional();
const millis = (fallback: number) => z.coerce.number().int().min(0).max(86_400_000).default(fallback);

/**
 * How a service reaches Kafka and PostgreSQL behind real credentials. Every default is the
 * local development setup (plaintext, no authentication), so nothing changes until set.
 */
export const connectionConfigSchema = z.object({
  KAFKA_SSL: flag('false'),
  /** PEM CA bundle the brokers' certificates are checked against (else the system's CAs). */
  KAFKA_SSL_CA_FILE: optionalPath,
  /** A client certificate and its key, for brokers that require mutual TLS. */
  KAFKA_SSL_CERT_FILE: optionalPath,
  KAFKA_SSL_KEY_FILE: optionalPath,
  KAFKA_SSL_REJECT_UNAUTHORIZED: flag('true'),
  KAFKA_SASL_MECHANISM: z.enum(['plain', 'scram-sha-256', 'scram-sha-512']).optional(),
  KAFKA_SASL_USERNAME: z.string().min(1).optional(),
  KAFKA_SASL_PASSWORD: z.string().min(1).optional(),
  /** The password read from a file (a mounted secret), so it stays out of the environment. */
  KAFKA_SASL_PASSWORD_FILE: optionalPath,
  /** disable, require (encrypted, server not verified) or verify-full (CA and host name checked). */
  DATABASE_SSL_MODE: z.enum(['disable', 'require', 'verify-full']).default('disable'),
  DATABASE_SSL_CA_FILE: optionalPath,
  /**
   * A statement that runs longer fails (and its batch is retried) instead of holding locks and a
   * connection indefinitely. 0 turns it off. Work known to be long (a projection rebuild, a
   * materialized view refresh) runs on connections or in transactions exempt from it.
   */
  DATABASE_STATEMENT_TIMEOUT_MS: millis(60_000),
  /** A transaction left idle this long (a frozen process holding locks) is ended by the server. 0: off. */
  DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS: millis(60_000),
  /** A server that does not answer the connection attempt within this fails the query. */
  DATABASE_CONNECT_TIMEOUT_MS: millis(10_000),
});

export type ConnectionConfig = z.infer<typeof connectionConfigSchema>;

const unreadable = (path: string): string | null => {
  try {
    if (!statSync(path).isFile()) return `${path} is not a file`;
    accessSync(path, constants.R_OK);
    return null;
  } catch (error) {
    return `cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`;
  }
};

/** A secret file's content without the line break editors and `echo` leave at its end. */
const readSecret = (path: string): string => readFileSync(path, 'utf8').replace(/\r?\n$/, '');

const kafkaProblems = (config: Partial<ConnectionConfig>): string[] => {
  const problems: string[] = [];
  const { KAFKA_SASL_MECHANISM: mechanism, KAFKA_SASL_PASSWORD: password, KAFKA_SASL_PASSWORD_FILE: passwordFile } = config;
  for (const name of ['KAFKA_SSL_CA_FILE', 'KAFKA_SSL_CERT_FILE', 'KAFKA_SSL_KEY_FILE'] as const) {
    if (config[name] && !config.KAFKA_SSL) problems.push(`${name}: only used with KAFKA_SSL=true`);
  }
  if (Boolean(config.KAFKA_SSL_CERT_FILE) !== Boolean(config.KAFKA_SSL_KEY_FILE)) {
    problems.push('KAFKA_SSL_CERT_FILE and KAFKA_SSL_KEY_FILE: mutual TLS needs both');
  }
  if (mechanism) {
    if (!config.KAFKA_SASL_USERNAME) problems.push(`KAFKA_SASL_USERNAME: KAFKA_SASL_MECHANISM=${mechanism} needs a user name`);
    if (!password && !passwordFile) problems.push(`KAFKA_SASL_PASSWORD or KAFKA_SASL_PASSWORD_FILE: KAFKA_SASL_MECHANISM=${mechanism} needs a password`);
    // PLAIN hands the password itself to the broker: only over TLS. SCRAM never sends it.
    if (mechanism === 'plain' && !config.KAFKA_SSL) problems.push('KAFKA_SASL_MECHANISM: plain sends the password in clear text; it needs KAFKA_SSL=true');
  } else if (config.KAFKA_SASL_USERNAME || password || passwordFile) {
    problems.push('KAFKA_SASL_MECHANISM: a SASL user name or password is set but no mechanism (plain, scram-sha-256 or scram-sha-512)');
  }
  if (password && passwordFile) problems.push('KAFKA_SASL_PASSWORD and KAFKA_SASL_PASSWORD_FILE: set one, not both');
  return problems;
};

const databaseProblems = (config: Partial<ConnectionConfig> & { DATABASE_URL?: string }): string[] => {
  const problems: string[] = [];
  if (config.DATABASE_SSL_CA_FILE && config.DATABASE_SSL_MODE !== 'verify-full') {
    problems.push('DATABASE_SSL_CA_FILE: only DATABASE_SSL_MODE=verify-full checks the server against it');
  }
  // pg lets ssl parameters in the URL override the pool's ssl option, silently weakening it.
  if (config.DATABASE_SSL_MODE && config.DATABASE_SSL_MODE !== 'disable' && /[?&](ssl|sslmode|sslrootcert|sslcert|sslkey)=/i.test(config.DATABASE_URL ?? '')) {
    problems.push('DATABASE_URL: carries ssl parameters; with DATABASE_SSL_MODE set, leave them out of the URL');
  }
  return problems;
};

/**
 * What the connection settings get wrong together, including files that cannot be read: a
 * service refuses to start on any, rather than failing its first connection later.
 */
export const connectionConfigProblems = (config: Partial<ConnectionConfig> & { DATABASE_URL?: string }): string[] => {
  const files = (['KAFKA_SSL_CA_FILE', 'KAFKA_SSL_CERT_FILE', 'KAFKA_SSL_KEY_FILE', 'KAFKA_SASL_PASSWORD_FILE', 'DATABASE_SSL_CA_FILE'] as const).flatMap(
    (name) => {
      const path = config[name];
      const problem = path ? unreadable(path) : null;
      return problem ? [`${name}: ${problem}`] : [];
    },
  );
  const passwordFile = config.KAFKA_SASL_PASSWORD_FILE;
  const empty = passwordFile && !unreadable(passwordFile) && readSecret(passwordFile) === '' ? ['KAFKA_SASL_PASSWORD_FILE: the file is empty'] : [];
  return [...kafkaProblems(config), ...databaseProblems(config), ...files, ...empty];
};
