import { outreach } from '@campaign/domain';
import { CommandExecutor, type Executed, type PostgresEventStore } from '@campaign/eventstore';
import type { ContextExecutor } from '../shared/command-context';
import { executorOptionsFor } from '../shared/executor-options';
import type { CompletionReports } from './completion-reports';
import type { IncomingErasure, PersonalDataEraser } from './personal-data/personal-data-eraser';

/** A CompleteCampaign may arrive without its report: the executor fills it in. */
export type IncomingCompleteCampaign = Omit<outreach.CompleteCampaign, 'data'> & {
  readonly data: Omit<outreach.CompleteCampaign['data'], 'report'> & { readonly report?: outreach.CompletionReport | null };
};
export type IncomingOutreachCommand =
  | Exclude<outreach.OutreachCommand, outreach.CompleteCampaign | outreach.ErasePersonalData>
  | IncomingCompleteCampaign
  | IncomingErasure;

interface Executor<C> {
  execute(command: C): Promise<Executed>;
}

/** One executor per outreach decider (each addresses its own kind of stream). */
export interface OutreachExecutors {
  readonly directory: Executor<outreach.DirectoryCommand>;
  readonly lead: Executor<outreach.LeadCommand>;
  readonly campaign: Executor<outreach.CampaignCommand>;
  readonly contact: Executor<outreach.ContactCommand>;
}

type DeciderName = keyof OutreachExecutors | 'erasure';

/** Which decider takes each command; a Record over the union, so a new command type must be placed. */
export const DECIDER_OF: Readonly<Record<outreach.OutreachCommand['type'], DeciderName>> = {
  RegisterOrganization: 'directory',
  RegisterUserProfile: 'directory',
  CreateMessageTemplate: 'directory',
  CreateLead: 'lead',
  CreateCampaign: 'campaign',
  UpdateCampaign: 'campaign',
  ActivateCampaign: 'campaign',
  PauseCampaign: 'campaign',
  CompleteCampaign: 'campaign',
  ArchiveCampaign: 'campaign',
  AddContacts: 'campaign',
  RemoveContact: 'campaign',
  DispatchContact: 'contact',
  RecordMessageSent: 'contact',
  RecordDispatchFailed: 'contact',
  RecordEmailOpened: 'contact',
  RecordLinkClicked: 'contact',
  RecordBounce: 'contact',
  RequeueContact: 'contact',
  RecordResponse: 'contact',
  RecordConversion: 'contact',
  UnsubscribeContact: 'contact',
  RecordLinkedInProfileViewed: 'contact',
  ErasePersonalData: 'erasure',
};

export const outreachExecutors = (store: PostgresEventStore): OutreachExecutors => {
  const options = executorOptionsFor('outreach');
  return {
    directory: new CommandExecutor(store, outreach.directoryDecider, options),
    lead: new CommandExecutor(store, outreach.leadDecider, options),
    campaign: new CommandExecutor(store, outreach.campaignDecider, options),
    contact: new CommandExecutor(store, outreach.contactDecider, options),
  };
};

/** The outreach context's executor: fills a completing campaign's report, then asks the command's decider. */
export class OutreachExecutor implements ContextExecutor {
  constructor(
    private readonly executors: OutreachExecutors,
    private readonly reports: CompletionReports,
    /** Tests of other commands may leave it out. */
    private readonly eraser: PersonalDataEraser | null = null,
  ) {}

  async execute(incoming: IncomingOutreachCommand): Promise<Executed> {
    if (incoming.type === 'ErasePersonalData') {
      if (!this.eraser) throw new Error('this executor was made without a PersonalDataEraser');
      return this.eraser.execute(incoming);
    }
    return this.route(await this.withReport(incoming));
  }

  /** seed 004: On Completion — generate the completion report (the counters at that moment). */
  private async withReport(command: Exclude<IncomingOutreachCommand, IncomingErasure>): Promise<outreach.OutreachCommand> {
    if (command.type !== 'CompleteCampaign') return command;
    if (command.data.report) return command as outreach.CompleteCampaign;
    const orgId = command.metadata.tenant;
    if (!orgId) throw new Error('outreach command CompleteCampaign has no metadata.tenant');
    const report = await this.reports.reportFor(orgId, command.data.campaignId);
    return { ...command, data: { ...command.data, report } };
  }

  private route(command: outreach.OutreachCommand): Promise<Executed> {
    switch (DECIDER_OF[command.type]) {
      case 'directory':
        return this.executors.directory.execute(command as outreach.DirectoryCommand);
      case 'lead':
        return this.executors.lead.execute(command as outreach.LeadCommand);
      case 'campaign':
        return this.executors.campaign.execute(command as outreach.CampaignCommand);
      case 'contact':
        return this.executors.contact.execute(command as outreach.ContactCommand);
      case 'erasure':
        throw new Error('an erasure goes through the PersonalDataEraser');
    }
  }
}
