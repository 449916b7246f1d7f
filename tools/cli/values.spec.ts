import { httpUrl, integer, namesFrom, optionalInteger, port, positiveNumber, UsageError } from './values';

describe('option values', () => {
  it('accepts whole numbers in range and refuses the rest with the option and the value', () => {
    expect(integer('--swaps', '20000')).toBe(20000);
    expect(optionalInteger('--swaps', undefined)).toBeUndefined();
    for (const bad of ['', 'abc', '1.5', '1e3', ' '])
      expect(() => integer('--swaps', bad)).toThrow(new UsageError(`--swaps must be a whole number, got "${bad}"`));
    expect(() => integer('--swaps', '-1')).toThrow('--swaps must be at least 0, got -1');
    expect(() => integer('--per-block', '501', { min: 1, max: 500 })).toThrow('--per-block must be between 1 and 500, got 501');
  });

  it('checks ports, positive numbers and URLs', () => {
    expect(port('--port', '8545')).toBe(8545);
    expect(() => port('--port', '0')).toThrow(UsageError);
    expect(() => port('--port', '70000')).toThrow('--port must be between 1 and 65535');
    expect(positiveNumber('--days', '0.5')).toBe(0.5);
    for (const bad of ['0', '-2', '', 'x']) expect(() => positiveNumber('--days', bad)).toThrow(UsageError);
    expect(httpUrl('--admin-url', 'http://127.0.0.1:3000/')).toBe('http://127.0.0.1:3000');
    expect(() => httpUrl('--admin-url', '127.0.0.1:3000')).toThrow('--admin-url must be an http(s) URL');
    expect(() => httpUrl('--admin-url', 'ftp://x')).toThrow(UsageError);
  });

  it('reads names comma-separated or repeated, refusing unknown ones and naming the known', () => {
    const known = ['apr', 'fees-usd', 'pool-volume'];
    expect(namesFrom('--steps', undefined, known)).toBeUndefined();
    expect(namesFrom('--steps', ['apr,fees-usd', 'apr'], known)).toEqual(['apr', 'fees-usd']);
    expect(() => namesFrom('--steps', 'apr,bogus', known)).toThrow('--steps: unknown bogus (known: apr, fees-usd, pool-volume)');
    expect(() => namesFrom('--steps', ',', known)).toThrow(UsageError);
  });
});
