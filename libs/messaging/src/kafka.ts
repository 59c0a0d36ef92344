import { Kafka, type KafkaConfig, logLevel, type LogEntry } from 'kafkajs';

export interface KafkaSettings {
  readonly brokers: readonly string[];
  readonly clientId: string;
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
  new Kafka({
    clientId: settings.clientId,
    brokers: [...settings.brokers],
    logLevel: logLevel.WARN,
    logCreator: logCreatorFor(sink),
    connectionTimeout: 3_000,
    requestTimeout: 30_000,
    retry: { initialRetryTime: 100, retries: 8, maxRetryTime: 5_000 },
    ...overrides,
  });

export const parseBrokers = (value: string): string[] =>
  value.split(',').map((broker) => broker.trim()).filter((broker) => broker.length > 0);
