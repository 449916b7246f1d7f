/**
 * A command's arguments declared once: the same declaration parses argv (strictly:
 * unknown options and stray arguments are errors) and prints --help, so the help text
 * always lists every option the command reads.
 */
import { parseArgs } from 'node:util';
import { ConfigError } from '@lib/config';
import { wrapText } from './format';
import { UsageError } from './values';

export interface OptionSpec {
  type: 'string' | 'boolean';
  short?: string;
  multiple?: boolean;
  default?: string | boolean;
  /** Placeholder of the value in the help, e.g. "N", "URL". */
  value?: string;
  /** Help text; "\n" starts an indented continuation line. */
  help: string;
}

export interface CommandSpec<O extends Record<string, OptionSpec> = Record<string, OptionSpec>> {
  /** Prefix of error lines, e.g. "backfill". */
  name: string;
  /** How to call it, one form per line, e.g. "npm run backfill -- [options]". */
  synopsis: readonly string[];
  /** What it does, a few lines. */
  summary: string;
  /** Subcommands (the first positional argument) and what each does; none by default. */
  subcommands?: Readonly<Record<string, string>>;
  options: O;
  /** Environment variables the command reads, and what for. */
  env: Readonly<Record<string, string>>;
  /** Example invocations, each possibly with a "# comment". */
  examples: readonly string[];
  /** Free text after the options (exit codes, files it writes…). */
  notes?: string;
}

type OptionValue<S extends OptionSpec> = S['type'] extends 'boolean'
  ? S['multiple'] extends true
    ? boolean[]
    : boolean
  : S['multiple'] extends true
    ? string[]
    : string;

export type OptionValues<O extends Record<string, OptionSpec>> = {
  [K in keyof O]: O[K] extends { default: string | boolean } ? OptionValue<O[K]> : OptionValue<O[K]> | undefined;
} & { help: boolean };

/** The parsed option values of a command declared with defineCommand. */
export type ValuesOf<C> = C extends CommandSpec<infer O> ? OptionValues<O> : never;

export interface ParsedCommand<O extends Record<string, OptionSpec>> {
  values: OptionValues<O>;
  /** The subcommand, when the spec has subcommands and one was given. */
  subcommand: string | undefined;
}

/** Keeps the literal option types so `values` is typed per option. */
export function defineCommand<const O extends Record<string, OptionSpec>>(spec: CommandSpec<O>): CommandSpec<O> {
  return spec;
}

/** Parses argv; throws UsageError with a one-line message on anything it does not know. */
export function parseCommand<O extends Record<string, OptionSpec>>(spec: CommandSpec<O>, argv: readonly string[]): ParsedCommand<O> {
  const options = Object.fromEntries(
    // parseArgs refuses keys set to undefined, and knows nothing of help texts.
    Object.entries(spec.options).map(([name, o]) => [
      name,
      Object.fromEntries(Object.entries({ type: o.type, short: o.short, multiple: o.multiple, default: o.default }).filter(([, v]) => v !== undefined)),
    ]),
  );
  let parsed: { values: Record<string, unknown>; positionals: string[] };
  try {
    parsed = parseArgs({
      args: [...argv],
      options: { ...options, help: { type: 'boolean', short: 'h', default: false } },
      strict: true,
      allowPositionals: true,
    }) as typeof parsed;
  } catch (error) {
    if (!String((error as { code?: string }).code).startsWith('ERR_PARSE_ARGS_')) throw error;
    // Node's messages go on with advice about "--"; the first sentence is the point.
    throw new UsageError((error as Error).message.split('. ')[0]);
  }
  const subcommands = Object.keys(spec.subcommands ?? {});
  const [first, ...rest] = parsed.positionals;
  if (first !== undefined && subcommands.length === 0) throw new UsageError(`unexpected argument "${first}"`);
  if (first !== undefined && !subcommands.includes(first)) throw new UsageError(`unknown command "${first}" (commands: ${subcommands.join(', ')})`);
  if (rest.length > 0) throw new UsageError(`unexpected argument "${rest[0]}"`);
  for (const [name, o] of Object.entries(spec.options)) {
    const v = parsed.values[name];
    if (o.type === 'string' && typeof v === 'string' && v === '') throw new UsageError(`--${name} needs a value`);
  }
  return { values: parsed.values as OptionValues<O>, subcommand: first };
}

