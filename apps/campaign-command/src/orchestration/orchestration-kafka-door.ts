import { type CommandEnvelope, orchestration as orchestrationWire } from '@campaign/contracts';
import type { CommandDoor } from '../shared/command-context';
import type { Sender } from '../shared/context-commands.consumer';
import { derivedId } from '../shared/derived-id';
import { domainCommandOf, withoutNulls } from '../shared/wire-command';
import { AGENT_SCOPE, kafkaRefusal, NEW_IDS, SERVICE_SCOPE, WRITE_SCOPE } from './orchestration-scopes';

/**
 * A command's data as the decider takes it. Only the platform's services name the ids of new
 * things (the step reactor names a step's content after the step); anyone else's are the
 * door's, derived from the org and the command id, so that no sender can pick an id another
 * org's read-model row already holds and a resend names the same thing.
 */
export const orchestrationDataOf = (envelope: CommandEnvelope, sender: Sender): Record<string, unknown> => {
  const data = withoutNulls(envelope.data);
  const created = NEW_IDS[envelope.type];
  if (sender.scopes.has(SERVICE_SCOPE) || !created || sender.tenant === null) return data;
  return { ...data, [created.field]: derivedId(sender.tenant, envelope.commandId, created.label) };
};

/**
 * The Kafka door to the orchestration commands (`<prefix>orchestration.commands`), results on
 * `<prefix>orchestration.command-results`. Services act for the envelope's org with no role:
 * `orchestration:service` sends anything (the deciders let it do what only services do: time out
 * and retry steps, release workflows), `orchestration:write` anything else, `orchestration:agent`
 * step reports only; a person acts in its own org with its role.
 */
export const orchestrationKafkaDoor: CommandDoor = {
  // A group of its own: KafkaJS assigns partitions assuming every member reads the same topics.
  groupSuffix: '-orchestration',
  healthName: 'orchestration-command-consumer',
  accepts: new Set(Object.keys(orchestrationWire.orchestrationCommandSchemas)),
  requiresTenant: true,
  serviceScope: SERVICE_SCOPE,
  otherServiceScopes: [WRITE_SCOPE, AGENT_SCOPE],
  permits: (type, sender) => kafkaRefusal(type, sender.scopes),
  toDomainCommand: (envelope, sender) => domainCommandOf(envelope, sender, orchestrationDataOf(envelope, sender)),
};
