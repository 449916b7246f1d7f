import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';

/** A V8 CPU profile of part of a run (node --cpu-prof covers the whole process, start-up included). */
export class CpuProfiler {
  private constructor(private readonly session: Session) {}

  static async start(): Promise<CpuProfiler> {
    const session = new Session();
    session.connect();
    await session.post('Profiler.enable');
    await session.post('Profiler.start');
    return new CpuProfiler(session);
  }

  async stopTo(file: string): Promise<void> {
    const { profile } = await this.session.post('Profiler.stop');
    writeFileSync(file, JSON.stringify(profile));
    this.session.disconnect();
  }
}
