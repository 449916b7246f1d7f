import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * The faults an RPC node or its gateway shows:
 * - `internal-error`: JSON-RPC −32603 "Internal error" (viem reports it on a batched eth_call as a revert without data);
 * - `header-not-found`: geth's −32000 "header not found" (a node behind its load balancer's peers);
 * - `rate-limit`: HTTP 429 with `Retry-After`;
 * - `timeout`: the request is held (`holdMs`, or until the client gives up) and the connection dropped unanswered;
 * - `truncated`: a 200 whose JSON body stops halfway;
 * - `pruned-state`: geth's −32000 "missing trie node … (path )", what a non-archive node answers for an old block.
 */
export const RPC_FAULT_KINDS = ['internal-error', 'header-not-found', 'rate-limit', 'timeout', 'truncated', 'pruned-state'] as const;
export type RpcFaultKind = (typeof RPC_FAULT_KINDS)[number];

export interface RpcCall {
  jsonrpc?: string;
  id?: unknown;
  method: string;
  params?: unknown[];
}

export interface RpcFaultProxyOptions {
  /** The node behind the proxy (the local Anvil). */
  upstream: string;
  /** Seeds the draws: the same seed gives the same sequence of decisions. */
  seed?: number;
  /** Probability that an eligible request is faulted (0 = a plain forwarder). */
  rate?: number;
  /** The kinds drawn from, uniformly. Default: all but `pruned-state`. */
  kinds?: readonly RpcFaultKind[];
  /** Which calls may be faulted. Default: `eth_call`. */
  eligible?: (call: RpcCall) => boolean;
  /**
   * A faulted request keeps failing the same way for this many identical requests in a row
   * (same method and params), so a fault outlasts the client's own retries (viem retries
   * −32603, 429, 5xx and timeouts 3 times) and reaches the code under test. Default 1.
   */
  burst?: number;
  /** How long a `timeout` holds the request before dropping the connection; default: until the client closes it. */
  holdMs?: number;
  /** `Retry-After` of a 429, in seconds. Default 1. */
  retryAfterSeconds?: number;
  /** Every eth_call at a block number (not a tag) is answered with the pruned-state error, whatever the rate: a non-archive node. */
  pruneHistoricalState?: boolean;
}

/** Requests seen and faults injected. */
export interface RpcFaultCounts {
  requests: number;
  calls: number;
  forwarded: number;
  injected: Record<RpcFaultKind, number>;
}

/** mulberry32: a small seeded generator, enough for test decisions. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const isBlockNumber = (v: unknown) => typeof v === 'string' && /^0x[0-9a-f]+$/i.test(v);

function callError(kind: RpcFaultKind): { code: number; message: string } {
  switch (kind) {
    case 'internal-error':
      return { code: -32603, message: 'Internal error' };
    case 'header-not-found':
      return { code: -32000, message: 'header not found' };
    default:
      return { code: -32000, message: 'missing trie node 8d2f9c0e1b3a5f7e9d1c3b5a7f9e1d3c5b7a9f1e3d5c7b9a1f3e5d7c9b1a3f5e (path ) <nil>' };
  }
}

/**
 * A JSON-RPC proxy on 127.0.0.1 in front of a node: forwards single and batched requests,
 * and injects faults at a seeded rate. `counts` tells what it injected.
 */
export class RpcFaultProxy {
  readonly counts: RpcFaultCounts = {
    requests: 0,
    calls: 0,
    forwarded: 0,
    injected: Object.fromEntries(RPC_FAULT_KINDS.map((k) => [k, 0])) as Record<RpcFaultKind, number>,
  };
  private readonly random: () => number;
  /** Requests faulted and the identical ones still to fail: key → [kind, remaining]. */
  private readonly bursts = new Map<string, [RpcFaultKind, number]>();
  private readonly held = new Set<ServerResponse>();
  private server?: Server;
  url = '';

  private constructor(readonly options: RpcFaultProxyOptions) {
    this.random = seeded(options.seed ?? 1);
  }

  static async start(options: RpcFaultProxyOptions): Promise<RpcFaultProxy> {
    const proxy = new RpcFaultProxy(options);
    const server = createServer((req, res) => void proxy.handle(req, res).catch(() => res.destroy()));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    proxy.server = server;
    proxy.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return proxy;
  }

