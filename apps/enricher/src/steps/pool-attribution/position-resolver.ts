import { decodeEventLog, getAddress, TransactionReceiptNotFoundError, type Address, type Hex, type TransactionReceipt } from 'viem';
import {
  memoize,
  nonfungiblePositionManagerAbi,
  readChain,
  uniswapV3FactoryAbi,
  uniswapV3PoolAbi,
  uniswapV3PoolEvents,
  flareDexByPositionManager,
  type ChainClient,
} from '@lib/chain';
import type { PositionEventRecord } from '@lib/kafka';
import type { AttributedPosition } from './attributed-position';

export class UnattributableError extends Error {}

const ZERO = '0x0000000000000000000000000000000000000000';

/**
 * Finds a position's pool from the chain, as of the event: the manager is the address
 * that emitted the event's log; `positions(tokenId)` at the event's block (the block
 * before, for a burn) gives tokens, fee and ticks, and the manager's factory `getPool`
 * the pool. A position minted and burned within one block never shows in `positions`
 * at a block boundary; then the pool's Mint log in the minting transaction tells.
 * Every answer is immutable, so receipts, factories and pool tokens are cached.
 */
export class PositionResolver {
  readonly receipt = memoize(
    // A receipt the node does not have (TransactionReceiptNotFoundError) is of no RPC kind and comes through as it is.
    (hash: string) => readChain(`the receipt of ${hash}`, () => this.client.getTransactionReceipt({ hash: hash as Hex })),
    (h) => h,
    { maxEntries: 20_000, name: 'receipt' },
  );
  private readonly factoryOf = memoize(
    (manager: string) =>
      readChain(`factory() of ${manager}`, () =>
        this.client.readContract({ address: manager as Address, abi: nonfungiblePositionManagerAbi, functionName: 'factory' }),
      ),
    (m) => m,
    { name: 'manager-factory' },
  );
  private readonly poolOf = memoize(
    (factory: string, token0: string, token1: string, fee: number) =>
      readChain(`getPool(${token0}, ${token1}, ${fee}) of ${factory}`, () =>
        this.client.readContract({
          address: factory as Address,
          abi: uniswapV3FactoryAbi,
          functionName: 'getPool',
          args: [token0 as Address, token1 as Address, fee],
        }),
      ),
    (f, a, b, fee) => `${f}:${a}:${b}:${fee}`,
    { name: 'factory-pool' },
  );
  private readonly poolTokens = memoize(
    async (pool: string) => {
      const [token0, token1, fee] = await readChain(`token0, token1 and fee of pool ${pool}`, () =>
        Promise.all([
          this.client.readContract({ address: pool as Address, abi: uniswapV3PoolAbi, functionName: 'token0' }),
          this.client.readContract({ address: pool as Address, abi: uniswapV3PoolAbi, functionName: 'token1' }),
          this.client.readContract({ address: pool as Address, abi: uniswapV3PoolAbi, functionName: 'fee' }),
        ]),
      );
      return { token0, token1, fee: Number(fee) };
    },
    (p) => p,
    { name: 'pool-tokens' },
  );
  /** Calls made to the chain, for metrics and the bench's "RPC calls per event". */
  rpcCalls = 0;

  constructor(
    private readonly client: ChainClient,
    /** DEX names of the managers we index (the local chain's, or Flare's). */
    private readonly dexNames: ReadonlyMap<string, string> = new Map(),
  ) {}

  /** The address that emitted the event's log, from the transaction receipt (cached per transaction). */
  async emittingManager(e: PositionEventRecord): Promise<string> {
    const receipt = await this.countedReceipt(e);
    const log = receipt.logs.find((l) => l.logIndex === e.logIndex);
    if (!log) throw new UnattributableError(`transaction ${e.txHash} has no log ${e.logIndex}`);
    return log.address.toLowerCase();
  }

  dexOf(manager: string, fromMetadata?: string): string {
    return fromMetadata ?? this.dexNames.get(manager.toLowerCase()) ?? flareDexByPositionManager(manager)?.id ?? 'unknown';
  }

