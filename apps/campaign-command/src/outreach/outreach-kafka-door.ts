import { type CommandEnvelope, outreach as outreachWire } from '@campaign/contracts';
import { contextScope } from '@campaign/runtime';
import type { CommandDoor } from '../shared/command-context';
import { domainCommandOf, withoutNulls } from '../shared/wire-command';

const dataOf = (envelope: CommandEnvelope): Record<string, unknown> => {
  const data = withoutNulls(envelope.data);
  // An update's changes are a patch: a null there is a field not given, not a field cleared.
  if (envelope.type === 'UpdateCampaign' && typeof data.changes === 'object' && data.changes !== null) {
    return { ...data, changes: withoutNulls(data.changes) };
  }
  return data;
};

const INTERNAL = new Set<string>(outreachWire.OUTREACH_INTERNAL_COMMANDS);

/**
 * The Kafka door to the outreach commands (`<prefix>outreach.commands`), results on
 * `<prefix>outreach.command-results`. DispatchContact is refused: its checks (suppression
 * list, bounces, sending windows) are facts only the dispatcher may look up.
 *
 * Internal services (`outreach:service`) act for the envelope's org with no role: the deciders
 * let a service do what a user of any role may; a user acts in its own org with its role.
 * CompleteCampaign carries no report on the wire; the outreach executor fills it.
 */
export const outreachKafkaDoor: CommandDoor = {
  // A group of its own: KafkaJS assigns partitions assuming every member reads the same topics.
  groupSuffix: '-outreach',
  healthName: 'outreach-command-consumer',
  accepts: new Set(Object.keys(outreachWire.outreachCommandSchemas).filter((type) => !INTERNAL.has(type))),
  refuses: INTERNAL,
  requiresTenant: true,
  serviceScope: contextScope('outreach', 'service'),
  toDomainCommand: (envelope, sender) => domainCommandOf(envelope, sender, dataOf(envelope)),
};
