import { artifacts } from './artifacts';
import { patchErc20Decimals } from './erc20-decimals-patch';

describe('patchErc20Decimals', () => {
  const { bytecode, deployedBytecode } = artifacts.erc20();

  it('changes exactly one byte of the creation code', () => {
    const patched = patchErc20Decimals(bytecode, deployedBytecode, 6);
    expect(patched.length).toBe(bytecode.length);
    const diff = [...patched].filter((c, i) => c !== bytecode[i]).length;
    expect(diff).toBeGreaterThanOrEqual(1);
    expect(diff).toBeLessThanOrEqual(2); // one byte = at most two hex digits
    expect(patched).toContain('6040516006');
  });

  it('leaves 18 decimals untouched and refuses non-uint8', () => {
    expect(patchErc20Decimals(bytecode, deployedBytecode, 18)).toBe(bytecode);
    expect(() => patchErc20Decimals(bytecode, deployedBytecode, 256)).toThrow(RangeError);
  });
});
