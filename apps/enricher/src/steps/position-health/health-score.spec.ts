import { healthScore } from './health-score';
import { HEALTH_WEIGHTS } from './health-weights';

describe('health score', () => {
  it('weights 0.5 / 0.3 / 0.2 and adds up to 1', () => {
    expect(HEALTH_WEIGHTS.timeInRange + HEALTH_WEIGHTS.edgeDistance + HEALTH_WEIGHTS.feesVsIl).toBeCloseTo(1, 12);
    // 0.5·80 + 0.3·50 + 0.2·100 = 40 + 15 + 20 = 75
    expect(healthScore({ timeInRange: 80, edgeDistance: 50, feesVsIl: 100 })).toBeCloseTo(75, 12);
    expect(healthScore({ timeInRange: 100, edgeDistance: 100, feesVsIl: 100 })).toBeCloseTo(100, 12);
    expect(healthScore({ timeInRange: 0, edgeDistance: 0, feesVsIl: 0 })).toBe(0);
  });

  it('renormalises over the components that have a value', () => {
    // (0.5·80 + 0.3·50) / 0.8 = 55 / 0.8 = 68.75
    expect(healthScore({ timeInRange: 80, edgeDistance: 50, feesVsIl: null })).toBeCloseTo(68.75, 12);
    expect(healthScore({ timeInRange: null, edgeDistance: 40, feesVsIl: null })).toBeCloseTo(40, 12);
  });

  it('is null with no component', () => {
    expect(healthScore({ timeInRange: null, edgeDistance: null, feesVsIl: null })).toBeNull();
  });
});
