// The ACLs of infra/bin/kafka's SASL mode, written as the super user `admin` (run by
// `infra/bin/kafka start --sasl`; creating an ACL that exists is a no-op, so every start runs it).
//
//   SASL_BOOTSTRAP=127.0.0.1:29092 SASL_CREDENTIALS=.data/kafka-sasl/credentials node infra/kafka/acls.mjs
//
// Who may do what (the brokers deny everything else: allow.everyone.if.no.acl.found=false):
//   *.commands        written by campaign-command, timer-scheduler, analytics-ingest (outreach
//                     and ads); read by campaign-command alone
//   *.events          written by campaign-command alone; read by campaign-command, projection,
//                     timer-scheduler
//   *.command-results written by campaign-command; read by the services that send commands
//   *.dead-letter     written by campaign-command and projection
//   outreach.dispatch-requests written by campaign-command (the sender adapters are not local users)
//   ads.metric-facts  written by analytics-ingest (syncs and pushes); read by projection and
//                     analytics-ingest (its alerting)
//   ads.metric-imports / ads.metric-import-results  the bulk-load door: read / written by analytics-ingest
// Every service may describe and create the platform's topics (each ensures them at start-up),
// and use the consumer groups whose names start with its own name (the services' defaults).
// Topic names are literal: Kafka's prefixed patterns cannot say "ends in .commands". A new
// context is added to CONTEXTS (KAFKA_ACL_CONTEXTS overrides it, TOPIC_PREFIX is applied).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import kafkajs from 'kafkajs';

const { AclOperationTypes: Op, AclPermissionTypes, AclResourceTypes, Kafka, logLevel, ResourcePatternTypes } = kafkajs;

const CONTEXTS = (process.env.KAFKA_ACL_CONTEXTS ?? 'lifecycle,outreach,ads')
  .split(',')
  .map((c) => c.trim())
  .filter(Boolean);
const PREFIX = process.env.TOPIC_PREFIX ?? '';
const topic = (context, kind) => `${PREFIX}${context}.${kind}`;
const every = (kind) => CONTEXTS.map((context) => topic(context, kind));
const ADS = CONTEXTS.includes('ads');
const METRIC_FACTS = ADS ? [`${PREFIX}ads.metric-facts`] : [];
const METRIC_IMPORTS = ADS ? [`${PREFIX}ads.metric-imports`] : [];
const METRIC_IMPORT_RESULTS = ADS ? [`${PREFIX}ads.metric-import-results`] : [];
const ALL_TOPICS = [
  ...['events', 'commands', 'command-results', 'dead-letter'].flatMap(every),
  `${PREFIX}outreach.dispatch-requests`,
  ...METRIC_FACTS,
  ...METRIC_IMPORTS,
  ...METRIC_IMPORT_RESULTS,
];
const ingestContexts = CONTEXTS.filter((context) => context === 'outreach' || context === 'ads');

/** user → { read: topics, write: topics } */
const GRANTS = {
  'campaign-command': {
    read: [...every('commands'), ...every('events')],
    write: [...every('events'), ...every('command-results'), ...every('dead-letter'), ...every('commands'), `${PREFIX}outreach.dispatch-requests`],
  },
  projection: { read: [...every('events'), ...METRIC_FACTS], write: every('dead-letter') },
  'timer-scheduler': { read: [...every('events'), ...every('command-results')], write: every('commands') },
  'analytics-ingest': {
    read: [...ingestContexts.map((c) => topic(c, 'command-results')), ...(ADS ? [topic('ads', 'events')] : []), ...METRIC_FACTS, ...METRIC_IMPORTS],
    write: [...ingestContexts.map((c) => topic(c, 'commands')), ...METRIC_FACTS, ...METRIC_IMPORT_RESULTS],
  },
};

const allow = (user, resourceType, resourceName, resourcePatternType, operation) => ({
  resourceType,
  resourceName,
  resourcePatternType,
  principal: `User:${user}`,
  host: '*',
  operation,
  permissionType: AclPermissionTypes.ALLOW,
});

const aclsOf = (user, { read, write }) => [
  ...ALL_TOPICS.flatMap((name) => [Op.DESCRIBE, Op.CREATE].map((op) => allow(user, AclResourceTypes.TOPIC, name, ResourcePatternTypes.LITERAL, op))),
  ...read.map((name) => allow(user, AclResourceTypes.TOPIC, name, ResourcePatternTypes.LITERAL, Op.READ)),
  ...write.map((name) => allow(user, AclResourceTypes.TOPIC, name, ResourcePatternTypes.LITERAL, Op.WRITE)),
  allow(user, AclResourceTypes.GROUP, user, ResourcePatternTypes.PREFIXED, Op.READ),
];

const credentials = process.env.SASL_CREDENTIALS;
const bootstrap = process.env.SASL_BOOTSTRAP;
if (!credentials || !bootstrap) throw new Error('SASL_BOOTSTRAP and SASL_CREDENTIALS must be set');
const password = readFileSync(join(credentials, 'admin.password'), 'utf8').trim();
const kafka = new Kafka({
  clientId: 'infra-acls',
  brokers: bootstrap.split(','),
  sasl: { mechanism: 'scram-sha-512', username: 'admin', password },
  logLevel: logLevel.NOTHING,
  retry: { retries: 10, initialRetryTime: 200 },
});
const admin = kafka.admin();
await admin.connect();
try {
  const acl = Object.entries(GRANTS).flatMap(([user, grant]) => aclsOf(user, grant));
  await admin.createAcls({ acl });
  process.stdout.write(`kafka: ${acl.length} ACLs in place for ${Object.keys(GRANTS).join(', ')}\n`);
} finally {
  await admin.disconnect();
}
