import { formatFigures, formatNumber, formatRatio, formatTable, ratio, roundTo } from './report-format';

describe('ratio', () => {
  it('divides two measured figures', () => {
    expect(ratio(3000, 1500)).toBe(2);
  });

  it('is NaN (not measured) when a side is missing, zero or not finite', () => {
    for (const [a, b] of [
      [undefined, 1],
      [1, undefined],
      [1, 0],
      [0, 1],
      [NaN, 1],
      [1, Infinity],
      [-2, 1],
    ] as const)
      expect(ratio(a, b)).toBeNaN();
  });
});

describe('formatting', () => {
  it('prints numbers with separators and a dash for what was not measured', () => {
    expect(formatNumber(1234567.891)).toBe('1,234,567.891');
    expect(formatNumber(1234.5678, 1)).toBe('1,234.6');
    expect(formatNumber(NaN)).toBe('–');
    expect(roundTo(1.23456, 2)).toBe(1.23);
    expect(roundTo(NaN, 2)).toBeNaN();
  });

  it('prints ratios with two decimals (two significant digits below 1) and ×', () => {
    expect(formatRatio(1.6)).toBe('1.60×');
    expect(formatRatio(19.567)).toBe('19.57×');
    expect(formatRatio(962.5 / 154000)).toBe('0.0063×');
    expect(formatRatio(NaN)).toBe('–');
  });

  it('aligns a table: right-aligned columns padded on the left', () => {
    expect(
      formatTable(
        ['name', 'n'],
        [
          ['a', '1'],
          ['long name', '1,000'],
        ],
        [1],
      ),
    ).toEqual(['name           n', '---------  -----', 'a              1', 'long name  1,000']);
  });

  it('prints the figure table', () => {
    expect(
      formatFigures([
        { figure: 'replay', value: 25575, unit: 'rows/s' },
        { figure: 'batch / stock ratio', value: 19.6, unit: 'x' },
      ]),
    ).toEqual([
      'figure                value  unit',
      '-------------------  ------  ------',
      'replay               25,575  rows/s',
      'batch / stock ratio    19.6  x',
    ]);
  });
});
