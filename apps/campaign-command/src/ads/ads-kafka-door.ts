import { ads as adsWire } from '@campaign/contracts';
import { contextScope } from '@campaign/runtime';
import type { CommandDoor } from '../shared/command-context';
import { domainCommandOf, withoutNulls } from '../shared/wire-command';

/** The Kafka door to the ads commands (`<prefix>ads.commands`), results on `<prefix>ads.command-results`. */
export const adsKafkaDoor: CommandDoor = {
  // A group of its own: KafkaJS assigns partitions assuming every member reads the same topics.
  groupSuffix: '-ads',
  healthName: 'ads-command-consumer',
  // Every command the contract defines; the decider handles each one.
  accepts: new Set(Object.keys(adsWire.adsCommandSchemas)),
  requiresTenant: true,
  serviceScope: contextScope('ads', 'service'),
  toDomainCommand: (envelope, sender) => domainCommandOf(envelope, sender, withoutNulls(envelope.data)),
};
