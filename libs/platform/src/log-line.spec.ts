import { jsonLogLine, splitLogParams, textLogLine, type LogEntry } from './log-line';

const time = new Date('2024-05-01T12:00:00.000Z');
const parse = (e: Omit<LogEntry, 'time'>) => JSON.parse(jsonLogLine({ time, ...e }));

describe('jsonLogLine', () => {
  it('writes time, level, context and message first, then the process fields', () => {
    const line = jsonLogLine({
      time,
      level: 'info',
      message: 'listening on http://127.0.0.1:3000',
      params: ['Admin'],
      fields: { step: 'fees-usd', runId: '7' },
    });
    expect(line).toBe(
      '{"time":"2024-05-01T12:00:00.000Z","level":"info","context":"Admin","message":"listening on http://127.0.0.1:3000","step":"fees-usd","runId":"7"}',
    );
    expect(line).not.toContain('\n');
  });

  it("merges an object message's fields into the line, so a field such as instance is a key of its own", () => {
    const line = jsonLogLine({ time, level: 'info', message: { message: 'consuming', instance: 'h:1:ab', group: 'g' }, params: ['Enricher'] });
    expect(line).toMatch(/"instance"/);
    expect(JSON.parse(line)).toEqual({ time: time.toISOString(), level: 'info', context: 'Enricher', message: 'consuming', instance: 'h:1:ab', group: 'g' });
  });

  it('never lets a field replace time, level, context or message', () => {
    const o = parse({
      level: 'warn',
      message: { message: 'retry', level: 'debug', time: 'x', context: 'y', attempt: 2 },
      params: ['Step'],
      fields: { message: 'z', step: 'apr' },
    });
    expect(o).toEqual({ time: time.toISOString(), level: 'warn', context: 'Step', message: 'retry', step: 'apr', attempt: 2 });
  });

  it('gives an object without a message an empty one', () => {
    expect(parse({ level: 'info', message: { rows: 3 } })).toMatchObject({ message: '', rows: 3 });
  });

  it("takes an Error's message and stack", () => {
    const err = new Error('registry down');
    const o = parse({ level: 'error', message: err, params: [undefined, 'Replay'] });
    expect(o).toMatchObject({ level: 'error', context: 'Replay', message: 'registry down' });
    expect(o.stack).toContain('registry down');
  });

  it('keeps an explicit stack of an error and the context after it', () => {
    const o = parse({ level: 'error', message: 'run 3 failed', params: ['Error: x\n    at f (a.js:1:1)', 'Replay'] });
    expect(o).toMatchObject({ context: 'Replay', message: 'run 3 failed', stack: 'Error: x\n    at f (a.js:1:1)' });
  });

  it('writes bigints as strings and survives a circular value', () => {
    expect(parse({ level: 'info', message: { message: 'm', liquidity: 2n ** 70n } }).liquidity).toBe('1180591620717411303424');
    const circular: Record<string, unknown> = { message: 'm' };
    circular.self = circular;
    expect(parse({ level: 'info', message: circular })).toHaveProperty('unserializable');
  });

  it('keeps parameters that are not the context', () => {
    expect(parse({ level: 'info', message: 'm', params: [42, 'Ctx'] })).toMatchObject({ context: 'Ctx', params: [42] });
  });
});

describe('splitLogParams', () => {
  it('reads a trailing string as the context, unless it is a stack trace', () => {
    expect(splitLogParams('info', ['Ctx'])).toEqual({ context: 'Ctx', extra: [] });
    expect(splitLogParams('error', ['Error: x\n    at f (a.js:1:1)'])).toEqual({ context: undefined, stack: 'Error: x\n    at f (a.js:1:1)', extra: [] });
    expect(splitLogParams('info', [])).toEqual({ context: undefined, extra: [] });
  });
});

describe('textLogLine', () => {
  it('is time, level, context and message, with only the message fields as JSON', () => {
    const line = textLogLine({ time, level: 'info', message: { message: 'consuming', instance: 'h:1' }, params: ['Enricher'], fields: { step: 'apr' } });
    expect(line).toBe('2024-05-01T12:00:00.000Z INFO  [Enricher] consuming {"instance":"h:1"}');
  });

  it('puts a stack on the lines after', () => {
    expect(textLogLine({ time, level: 'error', message: 'boom', params: ['at\n    at f (a.js:1:1)', 'X'] }).split('\n')).toHaveLength(3);
  });
});
