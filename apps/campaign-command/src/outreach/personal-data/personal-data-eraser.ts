import { outreach } from '@campaign/domain';
import { CommandExecutor, type Executed, type PersonalDataKeys, type PostgresEventStore } from '@campaign/eventstore';
import { executorOptionsFor } from '../../shared/executor-options';

/** An erasure as it arrives: the command side finds the subjects itself. */
export type IncomingErasure = Omit<outreach.ErasePersonalData, 'data'> & {
  readonly data: Omit<outreach.ErasePersonalData['data'], 'subjects'> & { readonly subjects?: readonly string[] };
};

/**
 * Erases a person's (or an expired campaign's) personal data: checks the erasure is allowed,
 * deletes the keys of every subject it finds — from then on their sealed values open as null
 * everywhere — and records PersonalDataErased, which the read models follow to blank the
 * fields they hold. Repeating the command repeats nothing: the same erasure id finds the same
 * subjects, and the executor answers from the first outcome.
 */
export class PersonalDataEraser {
  private readonly executor: CommandExecutor<outreach.ErasePersonalData, outreach.PersonalDataErased, outreach.ErasureState>;

  constructor(
    store: PostgresEventStore,
    private readonly keys: PersonalDataKeys,
  ) {
    this.executor = new CommandExecutor(store, outreach.erasureDecider, executorOptionsFor('outreach'));
  }

  async execute(incoming: IncomingErasure): Promise<Executed> {
    const command: outreach.ErasePersonalData = { ...incoming, data: { ...incoming.data, subjects: [] } };
    // Refused before any key is touched; the decider records the same rejection.
    if (outreach.erasureProblem(command) !== null) return this.executor.execute(command);
    const { erasureId, basis, email = null, linkedinUrl = null, campaignId = null, reason } = command.data;
    const identifiers = [
      ...(email !== null ? [{ kind: 'email', value: email }] : []),
      ...(linkedinUrl !== null ? [{ kind: 'linkedin', value: linkedinUrl }] : []),
    ];
    const subjects = await this.keys.erase({
      erasureId,
      tenant: command.metadata.tenant ?? '',
      criterion: basis === 'retention' ? { scope: campaignId as string } : { identifiers },
      requestedBy: command.metadata.actor,
      reason,
    });
    return this.executor.execute({ ...command, data: { ...command.data, subjects } });
  }
}