  async resolve(e: PositionEventRecord, manager: string, dex: string): Promise<AttributedPosition> {
    const tokenId = BigInt(e.tokenId);
    // A burn's block no longer holds the position; the block before still does.
    const blocks = e.eventType === 'BURN' ? [e.blockNumber - 1] : [e.blockNumber, e.blockNumber - 1];
    for (const block of blocks) {
      if (block < 0) continue;
      const p = await this.positionsAt(manager, tokenId, block);
      if (!p) continue;
      const factory = await this.factoryOf(manager);
      const pool = await this.poolOf(factory, p.token0, p.token1, p.fee);
      if (pool === ZERO) throw new UnattributableError(`factory ${factory} has no pool for ${p.token0}/${p.token1}/${p.fee}`);
      return {
        positionManager: manager,
        tokenId: e.tokenId,
        dex,
        pool: pool.toLowerCase(),
        token0: p.token0.toLowerCase(),
        token1: p.token1.toLowerCase(),
        fee: p.fee,
        tickLower: p.tickLower,
        tickUpper: p.tickUpper,
        source: 'positions',
      };
    }
    return this.fromMintLog(e, manager, dex);
  }

  private async positionsAt(manager: string, tokenId: bigint, block: number) {
    this.rpcCalls++;
    // Only a revert with revert data ("Invalid token ID": no such position at that block) or a call that answered no
    // data (the manager is no contract there) means absent (rpc-error-class.ts). A node's failure (−32603, a missing
    // header, 429, a timeout) is thrown for the runtime to retry; pruned state as "archive RPC required for …".
    const r = await readChain(
      `positions(${tokenId}) of ${manager} at block ${block}`,
      () =>
        this.client.readContract({
          address: manager as Address,
          abi: nonfungiblePositionManagerAbi,
          functionName: 'positions',
          args: [tokenId],
          blockNumber: BigInt(block),
        }),
      () => undefined,
    );
    return r && { token0: r[2], token1: r[3], fee: Number(r[4]), tickLower: Number(r[5]), tickUpper: Number(r[6]) };
  }

  /** The pool Mint log the manager caused in the event's transaction, nearest before the event's log. */
  private async fromMintLog(e: PositionEventRecord, manager: string, dex: string): Promise<AttributedPosition> {
    if (e.eventType !== 'MINT' && e.eventType !== 'INCREASE') {
      throw new UnattributableError(
        `position ${manager}:${e.tokenId} is not in positions() at block ${e.blockNumber} or the block before, and a ${e.eventType} has no pool Mint log`,
      );
    }
    const receipt = await this.countedReceipt(e);
    const mint = mintLogBefore(receipt, e.logIndex, manager);
    if (!mint) throw new UnattributableError(`no pool Mint log by ${manager} before log ${e.logIndex} in ${e.txHash}`);
    this.rpcCalls++;
    const tokens = await this.poolTokens(mint.pool);
    const factory = await this.factoryOf(manager);
    const expected = await this.poolOf(factory, tokens.token0, tokens.token1, tokens.fee);
    if (expected.toLowerCase() !== mint.pool) throw new UnattributableError(`Mint log's pool ${mint.pool} is not the factory's pool ${expected}`);
    return {
      positionManager: manager,
      tokenId: e.tokenId,
      dex,
      pool: mint.pool,
      token0: tokens.token0.toLowerCase(),
      token1: tokens.token1.toLowerCase(),
      fee: tokens.fee,
      tickLower: mint.tickLower,
      tickUpper: mint.tickUpper,
      source: 'mint-log',
    };
  }

  /** The event's transaction receipt; a transaction the chain does not have, though it is past the event's block, cannot be attributed. */
  private async countedReceipt(e: PositionEventRecord): Promise<TransactionReceipt> {
    if (!this.receipt.cache.has(e.txHash)) this.rpcCalls++;
    try {
      return await this.receipt(e.txHash);
    } catch (err) {
      if (!(err instanceof TransactionReceiptNotFoundError)) throw err;
      this.rpcCalls++;
      const head = await this.client.getBlockNumber();
      // A node not yet at the event's block may just be behind: retried, not rejected.
      if (head < BigInt(e.blockNumber)) throw err;
      throw new UnattributableError(`transaction ${e.txHash} is not on the chain (its block ${e.blockNumber}, chain head ${head})`);
    }
  }
}

export function mintLogBefore(
  receipt: TransactionReceipt,
  logIndex: number,
  manager: string,
): { pool: string; tickLower: number; tickUpper: number } | undefined {
  const owner = getAddress(manager);
  let found: { pool: string; tickLower: number; tickUpper: number } | undefined;
  for (const log of receipt.logs) {
    if (log.logIndex >= logIndex) break;
    try {
      const ev = decodeEventLog({ abi: uniswapV3PoolEvents, data: log.data, topics: log.topics });
      if (ev.eventName === 'Mint' && getAddress(ev.args.owner) === owner) {
        found = { pool: log.address.toLowerCase(), tickLower: Number(ev.args.tickLower), tickUpper: Number(ev.args.tickUpper) };
      }
    } catch {
      // not a pool event
    }
  }
  return found;
}
