import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A JSON-RPC pass-through in front of the chain that counts calls (each element of a
 * batch request counts once, by method): the step under measurement talks to it, so
 * "RPC calls per event" is measured from outside the step.
 */
export class RpcCounter {
  calls = 0;
  httpRequests = 0;
  readonly byMethod = new Map<string, number>();
  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  static async start(target: string): Promise<RpcCounter> {
    let self: RpcCounter | undefined;
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks);
        self?.count(body);
        fetch(target, { method: 'POST', headers: { 'content-type': 'application/json' }, body })
          .then(async (r) => {
            const text = Buffer.from(await r.arrayBuffer());
            res.writeHead(r.status, { 'content-type': 'application/json' });
            res.end(text);
          })
          .catch((err: Error) => {
            res.writeHead(502, { 'content-type': 'text/plain' });
            res.end(err.message);
          });
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    self = new RpcCounter(server, `http://127.0.0.1:${port}`);
    return self;
  }

  private count(body: Buffer): void {
    this.httpRequests++;
    try {
      const parsed = JSON.parse(body.toString()) as { method?: string } | { method?: string }[];
      for (const call of Array.isArray(parsed) ? parsed : [parsed]) {
        this.calls++;
        const m = call.method ?? '?';
        this.byMethod.set(m, (this.byMethod.get(m) ?? 0) + 1);
      }
    } catch {
      this.calls++;
    }
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
