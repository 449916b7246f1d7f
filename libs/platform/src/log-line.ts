/** Levels as they appear in a log line (Nest's `log` is written `info`). */
export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'verbose';

export type LogFormat = 'json' | 'text';

/** One call of a LoggerService method, before formatting. */
export interface LogEntry {
  time: Date;
  level: LogLevel;
  /** The first argument as given: a string, an Error, or an object whose fields join the line. */
  message: unknown;
  /** The optional arguments as Nest passes them: the context last, a stack before it for errors. */
  params?: unknown[];
  /** Fields of every line of this process (step, instance, run id). */
  fields?: Record<string, unknown>;
}

/** The keys every line has, in this order; no field may replace them. */
const BASE_KEYS = ['time', 'level', 'context', 'message'] as const;
const STACK_LIKE = /\n\s+at /;

/**
 * Splits Nest's optional parameters: a trailing string is the context (unless it looks like
 * a stack trace); for errors a string before it is the stack; anything else is kept as `params`.
 */
export function splitLogParams(level: LogLevel, params: readonly unknown[]): { context?: string; stack?: string; extra: unknown[] } {
  const rest = [...params];
  let context: string | undefined;
  let stack: string | undefined;
  const last = rest[rest.length - 1];
  if (typeof last === 'string' && !STACK_LIKE.test(last)) {
    context = last;
    rest.pop();
  }
  if ((level === 'error' || level === 'fatal') && rest.length > 0 && (typeof rest[0] === 'string' || rest[0] === undefined)) {
    stack = (rest.shift() as string | undefined) ?? undefined;
  }
  return { context, stack, extra: rest };
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Error);
}

function withoutBaseKeys(o: Record<string, unknown> | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o ?? {})) if (!(BASE_KEYS as readonly string[]).includes(k) && v !== undefined) out[k] = v;
  return out;
}

/** The line's parts: base keys, the message's own fields, and the rest. */
function parts(e: LogEntry): { context?: string; message: string; own: Record<string, unknown>; stack?: string; extra: unknown[] } {
  const { context, stack, extra } = splitLogParams(e.level, e.params ?? []);
  if (e.message instanceof Error) return { context, message: e.message.message, own: {}, stack: stack ?? e.message.stack, extra };
  if (isPlainObject(e.message)) {
    const m = e.message.message;
    return { context, message: typeof m === 'string' ? m : '', own: withoutBaseKeys(e.message), stack, extra };
  }
  return { context, message: typeof e.message === 'string' ? e.message : String(e.message), own: {}, stack, extra };
}

/** JSON.stringify that writes bigints as strings and never throws (a circular value becomes a note). */
function stringify(value: unknown): string {
  try {
    return JSON.stringify(value, (_k, v) => (typeof v === 'bigint' ? v.toString() : v));
  } catch (err) {
    return JSON.stringify({ unserializable: (err as Error).message });
  }
}

/** One JSON object, one line: time, level, context, message, the process's fields, the message's fields. */
export function jsonLogLine(e: LogEntry): string {
  const p = parts(e);
  const line: Record<string, unknown> = {
    time: e.time.toISOString(),
    level: e.level,
    context: p.context,
    message: p.message,
    ...withoutBaseKeys(e.fields),
    ...p.own,
  };
  if (p.extra.length > 0) line.params = p.extra;
  if (p.stack) line.stack = p.stack;
  return stringify(line);
}

/**
 * For a person reading one service's output: `time LEVEL [context] message {fields}`. The
 * process's fields are left out (the reader knows which service it is); the message's own
 * fields are kept, as JSON, so patterns such as /"instance"/ match in both formats.
 */
export function textLogLine(e: LogEntry): string {
  const p = parts(e);
  const own = Object.keys(p.own).length > 0 || p.extra.length > 0 ? ` ${stringify(p.extra.length > 0 ? { ...p.own, params: p.extra } : p.own)}` : '';
  const head = `${e.time.toISOString()} ${e.level.toUpperCase().padEnd(5)} ${p.context ? `[${p.context}] ` : ''}${p.message}${own}`;
  return p.stack ? `${head}\n${p.stack}` : head;
}

export function formatLogLine(format: LogFormat, e: LogEntry): string {
  return format === 'text' ? textLogLine(e) : jsonLogLine(e);
}
