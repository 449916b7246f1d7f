import { readFileSync } from 'node:fs';
import type { Client } from 'pg';

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

/** CPU seconds (user + system) of a local process from /proc; 0 once it is gone. */
function cpuSecondsOf(pid: number): number {
  try {
    // Fields after the ")" of the command name: utime and stime are the 12th and 13th.
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return 0;
  }
}

/**
 * CPU time of the PostgreSQL backends serving one database (a local server) since start():
 * sampled periodically, the last reading of each backend kept, so backends that close count
 * too; a backend already open at start() counts from its reading then.
 */
export class BackendCpu {
  private readonly seconds = new Map<number, number>();
  private readonly before = new Map<number, number>();
  private timer?: NodeJS.Timeout;
  private sampling?: Promise<void>;

  constructor(
    private readonly admin: Client,
    private readonly database: string,
  ) {}

  async start(everyMs = 250): Promise<void> {
    await this.sample();
    for (const [pid, s] of this.seconds) this.before.set(pid, s);
    // One sample at a time: a slow one is not queued behind on the same connection.
    this.timer = setInterval(() => void (this.sampling ??= this.sample().finally(() => (this.sampling = undefined))), everyMs);
  }

  async stop(): Promise<number> {
    clearInterval(this.timer);
    await this.sampling;
    await this.sample();
    return [...this.seconds].reduce((sum, [pid, s]) => sum + s - (this.before.get(pid) ?? 0), 0);
  }

  private async sample(): Promise<void> {
    const { rows } = await this.admin.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE datname = $1', [this.database]);
    for (const { pid } of rows) {
      const s = cpuSecondsOf(pid);
      if (s > 0) this.seconds.set(pid, s);
    }
  }
}
