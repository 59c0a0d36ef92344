import { lifecycle as lifecycleWire } from '@campaign/contracts';
import { contextScope } from '@campaign/runtime';
import type { CommandDoor } from '../shared/command-context';
import { domainCommandOf, withoutNulls } from '../shared/wire-command';

/** The Kafka door to the lifecycle commands (`<prefix>lifecycle.commands`). */
export const lifecycleKafkaDoor: CommandDoor = {
  // The first door: the group is COMMAND_CONSUMER_GROUP itself, so its committed offsets stay valid.
  groupSuffix: '',
  healthName: 'command-consumer',
  // Every command the lifecycle contract defines; the decider handles each one.
  accepts: new Set(Object.keys(lifecycleWire.lifecycleCommandSchemas)),
  serviceScope: contextScope('lifecycle', 'write'),
  toDomainCommand: (envelope, sender) => domainCommandOf(envelope, sender, withoutNulls(envelope.data)),
};
