import {
  createClient,
  formatTransactionReceipt,
  getAddress,
  http,
  numberToHex,
  rpcSchema,
  type Address,
  type BlockTag,
  type Client,
  type Hash,
  type Hex,
  type HttpTransport,
  type Log,
  type RpcTransactionReceipt,
  type TransactionReceipt,
} from 'viem';

/** The JSON-RPC methods the scenario sends to Anvil (dev accounts are unlocked, so it signs). */
type LocalChainRpcSchema = [
  {
    Method: 'eth_sendTransaction';
    Parameters: [{ from: Address; to?: Address; data: Hex; gas: Hex; gasPrice: Hex; nonce: Hex }];
    ReturnType: Hash;
  },
  { Method: 'eth_getTransactionCount'; Parameters: [Address, BlockTag]; ReturnType: Hex },
  { Method: 'eth_getBlockReceipts'; Parameters: [BlockTag | Hex]; ReturnType: RpcTransactionReceipt[] | null },
  { Method: 'eth_blockNumber'; Parameters?: undefined; ReturnType: Hex },
  { Method: 'eth_accounts'; Parameters?: undefined; ReturnType: Address[] },
  { Method: 'evm_setAutomine'; Parameters: [boolean]; ReturnType: unknown },
  { Method: 'evm_mine'; Parameters: [timestamp: number]; ReturnType: unknown },
];

type LocalChainClient = Client<HttpTransport, undefined, undefined, LocalChainRpcSchema>;

/** One transaction to include, with explicit gas (no estimation: txs in a block see each other's effects). */
export interface ChainTx {
  from: Address;
  /** Absent for a contract creation. */
  to?: Address;
  data: Hex;
  gas: bigint;
}

export interface MinedBlock {
  number: bigint;
  timestamp: number;
  receipts: TransactionReceipt[];
  /** All logs of the block, in order. */
  logs: Log[];
}

/** Above Anvil's base fee (1 gwei at genesis, falling in blocks below the gas target). */
const BASE_GAS_PRICE = 2_000_000_000n;

/**
 * Mines blocks of chosen transactions with chosen timestamps: automine off, the block's txs in one
 * JSON-RPC batch, then `evm_mine(timestamp)`. Gas prices fall strictly in send order, and Anvil
 * orders its pool by fee, so the order inside a block is the send order: the same inputs give the
 * same chain, block for block and log for log.
 */
export class BlockSender {
  private readonly nonces = new Map<Address, number>();
  txCount = 0;

  private constructor(
    private readonly client: LocalChainClient,
    readonly blockGasLimit: bigint,
  ) {}

  static async connect(rpcUrl: string, blockGasLimit: bigint): Promise<BlockSender> {
    const client = createClient({
      transport: http(rpcUrl, { batch: { batchSize: 5_000, wait: 0 }, retryCount: 0, timeout: 300_000, maxResponseBodySize: 512 * 2 ** 20 }),
      rpcSchema: rpcSchema<LocalChainRpcSchema>(),
    });
    await client.request({ method: 'evm_setAutomine', params: [false] });
    return new BlockSender(client, blockGasLimit);
  }

  async accounts(): Promise<Address[]> {
    // Checksummed, like the addresses viem decodes from logs: compared with them as strings.
    return (await this.client.request({ method: 'eth_accounts' })).map((account) => getAddress(account));
  }

  /** Back to mining each transaction on arrival, for whoever uses the chain next. */
  async close(): Promise<void> {
    await this.client.request({ method: 'evm_setAutomine', params: [true] });
  }

  private async loadNonces(senders: Address[]): Promise<void> {
    const unknown = [...new Set(senders)].filter((sender) => !this.nonces.has(sender));
    const counts = await Promise.all(unknown.map((sender) => this.client.request({ method: 'eth_getTransactionCount', params: [sender, 'latest'] })));
    unknown.forEach((sender, i) => this.nonces.set(sender, Number(counts[i])));
  }

  async mineBlock(txs: readonly ChainTx[], timestamp: number): Promise<MinedBlock> {
    const gas = txs.reduce((sum, tx) => sum + tx.gas, 0n);
    if (gas > this.blockGasLimit) throw new Error(`block of ${txs.length} txs needs ${gas} gas, over the block limit ${this.blockGasLimit}`);
    await this.loadNonces(txs.map((tx) => tx.from));
    const requests = txs.map((tx, i) => {
      const nonce = this.nonces.get(tx.from)!;
      this.nonces.set(tx.from, nonce + 1);
      const params = {
        from: tx.from,
        ...(tx.to ? { to: tx.to } : {}),
        data: tx.data,
        gas: numberToHex(tx.gas),
        gasPrice: numberToHex(BASE_GAS_PRICE + BigInt(txs.length - i)),
        nonce: numberToHex(nonce),
      };
      return this.client.request({ method: 'eth_sendTransaction', params: [params] });
    });
    const settled = await Promise.allSettled(requests);
    const failed = settled.findIndex((result) => result.status === 'rejected');
    if (failed >= 0) {
      const reason = (settled[failed] as PromiseRejectedResult).reason as Error;
      throw new Error(`sending tx #${failed} of the block (from ${txs[failed].from}) failed: ${reason.message}`);
    }
    const hashes = settled.map((result) => (result as PromiseFulfilledResult<Hash>).value);
    await this.client.request({ method: 'evm_mine', params: [timestamp] });
    this.txCount += txs.length;
    return this.readBlock(hashes, timestamp);
  }

  private async readBlock(hashes: Hash[], timestamp: number): Promise<MinedBlock> {
    const raw = (await this.client.request({ method: 'eth_getBlockReceipts', params: ['latest'] })) ?? [];
    const receipts = raw.map((receipt) => formatTransactionReceipt(receipt));
    if (receipts.length !== hashes.length) throw new Error(`mined ${receipts.length} of ${hashes.length} transactions sent for the block`);
    receipts.forEach((receipt, i) => {
      if (receipt.transactionHash !== hashes[i]) throw new Error(`in-block order differs from send order at #${i}`);
      if (receipt.status !== 'success') throw new Error(`tx ${receipt.transactionHash} reverted in block ${receipt.blockNumber}`);
    });
    const number = receipts[0]?.blockNumber ?? BigInt(await this.client.request({ method: 'eth_blockNumber' }));
    return { number, timestamp, receipts, logs: receipts.flatMap((receipt) => receipt.logs) };
  }
}
