import { type CommandEnvelope, commerce as commerceWire } from '@campaign/contracts';
import type { CommandDoor } from '../shared/command-context';
import type { Sender } from '../shared/context-commands.consumer';
import { domainCommandOf, withoutNulls } from '../shared/wire-command';
import { minterOf, NEW_IDS, WRITE_SCOPE } from './commerce-scopes';

/**
 * Fields whose null is a value, not "not given": a move to the top of the hierarchy, a
 * configuration set to JSON null.
 */
const NULL_MEANS: Readonly<Record<string, readonly string[]>> = { MoveAgent: ['parentId'], MoveGoal: ['parentGoalId'], SetConfiguration: ['value'] };

/**
 * A command's data as the decider takes it. A service granted `commerce:write` names the ids of
 * what it creates (a benchmark driver, an importer keeping its own keys); a person's are the
 * door's, derived from the org and the command id (commerce-scopes.ts NEW_IDS).
 */
export const commerceDataOf = (envelope: CommandEnvelope, sender: Sender): Record<string, unknown> => {
  const data = withoutNulls(envelope.data, NULL_MEANS[envelope.type]);
  const rename = NEW_IDS[envelope.type];
  if (sender.scopes.has(WRITE_SCOPE) || !rename || sender.tenant === null) return data;
  return rename(data, minterOf(sender.tenant, envelope.commandId));
};

/**
 * The Kafka door to the commerce commands (`<prefix>commerce.commands`), results on
 * `<prefix>commerce.command-results`. Every command of the contract; each names its org in the
 * envelope's tenant. Services (`commerce:write`) act for that org with no role; a person acts
 * in its own org with its role, which the deciders judge.
 */
export const commerceKafkaDoor: CommandDoor = {
  // A group of its own: KafkaJS assigns partitions assuming every member reads the same topics.
  groupSuffix: '-commerce',
  healthName: 'commerce-command-consumer',
  accepts: new Set(Object.keys(commerceWire.commerceCommandSchemas)),
  requiresTenant: true,
  serviceScope: WRITE_SCOPE,
  toDomainCommand: (envelope, sender) => domainCommandOf(envelope, sender, commerceDataOf(envelope, sender)),
};
