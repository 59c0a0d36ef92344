import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { baseConfigSchema, ConfigError, loadConfig, z } from './config';
import { databaseConnectionOptions } from './database';

const schema = baseConfigSchema.extend({ SERVICE_NAME: z.string().default('svc'), HTTP_PORT: z.coerce.number().int().default(3000) });

/** The variables a ConfigError names, in order. */
const problemsOf = (env: NodeJS.ProcessEnv): string[] => {
  try {
    loadConfig(schema, env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems.map((problem) => problem.split(':')[0]);
    throw error;
  }
  return [];
};

describe('connection settings for deployments behind real credentials', () => {
  let dir: string;
  let secret: string;
  let ca: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'connections-'));
    secret = join(dir, 'password');
    ca = join(dir, 'ca.pem');
    writeFileSync(secret, 's3cret\n');
    writeFileSync(ca, '-----BEGIN CERTIFICATE-----\n');
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps local development as it was (loopback, plaintext Kafka, no database TLS) and bounds statements and idle transactions to a minute', () => {
    expect(loadConfig(schema, {})).toMatchObject({
      HTTP_HOST: '127.0.0.1',
      KAFKA_SSL: false,
      KAFKA_SSL_REJECT_UNAUTHORIZED: true,
      DATABASE_SSL_MODE: 'disable',
      DATABASE_STATEMENT_TIMEOUT_MS: 60_000,
      DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS: 60_000,
    });
    expect(loadConfig(schema, {}).KAFKA_SASL_MECHANISM).toBeUndefined();
  });

  it('listens where HTTP_HOST says, and refuses a value that is no address', () => {
    expect(loadConfig(schema, { HTTP_HOST: '0.0.0.0' }).HTTP_HOST).toBe('0.0.0.0');
    expect(problemsOf({ HTTP_HOST: '0.0.0.0 --inspect' })).toEqual(['HTTP_HOST']);
  });

  it('refuses a SASL mechanism without a user name and a password', () => {
    expect(problemsOf({ KAFKA_SASL_MECHANISM: 'scram-sha-512' })).toEqual(['KAFKA_SASL_USERNAME', 'KAFKA_SASL_PASSWORD or KAFKA_SASL_PASSWORD_FILE']);
    expect(problemsOf({ KAFKA_SASL_MECHANISM: 'kerberos', KAFKA_SASL_USERNAME: 'svc', KAFKA_SASL_PASSWORD: 'p' })).toEqual(['KAFKA_SASL_MECHANISM']);
  });

  it('refuses credentials without a mechanism, and a password given twice', () => {
    expect(problemsOf({ KAFKA_SASL_USERNAME: 'svc', KAFKA_SASL_PASSWORD: 'p' })).toEqual(['KAFKA_SASL_MECHANISM']);
    expect(
      problemsOf({ KAFKA_SASL_MECHANISM: 'scram-sha-256', KAFKA_SASL_USERNAME: 'svc', KAFKA_SASL_PASSWORD: 'p', KAFKA_SASL_PASSWORD_FILE: secret }),
    ).toEqual(['KAFKA_SASL_PASSWORD and KAFKA_SASL_PASSWORD_FILE']);
  });

  it('refuses SASL PLAIN, which hands over the password itself, without TLS', () => {
    const plain = { KAFKA_SASL_MECHANISM: 'plain', KAFKA_SASL_USERNAME: 'svc', KAFKA_SASL_PASSWORD_FILE: secret };
    expect(problemsOf(plain)).toEqual(['KAFKA_SASL_MECHANISM']);
    expect(problemsOf({ ...plain, KAFKA_SSL: 'true' })).toEqual([]);
  });

  it('refuses at start-up a secret or certificate file that cannot be read, naming the variable and the path', () => {
    const missing = join(dir, 'missing.pem');
    expect(() => loadConfig(schema, { KAFKA_SSL: 'true', KAFKA_SSL_CA_FILE: missing })).toThrow(`KAFKA_SSL_CA_FILE: cannot read ${missing} (ENOENT)`);
    expect(problemsOf({ KAFKA_SASL_MECHANISM: 'scram-sha-512', KAFKA_SASL_USERNAME: 'svc', KAFKA_SASL_PASSWORD_FILE: dir })).toEqual([
      'KAFKA_SASL_PASSWORD_FILE',
    ]);
    const empty = join(dir, 'empty');
    writeFileSync(empty, '\n');
    expect(() => loadConfig(schema, { KAFKA_SASL_MECHANISM: 'scram-sha-512', KAFKA_SASL_USERNAME: 'svc', KAFKA_SASL_PASSWORD_FILE: empty })).toThrow(
      'the file is empty',
    );
  });

  it('refuses TLS files while TLS is off, and a client certificate without its key', () => {
    expect(problemsOf({ KAFKA_SSL_CA_FILE: ca })).toEqual(['KAFKA_SSL_CA_FILE']);
    expect(problemsOf({ KAFKA_SSL: 'true', KAFKA_SSL_CERT_FILE: ca })).toEqual(['KAFKA_SSL_CERT_FILE and KAFKA_SSL_KEY_FILE']);
  });

  it('refuses a database CA that would not be checked, and ssl parameters in the URL that pg would let win', () => {
    expect(problemsOf({ DATABASE_SSL_MODE: 'require', DATABASE_SSL_CA_FILE: ca })).toEqual(['DATABASE_SSL_CA_FILE']);
    expect(problemsOf({ DATABASE_SSL_MODE: 'verify-full', DATABASE_URL: 'postgres://u:p@db:5432/app?sslmode=no-verify' })).toEqual(['DATABASE_URL']);
    expect(problemsOf({ DATABASE_SSL_MODE: 'verify-full', DATABASE_SSL_CA_FILE: ca })).toEqual([]);
  });
});

