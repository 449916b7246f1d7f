import { feesVsIlScore } from './fees-vs-il';

describe('fees vs impermanent loss score', () => {
  it('is 100 without a loss (IL 0 or a gain against HODL)', () => {
    expect(feesVsIlScore(0, 0)).toBe(100);
    expect(feesVsIlScore(0, 3)).toBe(100);
    // Wei rounding of exact amounts is no loss.
    expect(feesVsIlScore(0, -1e-15)).toBe(100);
  });

  it('is 100 when fees cover the loss', () => {
    expect(feesVsIlScore(10, -10)).toBe(100);
    expect(feesVsIlScore(12, -10)).toBe(100);
  });

  it('scales with the share of the loss the fees cover', () => {
    expect(feesVsIlScore(2.5, -10)).toBe(25);
    expect(feesVsIlScore(0, -10)).toBe(0);
  });

  it('is null when fees or IL are unknown', () => {
    expect(feesVsIlScore(null, -10)).toBeNull();
    expect(feesVsIlScore(5, null)).toBeNull();
  });
});
