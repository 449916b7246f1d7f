import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { loadConfig } from '@lib/config';
import { processRssBytes } from '@lib/local-chain';

const ROOT = join(__dirname, '..', '..', '..');

/** A process of the bench (built script from dist/), its output kept for errors and result lines. */
export class BenchProcess {
  readonly output: string[] = [];
  private readonly exited: Promise<number | null>;

  constructor(
    readonly name: string,
    readonly child: ChildProcess,
    /** BENCH_SHOW_LOGS: every process's output on stderr as well. */
    showLogs = loadConfig().tools.benchShowLogs,
  ) {
    this.exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
    const keep = (b: Buffer) => {
      this.output.push(b.toString());
      if (this.output.length > 2000) this.output.splice(0, 500);
      if (showLogs) process.stderr.write(`[${name}] ${b}`);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
  }

  /** `script` relative to the repository root, e.g. dist/apps/admin/src/main.js. */
  static start(name: string, script: string, args: string[], env: NodeJS.ProcessEnv): BenchProcess {
    // The child's environment: ours with `env` on top (it reads its settings through its own loadConfig()).
    // eslint-disable-next-line no-restricted-properties -- passes the environment through to a child process; it reads its settings with its own loadConfig()
    const child = spawn(process.execPath, [join(ROOT, script), ...args], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    return new BenchProcess(name, child);
  }

  get pid(): number {
    return this.child.pid ?? -1;
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Waits for a line matching `pattern`; returns the match. */
  async waitFor(pattern: RegExp, timeoutMs = 120_000): Promise<RegExpExecArray> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const m = pattern.exec(this.output.join(''));
      if (m) return m;
      if (!this.running) throw new Error(`${this.name} exited (${this.child.exitCode ?? this.child.signalCode}) before printing ${pattern}:\n${this.tail()}`);
      if (Date.now() > deadline) throw new Error(`${this.name} did not print ${pattern} within ${timeoutMs} ms:\n${this.tail()}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  tail(lines = 30): string {
    return this.output.join('').split('\n').slice(-lines).join('\n');
  }

  async stop(timeoutMs = 15_000): Promise<void> {
    if (!this.running) return;
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), timeoutMs);
    await this.exited;
    clearTimeout(timer);
  }
}

/** Samples the RSS of named pids every `everyMs`; keeps the peak and the last value of each. */
export class RssSampler {
  private readonly pids = new Map<string, number>();
  readonly peak = new Map<string, number>();
  private readonly timer: NodeJS.Timeout;

  constructor(everyMs = 200) {
    this.timer = setInterval(() => this.sample(), everyMs);
    this.timer.unref();
  }

  watch(name: string, pid: number): void {
    this.pids.set(name, pid);
    this.sample();
  }

  sample(): void {
    for (const [name, pid] of this.pids) {
      const rss = processRssBytes(pid);
      if (rss !== undefined && rss > (this.peak.get(name) ?? 0)) this.peak.set(name, rss);
    }
  }

  stop(): void {
    this.sample();
    clearInterval(this.timer);
  }
}
