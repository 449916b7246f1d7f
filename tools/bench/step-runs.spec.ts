import { steadyWindowIsMeaningful } from './step-runs';

describe('steadyWindowIsMeaningful', () => {
  it('accepts a window of at least 2 s with at least a quarter of the records left', () => {
    expect(steadyWindowIsMeaningful(2000, 8000, 2)).toBe(true);
    expect(steadyWindowIsMeaningful(8000, 8000, 40)).toBe(true);
  });

  it('refuses a group that settled near the end: few records left, or a blink of time', () => {
    expect(steadyWindowIsMeaningful(1999, 8000, 30)).toBe(false);
    expect(steadyWindowIsMeaningful(8000, 8000, 1.9)).toBe(false);
  });
});
