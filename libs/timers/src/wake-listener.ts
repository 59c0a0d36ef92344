import type { LogSink } from '@campaign/messaging';
import type { Pool, PoolClient } from 'pg';
import { wakeChannel } from './schema';

/**
 * LISTENs on the store's channel so that a timer scheduled to fire within the look-ahead wakes
 * the engine at once. Best effort: if the connection drops it reconnects, and the engine's poll
 * covers the gap.
 */
export class WakeListener {
  private client: PoolClient | null = null;
  private stopped = false;
  private retry: NodeJS.Timeout | null = null;

  constructor(
    private readonly pool: Pool,
    private readonly schema: string,
    private readonly onWake: () => void,
    private readonly log: LogSink,
  ) {}

  async start(): Promise<void> {
    this.stopped = false;
    let client: PoolClient | null = null;
    try {
      const connected = (client = await this.pool.connect());
      connected.on('notification', () => this.onWake());
      connected.on('error', (error) => this.lost(connected, error));
      await connected.query(`LISTEN "${wakeChannel(this.schema)}"`);
      // stop() ran while we were connecting: it had nothing to release, so give the connection back here.
      if (this.stopped) return connected.release(true);
      this.client = connected;
    } catch (error) {
      client?.release(true);
      this.lost(null, error as Error);
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.retry) clearTimeout(this.retry);
    const client = this.client;
    this.client = null;
    client?.release(true);
  }

  private lost(client: PoolClient | null, error: Error): void {
    if (client && this.client === client) {
      this.client = null;
      client.release(true);
    }
    if (this.stopped || this.retry) return;
    this.log.warn('timer wake-up channel lost; polling until it is back', { error: error.message });
    this.retry = setTimeout(() => {
      this.retry = null;
      void this.start();
    }, 1_000);
  }
}
