import { Client } from 'pg';

interface QueryTotals {
  calls: number;
  millis: number;
  rows: number;
}

/**
 * Times every statement of every pg client of the process (pools included), by the
 * statement's first words: where a step's database time goes.
 */
export class QueryTimer {
  readonly totals = new Map<string, QueryTotals>();
  private readonly excluded = new WeakSet<Client>();

  /** Leaves a client's statements out (the profiler's own monitoring connection). */
  exclude(client: Client): void {
    this.excluded.add(client);
  }

  install(): void {
    const original = Client.prototype.query as (...args: unknown[]) => unknown;
    const totals = this.totals;
    const excluded = this.excluded;
    (Client.prototype as unknown as { query: unknown }).query = function timed(this: Client, ...args: unknown[]) {
      if (excluded.has(this)) return original.apply(this, args);
      const text = typeof args[0] === 'string' ? args[0] : ((args[0] as { text?: string })?.text ?? '?');
      const started = performance.now();
      const done = (rows: number) => add(totals, text, performance.now() - started, rows);
      // pg's Pool passes a callback; direct callers get a promise.
      const last = args.length - 1;
      if (typeof args[last] === 'function') {
        const callback = args[last] as (err: unknown, r?: { rowCount?: number }) => void;
        args[last] = (err: unknown, r?: { rowCount?: number }) => {
          done(r?.rowCount ?? 0);
          callback(err, r);
        };
        return original.apply(this, args);
      }
      const result = original.apply(this, args);
      if (result && typeof (result as Promise<unknown>).then === 'function') {
        (result as Promise<{ rowCount?: number }>).then(
          (r) => done(r?.rowCount ?? 0),
          () => done(0),
        );
      }
      return result;
    };
  }

  report(): string {
    const lines = [...this.totals].sort((a, b) => b[1].millis - a[1].millis);
    return lines
      .map(([text, t]) => `${t.millis.toFixed(0).padStart(8)} ms ${String(t.calls).padStart(6)} calls ${String(t.rows).padStart(8)} rows  ${text}`)
      .join('\n');
  }
}

function add(totals: Map<string, QueryTotals>, text: string, millis: number, rows: number): void {
  const key = text.replace(/\s+/g, ' ').trim().slice(0, 110);
  const t = totals.get(key) ?? { calls: 0, millis: 0, rows: 0 };
  t.calls++;
  t.millis += millis;
  t.rows += rows;
  totals.set(key, t);
}
