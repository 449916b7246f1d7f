/**
 * Progress of a long command: live bars (cli-progress) on a terminal; in logs (CI, a pipe,
 * a file) plain lines, at most one per task every few seconds, and the last state of
 * every task when it stops. Progress goes to stderr so stdout holds only the summary.
 */
import { MultiBar, Presets, type SingleBar } from 'cli-progress';
import { progressLine } from './format';

export interface ProgressStream {
  write(text: string): unknown;
  isTTY?: boolean;
}

export interface ProgressOptions {
  /** Prefix of plain lines, e.g. "index" → "[index] enosys 10/20 (50%) …". */
  label: string;
  stream?: ProgressStream;
  /** Bars or lines; default: bars when the stream is a terminal. */
  interactive?: boolean;
  /** Least time between two plain lines of one task. */
  everyMs?: number;
  /** Width of the name column, so bars line up. */
  nameWidth?: number;
  now?: () => number;
}

export interface ProgressTask {
  update(value: number, extra?: string): void;
  setTotal(total: number): void;
}

interface TaskState {
  name: string;
  value: number;
  total: number;
  extra: string;
  printedAt: number;
  /** What the last plain line showed, to skip repeating an unchanged line. */
  printed?: string;
  bar?: SingleBar;
}

export class Progress {
  private readonly stream: ProgressStream;
  private readonly interactive: boolean;
  private readonly everyMs: number;
  private readonly now: () => number;
  private readonly tasks = new Map<string, TaskState>();
  private readonly bars?: MultiBar;
  private stopped = false;

  constructor(private readonly options: ProgressOptions) {
    this.stream = options.stream ?? process.stderr;
    this.interactive = options.interactive ?? Boolean(this.stream.isTTY);
    this.everyMs = options.everyMs ?? 5000;
    this.now = options.now ?? Date.now;
    if (this.interactive) {
      this.bars = new MultiBar(
        {
          format: ' {name} |{bar}| {percentage}% {value}/{total} {extra}',
          barsize: 20,
          hideCursor: true,
          clearOnComplete: false,
          stopOnComplete: false,
          stream: this.stream as NodeJS.WritableStream,
          formatValue: (v, _o, type) => (type === 'value' || type === 'total' ? Number(v).toLocaleString('en-US') : String(v)),
        },
        Presets.shades_classic,
      );
    }
  }

  /** A task (a bar, or a series of lines) by name; the same name returns the same task. */
  task(name: string, total: number): ProgressTask {
    let state = this.tasks.get(name);
    if (!state) {
      state = { name, value: 0, total, extra: '', printedAt: -Infinity };
      if (this.bars) state.bar = this.bars.create(Math.max(total, 0), 0, { name: this.pad(name), extra: '' });
      this.tasks.set(name, state);
    }
    const s = state;
    return {
      update: (value, extra) => {
        s.value = value;
        if (extra !== undefined) s.extra = extra;
        this.render(s);
      },
      setTotal: (total) => {
        s.total = total;
        s.bar?.setTotal(Math.max(total, 0));
      },
    };
  }

  /** A message among the bars (above them on a terminal). */
  log(line: string): void {
    if (this.bars && !this.stopped) this.bars.log(`${line}\n`);
    else this.stream.write(`${line}\n`);
  }

  /** Ends the bars, or prints each task's last state that was not printed yet. */
  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    if (this.bars) this.bars.stop();
    else for (const s of this.tasks.values()) this.printLine(s);
  }

  private render(s: TaskState): void {
    if (this.stopped) return;
    if (s.bar) s.bar.update(s.value, { name: this.pad(s.name), extra: s.extra });
    else if (this.now() - s.printedAt >= this.everyMs) this.printLine(s);
  }

  private printLine(s: TaskState): void {
    const line = `[${this.options.label}] ${progressLine(s.name, s.value, s.total, s.extra)}`;
    if (line === s.printed) return;
    s.printed = line;
    s.printedAt = this.now();
    this.stream.write(`${line}\n`);
  }

  private pad(name: string): string {
    return name.padEnd(this.options.nameWidth ?? 0);
  }
}
