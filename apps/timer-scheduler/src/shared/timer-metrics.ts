import { METRICS_REGISTRY } from '@campaign/runtime';
import type { FireResult } from '@campaign/timers';
import { Inject, Injectable } from '@nestjs/common';
import { Counter, Histogram, type Registry } from 'prom-client';

/**
 * The scheduler's timer metrics, shared by every registered context's engine and planner (a
 * registry takes each name once); the `context` label (the context's name) tells them apart.
 */
@Injectable()
export class TimerMetrics {
  readonly lateness: Histogram<'context' | 'timer_type'>;
  readonly finished: Counter<'context' | 'timer_type' | 'outcome'>;
  readonly planned: Counter<'context' | 'outcome'>;
  readonly planning: Counter<'context' | 'outcome'>;

  constructor(@Inject(METRICS_REGISTRY) registry: Registry) {
    this.lateness = new Histogram({
      name: 'timer_lateness_seconds',
      help: 'Fire time minus due time (database clock)',
      labelNames: ['context', 'timer_type'],
      buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 5, 30],
      registers: [registry],
    });
    this.finished = new Counter({
      name: 'timers_finished_total',
      help: 'Timer attempts by outcome',
      labelNames: ['context', 'timer_type', 'outcome'],
      registers: [registry],
    });
    this.planned = new Counter({
      name: 'timers_planned_total',
      help: 'Timers scheduled, cancelled or refused by the policy',
      labelNames: ['context', 'outcome'],
      registers: [registry],
    });
    this.planning = new Counter({
      name: 'timer_planning_events_total',
      help: 'Planner trouble: events set aside to the dead-letter topic, batches failed (retried, never skipped)',
      labelNames: ['context', 'outcome'],
      registers: [registry],
    });
  }

  fired(context: string, timerType: string, latenessMs: number): void {
    this.lateness.observe({ context, timer_type: timerType }, Math.max(0, latenessMs) / 1000);
  }

  ended(context: string, timerType: string, outcome: FireResult): void {
    this.finished.inc({ context, timer_type: timerType, outcome: outcome.ok ? 'completed' : outcome.retryable ? 'failed-retrying' : 'failed' });
  }

  planningEvents(context: string, outcome: 'dead-lettered' | 'batch-failed', count: number): void {
    this.planning.inc({ context, outcome }, count);
  }

  plannedBatch(context: string, result: { scheduled: number; cancelled: number; refused: number }): void {
    this.planned.inc({ context, outcome: 'scheduled' }, result.scheduled);
    this.planned.inc({ context, outcome: 'cancelled' }, result.cancelled);
    this.planned.inc({ context, outcome: 'refused' }, result.refused);
  }
}
