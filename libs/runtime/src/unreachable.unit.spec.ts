import { isUnreachableDependency } from './unreachable';

const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });
const kafkaError = (name: string, extra: Record<string, unknown> = {}) => Object.assign(new Error(name), { name, ...extra });

describe('isUnreachableDependency', () => {
  it.each([
    ['a refused connection', withCode('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED')],
    ['PostgreSQL starting up (57P03)', withCode('the database system is starting up', '57P03')],
    ['PostgreSQL shut down under the session (57P01)', withCode('terminating connection due to administrator command', '57P01')],
    ['pg losing its socket', new Error('Connection terminated unexpectedly')],
    ['a broker refusing connections', kafkaError('KafkaJSConnectionError')],
    [
      'KafkaJS giving up after retries, caused by a refused connection',
      kafkaError('KafkaJSNumberOfRetriesExceeded', { cause: kafkaError('KafkaJSConnectionError') }),
    ],
    ['a retriable Kafka protocol error (a leader moving)', kafkaError('KafkaJSProtocolError', { retriable: true, code: 6 })],
    ['every address of a dual-stack connect refused', Object.assign(new AggregateError([withCode('refused', 'ECONNREFUSED')], 'all failed'))],
  ])('waits out %s', (_what, error) => {
    expect(isUnreachableDependency(error)).toBe(true);
  });

  it.each([
    ['a wrong password (28P01)', withCode('password authentication failed for user "campaign"', '28P01')],
    ['a missing relation (42P01)', withCode('relation "x" does not exist', '42P01')],
    ['a port already in use', withCode('listen EADDRINUSE: address already in use 127.0.0.1:3000', 'EADDRINUSE')],
    ['a non-retriable Kafka protocol error (topic authorization)', kafkaError('KafkaJSProtocolError', { retriable: false, code: 29 })],
    ['a bug', new TypeError("Cannot read properties of undefined (reading 'x')")],
    ['something that is not an error', 'boom'],
  ])('fails at once on %s', (_what, error) => {
    expect(isUnreachableDependency(error)).toBe(false);
  });
});
