import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { kafkaConnectionOptions, type KafkaSecuritySettings } from './kafka';

const plaintext: KafkaSecuritySettings = { KAFKA_SSL: false, KAFKA_SSL_REJECT_UNAUTHORIZED: true };

describe('kafkaConnectionOptions', () => {
  let dir: string;
  const file = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'kafka-options-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('adds nothing for the local plaintext broker', () => {
    expect(kafkaConnectionOptions(plaintext)).toEqual({});
  });

  it('logs in with the password from its file, without the line break the file ends with', () => {
    const options = kafkaConnectionOptions({
      ...plaintext,
      KAFKA_SASL_MECHANISM: 'scram-sha-512',
      KAFKA_SASL_USERNAME: 'projection',
      KAFKA_SASL_PASSWORD_FILE: file('password', 'p4ss word\n'),
    });
    expect(options).toEqual({ sasl: { mechanism: 'scram-sha-512', username: 'projection', password: 'p4ss word' } });
  });

  it('checks the brokers against the given CA and presents the client certificate for mutual TLS', () => {
    const options = kafkaConnectionOptions({
      ...plaintext,
      KAFKA_SSL: true,
      KAFKA_SSL_CA_FILE: file('ca.pem', 'CA'),
      KAFKA_SSL_CERT_FILE: file('cert.pem', 'CERT'),
      KAFKA_SSL_KEY_FILE: file('key.pem', 'KEY'),
      KAFKA_SASL_MECHANISM: 'plain',
      KAFKA_SASL_USERNAME: 'svc',
      KAFKA_SASL_PASSWORD: 'secret',
    });
    expect(options).toEqual({
      ssl: { rejectUnauthorized: true, ca: ['CA'], cert: 'CERT', key: 'KEY' },
      sasl: { mechanism: 'plain', username: 'svc', password: 'secret' },
    });
  });

  it('turns certificate checks off only when told to', () => {
    expect(kafkaConnectionOptions({ ...plaintext, KAFKA_SSL: true, KAFKA_SSL_REJECT_UNAUTHORIZED: false })).toEqual({ ssl: { rejectUnauthorized: false } });
  });
});