  /** Injected faults in total. */
  get injectedTotal(): number {
    return Object.values(this.counts.injected).reduce((a, b) => a + b, 0);
  }

  /** A line for the test output. */
  report(): string {
    const kinds = RPC_FAULT_KINDS.map((k) => `${k} ${this.counts.injected[k]}`).join(', ');
    return `rpc-fault-proxy: ${this.counts.requests} requests (${this.counts.calls} calls, ${this.counts.forwarded} forwarded); injected ${kinds}`;
  }

  async close(): Promise<void> {
    for (const res of this.held) res.destroy();
    this.held.clear();
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    this.counts.requests++;
    let body: RpcCall | RpcCall[];
    try {
      body = JSON.parse(text) as RpcCall | RpcCall[];
    } catch {
      return this.send(res, 200, await this.forward(text));
    }
    const calls = Array.isArray(body) ? body : [body];
    this.counts.calls += calls.length;

    const kind = this.decide(calls);
    if (kind === 'rate-limit') {
      this.counts.injected[kind]++;
      res.writeHead(429, { 'content-type': 'application/json', 'retry-after': String(this.options.retryAfterSeconds ?? 1) });
      res.end(JSON.stringify({ jsonrpc: '2.0', id: null, error: { code: 429, message: 'Too Many Requests' } }));
      return;
    }
    if (kind === 'timeout') {
      this.counts.injected[kind]++;
      this.held.add(res);
      res.on('close', () => this.held.delete(res));
      if (this.options.holdMs !== undefined) setTimeout(() => res.destroy(), this.options.holdMs).unref();
      return; // never answered: the client times out, or the connection is dropped after holdMs
    }
    if (kind === 'truncated') {
      this.counts.injected[kind]++;
      const full = await this.forward(text);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(full.slice(0, Math.max(1, Math.floor(full.length / 2))));
      return;
    }

    // Per call: a JSON-RPC error for the faulted ones, the node's answer for the others.
    const faulted = calls.map((c) => (this.options.pruneHistoricalState && this.historical(c) ? 'pruned-state' : kind && this.eligible(c) ? kind : undefined));
    const rest = calls.filter((_, i) => !faulted[i]);
    const answers = new Map<unknown, unknown>();
    if (rest.length > 0) {
      const upstream = JSON.parse(await this.forward(JSON.stringify(Array.isArray(body) ? rest : rest[0]))) as unknown;
      for (const a of Array.isArray(upstream) ? upstream : [upstream]) answers.set((a as { id?: unknown }).id, a);
    }
    const out = calls.map((c, i) => {
      const f = faulted[i];
      if (!f) return answers.get(c.id) ?? { jsonrpc: '2.0', id: c.id ?? null, error: { code: -32603, message: 'no answer from upstream' } };
      this.counts.injected[f]++;
      return { jsonrpc: '2.0', id: c.id ?? null, error: callError(f) };
    });
    this.send(res, 200, JSON.stringify(Array.isArray(body) ? out : out[0]));
  }

  private eligible(call: RpcCall): boolean {
    return (this.options.eligible ?? ((c) => c.method === 'eth_call'))(call);
  }

  private historical(call: RpcCall): boolean {
    return call.method === 'eth_call' && isBlockNumber(call.params?.[1]);
  }

  /** The fault for this request, if any: a burst in progress, or a seeded draw for an eligible request. */
  private decide(calls: RpcCall[]): RpcFaultKind | undefined {
    if (!calls.some((c) => this.eligible(c))) return undefined;
    const key = JSON.stringify(calls.map((c) => [c.method, c.params]));
    const burst = this.bursts.get(key);
    if (burst) {
      if (--burst[1] <= 0) this.bursts.delete(key);
      return burst[0];
    }
    const rate = this.options.rate ?? 0;
    if (rate <= 0 || this.random() >= rate) return undefined;
    const kinds = this.options.kinds ?? RPC_FAULT_KINDS.filter((k) => k !== 'pruned-state');
    const kind = kinds[Math.floor(this.random() * kinds.length)];
    const length = this.options.burst ?? 1;
    if (length > 1) this.bursts.set(key, [kind, length - 1]);
    return kind;
  }

  private async forward(body: string): Promise<string> {
    this.counts.forwarded++;
    const res = await fetch(this.options.upstream, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    return res.text();
  }

  private send(res: ServerResponse, status: number, body: string): void {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(body);
  }
}
