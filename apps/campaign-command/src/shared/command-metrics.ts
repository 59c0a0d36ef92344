import { Counter, Histogram, type Registry } from 'prom-client';

export const COMMAND_METRICS = Symbol('COMMAND_METRICS');

/** What every context's command handler counts: commands by outcome, and decide-and-append time. */
export interface CommandMetrics {
  readonly commands: Counter<'context' | 'type' | 'status'>;
  readonly duration: Histogram<'context' | 'type'>;
}

export const commandMetrics = (registry: Registry): CommandMetrics => ({
  commands: new Counter({ name: 'commands_total', help: 'Commands by outcome', labelNames: ['context', 'type', 'status'], registers: [registry] }),
  duration: new Histogram({ name: 'command_duration_seconds', help: 'Decide and append time', labelNames: ['context', 'type'], registers: [registry] }),
});
