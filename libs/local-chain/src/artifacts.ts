import type { Abi, Hex } from 'viem';

/** A published, already compiled contract: we deploy npm packages' bytecode, never recompile. */
export interface Artifact {
  contractName: string;
  abi: Abi;
  bytecode: Hex;
  deployedBytecode: Hex;
}

interface ArtifactJson {
  contractName?: string;
  abi: Abi;
  bytecode: Hex;
  deployedBytecode: Hex;
}

function load(path: string, contractName: string): Artifact {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a package's JSON by module path, parsed once and kept in Node's module cache
  const json = require(path) as ArtifactJson;
  return { contractName, abi: json.abi, bytecode: json.bytecode, deployedBytecode: json.deployedBytecode };
}

/** Loaded on first use: the JSON files are large and only the scenario needs them. */
export const artifacts = {
  erc20: () => load('@openzeppelin/contracts/build/contracts/ERC20PresetMinterPauser.json', 'ERC20PresetMinterPauser'),
  factory: () => load('@uniswap/v3-core/artifacts/contracts/UniswapV3Factory.sol/UniswapV3Factory.json', 'UniswapV3Factory'),
  pool: () => load('@uniswap/v3-core/artifacts/contracts/UniswapV3Pool.sol/UniswapV3Pool.json', 'UniswapV3Pool'),
  positionManager: () =>
    load('@uniswap/v3-periphery/artifacts/contracts/NonfungiblePositionManager.sol/NonfungiblePositionManager.json', 'NonfungiblePositionManager'),
  swapRouter: () => load('@uniswap/v3-periphery/artifacts/contracts/SwapRouter.sol/SwapRouter.json', 'SwapRouter'),
} as const;

/** What the periphery (PoolAddress.sol) expects `keccak256(pool creation code)` to be; the router finds pools with it. */
export const PERIPHERY_POOL_INIT_CODE_HASH: Hex = '0xe34f199b19b2b4f47f68442619d555527d244f78a3297ea89325f843f87b8b54';
