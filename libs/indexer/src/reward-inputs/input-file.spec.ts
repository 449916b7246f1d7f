import { parseCsv, parseCsvLine, parseInputFile } from './input-file';

describe('input files', () => {
  it('parses quoted CSV fields', () => {
    expect(parseCsvLine('a, "b, c" ,"say ""hi"""')).toEqual(['a', 'b, c', 'say "hi"']);
  });

  it('parses CSV with a header, skipping blank and # lines', () => {
    expect(parseCsv('# allocations\ntokenId,amountRaw\n1,10\n\n2,20\n')).toEqual([
      { tokenId: '1', amountRaw: '10' },
      { tokenId: '2', amountRaw: '20' },
    ]);
  });

  it('refuses a CSV line with the wrong number of fields', () => {
    expect(() => parseCsv('a,b\n1\n')).toThrow(/line 2/);
  });

  it('reads a JSON array or the array under the key', () => {
    expect(parseInputFile('x.json', '[{"a":1}]', 'rflr')).toEqual([{ a: 1 }]);
    expect(parseInputFile('x.json', '{"rflr":[{"a":2}]}', 'rflr')).toEqual([{ a: 2 }]);
    expect(() => parseInputFile('x.json', '{"other":[]}', 'rflr')).toThrow(/"rflr"/);
    expect(() => parseInputFile('x.json', '{', 'rflr')).toThrow(/not JSON/);
  });
});
