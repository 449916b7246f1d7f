import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

/**
 * A real service process (admin app or a step) started from the build in dist/, as a
 * user would run it. Tests stop it with SIGTERM (graceful) or SIGKILL (a crash).
 */
export class ServiceProcess {
  readonly output: string[] = [];
  private exited?: Promise<number | null>;

  private constructor(
    readonly name: string,
    readonly child: ChildProcess,
    /** The environment it was started with beyond the test's own (its ports, e.g. METRICS_PORT). */
    readonly env: NodeJS.ProcessEnv,
  ) {
    this.exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
    const keep = (b: Buffer) => {
      this.output.push(b.toString());
      if (this.output.length > 400) this.output.splice(0, 100);
      if (process.env.SHOW_SERVICE_LOGS) process.stderr.write(`[${name}] ${b}`);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
  }

  static start(name: string, script: string, args: string[], env: NodeJS.ProcessEnv): ServiceProcess {
    const child = spawn(process.execPath, ['--enable-source-maps', join(ROOT, script), ...args], {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return new ServiceProcess(name, child, env);
  }

  static admin(env: NodeJS.ProcessEnv): ServiceProcess {
    return ServiceProcess.start('admin', 'dist/apps/admin/src/main.js', [], env);
  }

  static step(step: string, env: NodeJS.ProcessEnv, instance = 1): ServiceProcess {
    return ServiceProcess.start(`${step}#${instance}`, 'dist/apps/enricher/src/main.js', ['--step', step], env);
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Waits until the process printed `pattern`, or fails with its output. */
  async waitForOutput(pattern: RegExp, timeoutMs = 60_000): Promise<void> {
    const started = Date.now();
    while (Date.now() - started < timeoutMs) {
      if (pattern.test(this.output.join(''))) return;
      if (!this.running) throw new Error(`${this.name} exited (${this.child.exitCode ?? this.child.signalCode}) before printing ${pattern}:\n${this.tail()}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`${this.name} did not print ${pattern} within ${timeoutMs} ms:\n${this.tail()}`);
  }

  tail(lines = 40): string {
    return this.output.join('').split('\n').slice(-lines).join('\n');
  }

  async stop(signal: NodeJS.Signals = 'SIGTERM', timeoutMs = 30_000): Promise<number | null> {
    if (!this.running) return this.child.exitCode;
    this.child.kill(signal);
    const timer = setTimeout(() => this.child.kill('SIGKILL'), timeoutMs);
    const code = await this.exited!;
    clearTimeout(timer);
    return code;
  }
}
