/** Test builders for the timers' integration tests; production code never imports this. */
import type { LogSink } from '@campaign/messaging';

export const silentLog: LogSink = { log: () => undefined, warn: () => undefined, error: () => undefined };
