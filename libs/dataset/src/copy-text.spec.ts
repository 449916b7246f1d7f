import { copyTextField, copyTextLine } from './copy-text';

describe('COPY text format', () => {
  it('writes NULL as \\N and escapes what would end a field or a line', () => {
    expect(copyTextField(null)).toBe('\\N');
    expect(copyTextField(undefined)).toBe('\\N');
    expect(copyTextField('a\tb\nc\\d\re')).toBe('a\\tb\\nc\\\\d\\re');
    expect(copyTextField('USD₮0')).toBe('USD₮0');
  });

  it('writes numbers, bigints, booleans and JSON objects', () => {
    expect(copyTextField(-42)).toBe('-42');
    expect(copyTextField(2n ** 200n)).toBe((2n ** 200n).toString());
    expect(copyTextField(true)).toBe('t');
    expect(copyTextField(false)).toBe('f');
    expect(copyTextField({ positionManager: '0xab', dex: 'enosys' })).toBe('{"positionManager":"0xab","dex":"enosys"}');
    expect(() => copyTextField(Number.NaN)).toThrow(RangeError);
  });

  it('puts the columns in the order given, tab-separated, one line', () => {
    expect(copyTextLine({ b: 2, a: 'x', c: null }, ['a', 'b', 'c'])).toBe('x\t2\t\\N\n');
  });
});
