import { positionKey } from './position-key';

describe('positionKey', () => {
  it('keys a position by manager and token id, case-insensitively', () => {
    expect(positionKey('0xABC', '7')).toBe('0xabc:7');
    expect(positionKey('0xabc', '7')).not.toBe(positionKey('0xdef', '7'));
  });
});
