import { outreach } from '@campaign/domain';
import type { Executed } from '@campaign/eventstore';
import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { COMMAND_METRICS, type CommandMetrics } from '../infrastructure/command-metrics';
import { COMPLETION_REPORTS, type CompletionReports } from './completion-reports';

/** A CompleteCampaign may arrive without its report: the handler fills it in. */
export type IncomingCompleteCampaign = Omit<outreach.CompleteCampaign, 'data'> & {
  readonly data: Omit<outreach.CompleteCampaign['data'], 'report'> & { readonly report?: outreach.CompletionReport | null };
};
export type IncomingOutreachCommand = Exclude<outreach.OutreachCommand, outreach.CompleteCampaign> | IncomingCompleteCampaign;

/** The bus message that carries one outreach command, from HTTP or from Kafka alike. */
export class ExecuteOutreachCommand {
  constructor(readonly command: IncomingOutreachCommand) {}
}

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

export const OUTREACH_EXECUTORS = Symbol('OUTREACH_EXECUTORS');

type DeciderName = keyof OutreachExecutors;

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
};

@CommandHandler(ExecuteOutreachCommand)
export class ExecuteOutreachCommandHandler implements ICommandHandler<ExecuteOutreachCommand, Executed> {
  constructor(
    @Inject(OUTREACH_EXECUTORS) private readonly executors: OutreachExecutors,
    @Inject(COMPLETION_REPORTS) private readonly reports: CompletionReports,
    @Inject(COMMAND_METRICS) private readonly metrics: CommandMetrics,
  ) {}

  async execute({ command: incoming }: ExecuteOutreachCommand): Promise<Executed> {
    const stop = this.metrics.duration.startTimer({ context: 'outreach', type: incoming.type });
    try {
      const command = await this.withReport(incoming);
      const executed = await this.route(command);
      const status = executed.duplicate ? 'DUPLICATE' : executed.outcome.status;
      this.metrics.commands.inc({ context: 'outreach', type: command.type, status });
      return executed;
    } finally {
      stop();
    }
  }

  /** seed 004: On Completion — generate the completion report (the counters at that moment). */
  private async withReport(command: IncomingOutreachCommand): Promise<outreach.OutreachCommand> {
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
    }
  }
}
