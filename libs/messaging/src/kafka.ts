import { readFileSync } from 'node:fs';
import { type Consumer, type ConsumerConfig, Kafka, type KafkaConfig, logLevel, type LogEntry, type SASLOptions } from 'kafkajs';
import type { ConnectionOptions } from 'node:tls';

export interface KafkaSettings {
  readonly brokers: readonly string[];
  readonly clientId: string;
  /** TLS towards the brokers: true for the system's CAs, or explicit CA, client certificate and key. */
  readonly ssl?: boolean | ConnectionOptions;
  readonly sasl?: SASLOptions;
}

/** The connection settings of a service's configuration (BaseConfig), already validated together. */
export interface KafkaSecuritySettings {
  readonly KAFKA_SSL: boolean;
  readonly KAFKA_SSL_CA_FILE?: string;
  readonly KAFKA_SSL_CERT_FILE?: string;
  readonly KAFKA_SSL_KEY_FILE?: string;
  readonly KAFKA_SSL_REJECT_UNAUTHORIZED: boolean;
  readonly KAFKA_SASL_MECHANISM?: 'plain' | 'scram-sha-256' | 'scram-sha-512';
  readonly KAFKA_SASL_USERNAME?: string;
  readonly KAFKA_SASL_PASSWORD?: string;
  readonly KAFKA_SASL_PASSWORD_FILE?: string;
}

const fileText = (path: string | undefined): string | undefined => (path ? readFileSync(path, 'utf8') : undefined);

const sslOf = (config: KafkaSecuritySettings): KafkaSettings['ssl'] => {
  if (!config.KAFKA_SSL) return undefined;
  const options: ConnectionOptions = {
    rejectUnauthorized: config.KAFKA_SSL_REJECT_UNAUTHORIZED,
    ...(config.KAFKA_SSL_CA_FILE ? { ca: [fileText(config.KAFKA_SSL_CA_FILE) as string] } : {}),
    ...(config.KAFKA_SSL_CERT_FILE ? { cert: fileText(config.KAFKA_SSL_CERT_FILE), key: fileText(config.KAFKA_SSL_KEY_FILE) } : {}),
  };
  return options;
};

const saslOf = (config: KafkaSecuritySettings): SASLOptions | undefined => {
  if (!config.KAFKA_SASL_MECHANISM || !config.KAFKA_SASL_USERNAME) return undefined;
  // A mounted secret usually ends with a line break that is not part of the password.
  const password = config.KAFKA_SASL_PASSWORD ?? fileText(config.KAFKA_SASL_PASSWORD_FILE)?.replace(/\r?\n$/, '') ?? '';
  const username = config.KAFKA_SASL_USERNAME;
  switch (config.KAFKA_SASL_MECHANISM) {
    case 'plain':
      return { mechanism: 'plain', username, password };
    case 'scram-sha-256':
      return { mechanism: 'scram-sha-256', username, password };
    case 'scram-sha-512':
      return { mechanism: 'scram-sha-512', username, password };
  }
};

/**
 * KafkaJS's `ssl` and `sasl` from the service's settings (files read now, at start-up); empty
 * for the local plaintext broker.
 */
export const kafkaConnectionOptions = (config: KafkaSecuritySettings): Pick<KafkaSettings, 'ssl' | 'sasl'> => {
  const ssl = sslOf(config);
  const sasl = saslOf(config);
  return { ...(ssl ? { ssl } : {}), ...(sasl ? { sasl } : {}) };
};

/**
 * How long a fetch waits at the broker for data before it answers empty (KafkaJS: 5 s). Data
 * is answered at once either way; the wait only bounds how long a disconnect (a graceful
 * shutdown, a rebalance) waits for the fetch in flight, and how soon a paused or idle member
 * heartbeats. Half a second costs two empty fetches a second per idle consumer. Every consumer
 * of a client made by createKafka waits this long unless it says otherwise.
 */
const FETCH_MAX_WAIT_MS = 500;

class PlatformKafka extends Kafka {
  override consumer(config: ConsumerConfig): Consumer {
    return super.consumer({ maxWaitTimeInMs: FETCH_MAX_WAIT_MS, ...config });
  }
}

export interface LogSink {
  log(message: string, context?: Record<string, unknown>): void;
  warn(message: string, context?: Record<string, unknown>): void;
  error(message: string, context?: Record<string, unknown>): void;
}

/** KafkaJS logs routed to the service's structured logger; INFO chatter dropped. */
const logCreatorFor = (sink: LogSink) => () => (entry: LogEntry) => {
  const { message, ...rest } = entry.log;
  const context = { kafka: entry.namespace, ...rest };
  if (entry.level <= logLevel.ERROR) sink.error(message, context);
  else if (entry.level === logLevel.WARN) sink.warn(message, context);
};

export const createKafka = (settings: KafkaSettings, sink: LogSink, overrides: Partial<KafkaConfig> = {}): Kafka =>
  new PlatformKafka({
    clientId: settings.clientId,
    brokers: [...settings.brokers],
    ssl: settings.ssl,
    sasl: settings.sasl,
    logLevel: logLevel.WARN,
    logCreator: logCreatorFor(sink),
    connectionTimeout: 3_000,
    requestTimeout: 30_000,
    retry: { initialRetryTime: 100, retries: 8, maxRetryTime: 5_000 },
    ...overrides,
  });

export const parseBrokers = (value: string): string[] =>
  value
    .split(',')
    .map((broker) => broker.trim())
    .filter((broker) => broker.length > 0);
