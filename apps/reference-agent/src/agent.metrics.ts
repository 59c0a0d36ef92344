import { METRICS_REGISTRY } from '@campaign/runtime';
import { Inject, Injectable } from '@nestjs/common';
import { Counter, type Registry } from 'prom-client';

/** What the agent did with the dispatches it read, for /metrics. */
@Injectable()
export class AgentMetrics {
  /** Reports sent, by command (CompleteStep, FailStep) and the command side's answer. */
  readonly reports: Counter<'agent_type' | 'report' | 'status'>;
  /** Dispatches the agent could not serve (set aside to the dead-letter topic) and batches that failed (retried). */
  readonly trouble: Counter<'outcome'>;

  constructor(@Inject(METRICS_REGISTRY) registry: Registry) {
    this.reports = new Counter({
      name: 'agent_step_reports_total',
      help: 'Step reports sent, by report type and outcome (ACCEPTED, REJECTED, UNSENDABLE)',
      labelNames: ['agent_type', 'report', 'status'],
      registers: [registry],
    });
    this.trouble = new Counter({
      name: 'agent_dispatch_trouble_total',
      help: 'Dispatches set aside to the dead-letter topic, batches failed (retried, never skipped)',
      labelNames: ['outcome'],
      registers: [registry],
    });
  }
}
