import { isInRange } from './range';

describe('isInRange', () => {
  it('includes the lower tick and excludes the upper tick', () => {
    expect(isInRange(-10, -10, 20)).toBe(true);
    expect(isInRange(19, -10, 20)).toBe(true);
    expect(isInRange(20, -10, 20)).toBe(false);
    expect(isInRange(-11, -10, 20)).toBe(false);
    expect(isInRange(0, -10, 20)).toBe(true);
  });
});
