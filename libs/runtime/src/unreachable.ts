/**
 * Errors that say a dependency (PostgreSQL, Kafka, Redis) could not be reached or went away —
 * not that the service or its configuration is wrong. Start-up waits them out (STARTUP_WAIT_MS);
 * anything else fails it at once.
 */
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);
/** SQLSTATE: admin shutdown, crash shutdown, cannot connect now (starting up, recovering), and the connection exceptions. */
const SQL_UNAVAILABLE = new Set(['57P01', '57P02', '57P03', '08000', '08001', '08003', '08004', '08006']);
const UNAVAILABLE_MESSAGES =
  /Connection terminated|timeout exceeded when trying to connect|Connection is closed|the database system is (starting up|shutting down|not yet accepting connections|in recovery mode)/i;
/** KafkaJS errors about reaching brokers or a leader/coordinator moving; its retriable protocol errors count too. */
const KAFKA_UNAVAILABLE = new Set([
  'KafkaJSConnectionError',
  'KafkaJSConnectionClosedError',
  'KafkaJSRequestTimeoutError',
  'KafkaJSBrokerNotFound',
  'KafkaJSGroupCoordinatorNotFound',
  'KafkaJSLockTimeout',
  'KafkaJSMetadataNotLoaded',
  'KafkaJSTopicMetadataNotLoaded',
]);

const causesOf = function* (error: unknown): Generator<Record<string, unknown>> {
  const seen = new Set<unknown>();
  for (
    let e = error;
    e !== null && typeof e === 'object' && !seen.has(e);
    e = (e as { cause?: unknown; originalError?: unknown }).cause ?? (e as { originalError?: unknown }).originalError
  ) {
    seen.add(e);
    yield e as Record<string, unknown>;
    // AggregateError (a dual-stack connect that failed on every address).
    for (const inner of (e as { errors?: unknown[] }).errors ?? []) yield* causesOf(inner);
  }
};

export const isUnreachableDependency = (error: unknown): boolean => {
  for (const e of causesOf(error)) {
    const code = typeof e.code === 'string' ? e.code : undefined;
    const name = typeof e.name === 'string' ? e.name : '';
    if (code && (NETWORK_CODES.has(code) || SQL_UNAVAILABLE.has(code))) return true;
    if (KAFKA_UNAVAILABLE.has(name) || (name === 'KafkaJSProtocolError' && e.retriable === true)) return true;
    if (typeof e.message === 'string' && UNAVAILABLE_MESSAGES.test(e.message)) return true;
  }
  return false;
};
