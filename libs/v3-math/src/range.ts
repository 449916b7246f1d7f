/**
 * Whether a position earns fees at the pool's current tick. Uniswap decides by the tick,
 * not the sqrt price: the lower edge is inclusive and the upper edge exclusive, so at
 * tick === tickUpper the position is out of range and holds only token1.
 */
export function isInRange(tick: number, tickLower: number, tickUpper: number): boolean {
  return tickLower <= tick && tick < tickUpper;
}
