import { defineCommand, describeError, formatUsage, parseCommand } from './command';
import { UsageError } from './values';

const spec = defineCommand({
  name: 'demo',
  synopsis: ['npm run demo -- [options]', 'npm run demo -- status'],
  summary: 'Does a demo.',
  subcommands: { status: 'print the status', stop: 'stop it' },
  options: {
    port: { type: 'string', value: 'N', help: 'port (default 1)\nsecond line', default: '1' },
    step: { type: 'string', value: 'NAME', multiple: true, help: 'a step (repeatable)' },
    quiet: { type: 'boolean', help: 'no progress' },
  },
  env: { DATABASE_URL: 'where rows go' },
  examples: ['npm run demo -- status   # the status'],
});

describe('command arguments', () => {
  it('parses options, defaults and a subcommand', () => {
    const { values, subcommand } = parseCommand(spec, ['status', '--step', 'a', '--step=b', '--quiet']);
    expect(subcommand).toBe('status');
    expect(values).toMatchObject({ port: '1', step: ['a', 'b'], quiet: true, help: false });
    expect(parseCommand(spec, []).subcommand).toBeUndefined();
  });

  it('refuses unknown options, missing values, stray arguments and unknown subcommands in one line', () => {
    const message = (argv: string[]) => {
      try {
        parseCommand(spec, argv);
      } catch (error) {
        expect(error).toBeInstanceOf(UsageError);
        return (error as Error).message;
      }
      throw new Error(`accepted ${argv.join(' ')}`);
    };
    expect(message(['--bogus'])).toBe("Unknown option '--bogus'");
    expect(message(['--port'])).toBe("Option '--port <value>' argument missing");
    expect(message(['--port='])).toBe('--port needs a value');
    expect(message(['start'])).toBe('unknown command "start" (commands: status, stop)');
    expect(message(['status', 'extra'])).toBe('unexpected argument "extra"');
    for (const argv of [['--bogus'], ['start'], ['--quiet=yes']]) expect(message(argv)).not.toContain('\n');
  });

  it('refuses any positional argument when there are no subcommands', () => {
    const plain = defineCommand({ ...spec, subcommands: undefined });
    expect(() => parseCommand(plain, ['status'])).toThrow('unexpected argument "status"');
  });

  it('lists every option, the subcommands, the environment and examples in --help', () => {
    const text = formatUsage(spec);
    expect(text.split('\n').slice(0, 2)).toEqual(['Usage: npm run demo -- [options]', '       npm run demo -- status']);
    expect(text).toContain('Commands:\n  status   print the status\n  stop     stop it');
    expect(text).toContain('  --port N      port (default 1)\n                second line');
    expect(text).toContain('  --step NAME   a step (repeatable)');
    expect(text).toContain('  --quiet       no progress');
    expect(text).toContain('  -h, --help    show this help');
    expect(text).toContain('Environment:\n  DATABASE_URL   where rows go');
    expect(text.endsWith('Examples:\n  npm run demo -- status   # the status')).toBe(true);
  });

  it('describes errors without a message by their first cause or code', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' });
    expect(describeError(new AggregateError([refused]))).toBe('connect ECONNREFUSED 127.0.0.1:1');
    expect(describeError(Object.assign(new Error(''), { code: 'EPIPE' }))).toBe('EPIPE');
    expect(describeError('plain')).toBe('plain');
  });
});
