import { edgeDistanceScore } from './edge-distance';

describe('edge distance score', () => {
  it('is 100 at the centre of the range', () => {
    expect(edgeDistanceScore(0, -600, 600)).toBe(100);
    expect(edgeDistanceScore(150, 100, 200)).toBe(100);
  });

  it('is 0 at the lower edge (in range, but about to leave it)', () => {
    expect(edgeDistanceScore(-600, -600, 600)).toBe(0);
  });

  it('is 0 at or above the upper edge and below the lower one (outside)', () => {
    expect(edgeDistanceScore(600, -600, 600)).toBe(0);
    expect(edgeDistanceScore(9000, -600, 600)).toBe(0);
    expect(edgeDistanceScore(-601, -600, 600)).toBe(0);
  });

  it('falls linearly: a quarter of the way in from an edge is 50', () => {
    // Width 1200, half 600; 300 from the lower edge → 100·300/600 = 50; 120 from the upper → 20.
    expect(edgeDistanceScore(-300, -600, 600)).toBe(50);
    expect(edgeDistanceScore(480, -600, 600)).toBe(20);
  });

  it('is null without a tick', () => {
    expect(edgeDistanceScore(null, -600, 600)).toBeNull();
  });
});
