import { stringToHex } from 'viem';
import { bytes32ToText } from './token-metadata-reader';

describe('bytes32ToText', () => {
  it('reads a NUL-padded bytes32 symbol', () => {
    expect(bytes32ToText(stringToHex('MKR', { size: 32 }))).toBe('MKR');
  });
  it('gives "" for bytes that are not text', () => {
    expect(bytes32ToText(('0x01' + '00'.repeat(31)) as `0x${string}`)).toBe('');
  });
});
