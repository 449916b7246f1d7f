import { parseAbi } from 'viem';

export const uniswapV3FactoryEvents = parseAbi([
  'event PoolCreated(address indexed token0, address indexed token1, uint24 indexed fee, int24 tickSpacing, address pool)',
]);

/** Uniswap V3 factory. Pools are found with `getPool`, never by computing the address: forks differ in init code hash. */
export const uniswapV3FactoryAbi = [
  ...parseAbi([
    'function getPool(address tokenA, address tokenB, uint24 fee) view returns (address pool)',
    'function feeAmountTickSpacing(uint24 fee) view returns (int24)',
    'function owner() view returns (address)',
    'function createPool(address tokenA, address tokenB, uint24 fee) returns (address pool)',
  ]),
  ...uniswapV3FactoryEvents,
] as const;
