import { formatCount, formatDuration, formatPercent, formatRate, formatTable, progressLine, textBar, wrapText } from './format';

describe('CLI formatting', () => {
  it('groups counts and writes durations a person reads', () => {
    expect(formatCount(1234567.4)).toBe('1,234,567');
    expect(formatCount(NaN)).toBe('–');
    expect(formatDuration(850)).toBe('850 ms');
    expect(formatDuration(12_345)).toBe('12.3 s');
    expect(formatDuration(245_000)).toBe('4 min 05 s');
    expect(formatDuration(7_380_000)).toBe('2 h 03 min');
    expect(formatDuration(-1)).toBe('–');
  });

  it('computes rates over elapsed time, and none over no time', () => {
    expect(formatRate(5000, 2000, 'rows')).toBe('2,500 rows/s');
    expect(formatRate(5, 0, 'rows')).toBe('– rows/s');
  });

  it('shows 100% only at the end and nothing for an empty total', () => {
    expect(formatPercent(999, 1000)).toBe('99%');
    expect(formatPercent(1000, 1000)).toBe('100%');
    expect(formatPercent(0, 0)).toBe('–');
    expect(formatPercent(250, 1000)).toBe('25%');
  });

  it('draws a bar of fixed width, clamped to [0, total]', () => {
    expect(textBar(5, 10, 10)).toBe('█████░░░░░');
    expect(textBar(20, 10, 4)).toBe('████');
    expect(textBar(3, 0, 4)).toBe('░░░░');
    expect(textBar(-1, 10, 4)).toBe('░░░░');
  });

  it('writes one plain progress line', () => {
    expect(progressLine('enosys', 1234, 5000, 'blocks · 12 ev/s')).toBe('enosys 1,234/5,000 (24%) blocks · 12 ev/s');
    expect(progressLine('replay', 0, 0)).toBe('replay 0/0 (–)');
  });

  it('aligns table columns under a header, numbers to the right', () => {
    const table = formatTable(
      [
        ['kafka', '9092', 'up'],
        ['registry', '8081', 'DOWN'],
      ],
      { header: ['component', 'port', 'state'], align: ['left', 'right', 'left'], indent: ' ' },
    );
    expect(table.split('\n')).toEqual([' component  port  state', ' ---------  ----  -----', ' kafka      9092  up', ' registry   8081  DOWN']);
  });

  it('counts a bar character as one column', () => {
    expect(
      formatTable([
        ['██', 'x'],
        ['abc', 'y'],
      ]),
    ).toBe('██   x\nabc  y');
  });

  it('wraps words to a width, keeping a longer word whole', () => {
    expect(wrapText('one two three four', 9)).toEqual(['one two', 'three', 'four']);
    expect(wrapText('a https://example.com/very/long b', 10)).toEqual(['a', 'https://example.com/very/long', 'b']);
    expect(wrapText('', 10)).toEqual(['']);
  });
});