describe('database pool options from the settings', () => {
  const settings = loadConfig(schema, {});

  it('encrypts with require, and checks the CA and the host name with verify-full', () => {
    expect(databaseConnectionOptions({ ...settings, DATABASE_SSL_MODE: 'disable' }).ssl).toBe(false);
    expect(databaseConnectionOptions({ ...settings, DATABASE_SSL_MODE: 'require' }).ssl).toEqual({ rejectUnauthorized: false });
    const verified = databaseConnectionOptions({ ...settings, DATABASE_SSL_MODE: 'verify-full' }).ssl;
    expect(verified).toEqual({ rejectUnauthorized: true });
    // No checkServerIdentity override: Node's TLS then compares the host name with the certificate.
    expect(verified).not.toHaveProperty('checkServerIdentity');
  });

  it('a frozen client or runaway statement is ended by the server by default; a long-running pool (a rebuild) goes without', () => {
    expect(databaseConnectionOptions(settings)).toMatchObject({
      statement_timeout: 60_000,
      idle_in_transaction_session_timeout: 60_000,
      keepAlive: true,
      connectionTimeoutMillis: 10_000,
    });
    const long = databaseConnectionOptions(settings, { longRunning: true });
    expect(long.statement_timeout).toBeUndefined();
    expect(long.idle_in_transaction_session_timeout).toBeUndefined();
    expect(long).toMatchObject({ keepAlive: true, connectionTimeoutMillis: 10_000 });
  });

  it('0 turns a timeout off', () => {
    const options = databaseConnectionOptions(loadConfig(schema, { DATABASE_STATEMENT_TIMEOUT_MS: '0', DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS: '0' }));
    expect(options.statement_timeout).toBeUndefined();
    expect(options.idle_in_transaction_session_timeout).toBeUndefined();
  });

  it('sets the server-side timeouts an operator asks for', () => {
    const options = databaseConnectionOptions(loadConfig(schema, { DATABASE_STATEMENT_TIMEOUT_MS: '30000', DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS: '60000' }));
    expect(options).toMatchObject({ statement_timeout: 30_000, idle_in_transaction_session_timeout: 60_000 });
  });
});
