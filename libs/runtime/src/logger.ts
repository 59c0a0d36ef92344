import type { LoggerService } from '@nestjs/common';

const LEVELS = { debug: 10, info: 20, warn: 30, error: 40 } as const;
export type LogLevel = keyof typeof LEVELS;

/**
 * One JSON object per line on stdout: what happened, where, and the ids needed to follow a
 * command or an event through the services. Also serves as NestJS's logger.
 */
export class JsonLogger implements LoggerService {
  constructor(
    private readonly service: string,
    private readonly level: LogLevel = 'info',
  ) {}

  log(message: unknown, context?: unknown): void {
    this.write('info', message, context);
  }

  warn(message: unknown, context?: unknown): void {
    this.write('warn', message, context);
  }

  error(message: unknown, context?: unknown): void {
    this.write('error', message, context);
  }

  debug(message: unknown, context?: unknown): void {
    this.write('debug', message, context);
  }

  verbose(message: unknown, context?: unknown): void {
    this.write('debug', message, context);
  }

  private write(level: LogLevel, message: unknown, context: unknown): void {
    if (LEVELS[level] < LEVELS[this.level]) return;
    const fields = typeof context === 'object' && context !== null ? context : context === undefined ? {} : { scope: context };
    const line = { ts: new Date().toISOString(), level, service: this.service, msg: String(message), ...fields };
    process.stdout.write(`${JSON.stringify(line)}\n`);
  }
}