function flagOf(name: string, o: Pick<OptionSpec, 'short' | 'value'>): string {
  return `${o.short ? `-${o.short}, ` : ''}--${name}${o.value ? ` ${o.value}` : ''}`;
}

/** Help lines are wrapped to fit this many columns. */
const HELP_WIDTH = 100;

/** Two columns: terms, and their text (wrapped; "\n" forces a break) lined up under its start. */
function columns(entries: readonly [string, string][]): string[] {
  const width = Math.max(...entries.map(([term]) => term.length)) + 3;
  return entries.flatMap(([term, text]) => {
    const lines = text.split('\n').flatMap((l) => wrapText(l, Math.max(30, HELP_WIDTH - 2 - width)));
    return lines.map((l, i) => `  ${(i === 0 ? term : '').padEnd(width)}${l}`.trimEnd());
  });
}

/** The --help text. */
export function formatUsage(spec: CommandSpec): string {
  const out: string[] = [];
  spec.synopsis.forEach((line, i) => out.push(`${i === 0 ? 'Usage: ' : '       '}${line}`));
  out.push('', spec.summary.trim());
  if (spec.subcommands && Object.keys(spec.subcommands).length > 0) out.push('', 'Commands:', ...columns(Object.entries(spec.subcommands)));
  const options: [string, string][] = [
    ...Object.entries(spec.options).map(([name, o]) => [flagOf(name, o), o.help] as [string, string]),
    ['-h, --help', 'show this help'],
  ];
  out.push('', 'Options:', ...columns(options));
  if (Object.keys(spec.env).length > 0) out.push('', 'Environment:', ...columns(Object.entries(spec.env)));
  if (spec.notes) out.push('', spec.notes.trim());
  out.push('', 'Examples:', ...spec.examples.map((e) => `  ${e}`));
  return out.join('\n');
}

/** One line for any error: AggregateError (e.g. connection refused to every address) has no message of its own. */
export function describeError(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0 && !error.message) return describeError(error.errors[0]);
  if (!(error instanceof Error)) return String(error);
  const code = (error as { code?: unknown }).code;
  return error.message || (typeof code === 'string' ? code : error.name);
}

export interface RunOptions {
  /** Call process.exit when done (for commands that leave handles open, e.g. a chain they watch). */
  forceExit?: boolean;
  argv?: readonly string[];
}

/**
 * Runs a command's main with its parsed arguments: --help prints the usage (exit 0); a
 * UsageError, from parsing or from main, is one line on stderr and exit 2; any other
 * error is one line and exit 1; otherwise main's exit code.
 */
export function runCommand<O extends Record<string, OptionSpec>>(
  spec: CommandSpec<O>,
  main: (args: ParsedCommand<O>) => Promise<number>,
  options: RunOptions = {},
): void {
  const finish = (code: number) => {
    if (options.forceExit) process.exit(code);
    process.exitCode = code;
  };
  const fail = (error: unknown) => {
    // A missing or malformed environment variable: the configuration's one line, exit 2 as the apps.
    if (error instanceof ConfigError) {
      console.error(`${spec.name}: ${error.message}`);
      return finish(2);
    }
    if (error instanceof UsageError) {
      console.error(`${spec.name}: ${error.message} (see --help)`);
      return finish(2);
    }
    console.error(`${spec.name}: ${describeError(error)}`);
    // A TypeError and the like is a bug, not a condition to explain: show where.
    if (error instanceof TypeError || error instanceof ReferenceError || error instanceof SyntaxError) console.error(error.stack);
    finish(1);
  };
  let args: ParsedCommand<O>;
  try {
    args = parseCommand(spec, options.argv ?? process.argv.slice(2));
  } catch (error) {
    return fail(error);
  }
  if (args.values.help) {
    console.log(formatUsage(spec));
    return finish(0);
  }
  main(args).then(finish, fail);
}
