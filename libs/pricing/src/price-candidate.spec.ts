import { ratio } from '@lib/v3-math';
import { deepestCandidate, type PriceCandidate } from './price-candidate';

const candidate = (pool: string, depthUsd: bigint, route: PriceCandidate['route'] = 'stablecoin'): PriceCandidate => ({
  pool,
  route,
  depthUsd: ratio(depthUsd, 3n),
  usdPerToken: ratio(1n),
  via: [pool],
});

describe('deepestCandidate', () => {
  it('picks the largest USD depth, whatever the order given', () => {
    const list = [candidate('0x03', 5n), candidate('0x01', 7n), candidate('0x02', 6n)];
    expect(deepestCandidate(list)?.pool).toBe('0x01');
    expect(deepestCandidate([...list].reverse())?.pool).toBe('0x01');
  });

  it('on equal depth prefers the direct stablecoin route, then the lower pool address', () => {
    expect(deepestCandidate([candidate('0x01', 5n, 'wrapped-native'), candidate('0x09', 5n)])?.pool).toBe('0x09');
    expect(deepestCandidate([candidate('0x0b', 5n), candidate('0x0a', 5n)])?.pool).toBe('0x0a');
  });

  it('is undefined without candidates', () => {
    expect(deepestCandidate([])).toBeUndefined();
  });
});
