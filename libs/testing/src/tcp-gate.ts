import { createConnection, createServer, type Server, type Socket } from 'node:net';

/**
 * A gate in front of a TCP service (PostgreSQL, a broker) on a port of its own: closed, new
 * connections are refused and open ones are cut — as while the service restarts; opened, each
 * connection is piped to the real server.
 */
export class TcpGate {
  private server: Server | null = null;
  private readonly sockets = new Set<Socket>();

  constructor(
    readonly port: number,
    private readonly target: { readonly host: string; readonly port: number },
  ) {}

  /** `url` (postgres://…, redis://…) with its host and port turned to the gate. */
  static via(url: string, port: number): string {
    const parsed = new URL(url);
    parsed.host = `127.0.0.1:${port}`;
    return parsed.toString();
  }

  async open(): Promise<void> {
    if (this.server) return;
    const server = createServer((client) => {
      const upstream = createConnection(this.target);
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
        s.on('error', () => s.destroy());
      }
      client.pipe(upstream).pipe(client);
    });
    this.server = server;
    await new Promise<void>((resolve) => server.listen(this.port, '127.0.0.1', resolve));
  }

  async close(): Promise<void> {
    const server = this.server;
    this.server = null;
    for (const s of this.sockets) s.destroy();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
