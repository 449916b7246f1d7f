import { createClient, custom, encodeAbiParameters, encodeEventTopics, numberToHex, type RpcLog } from 'viem';
import { nonfungiblePositionManagerEvents } from './abi/nonfungible-position-manager';
import { collectLogsWindowed, getLogsWindowed } from './get-logs-windowed';

const MANAGER = '0x00000000000000000000000000000000000000aa';
const increase = nonfungiblePositionManagerEvents[0];

/** One IncreaseLiquidity log per block, as an RPC would return it. */
function fakeLog(block: number): RpcLog {
  return {
    address: MANAGER,
    blockHash: `0x${block.toString(16).padStart(64, '0')}`,
    blockNumber: numberToHex(block),
    data: encodeAbiParameters([{ type: 'uint128' }, { type: 'uint256' }, { type: 'uint256' }], [BigInt(block), 1n, 2n]),
    logIndex: '0x0',
    removed: false,
    topics: encodeEventTopics({ abi: [increase], eventName: 'IncreaseLiquidity', args: { tokenId: BigInt(block) } }) as RpcLog['topics'],
    transactionHash: `0x${(block + 1).toString(16).padStart(64, '0')}`,
    transactionIndex: '0x0',
  };
}

/** An RPC like Flare's public one: at most `limit` blocks per eth_getLogs; `failures` scripted errors first. */
function fakeRpc(limit: number, failures: { code: number; message: string }[] = []) {
  const ranges: [number, number][] = [];
  const client = createClient({
    transport: custom({
      async request({ method, params }: { method: string; params: [{ fromBlock: string; toBlock: string }] }) {
        if (method !== 'eth_getLogs') throw new Error(`unexpected ${method}`);
        const from = Number(params[0].fromBlock);
        const to = Number(params[0].toBlock);
        ranges.push([from, to]);
        const failure = failures.shift();
        if (failure) throw failure;
        if (to - from + 1 > limit) throw { code: -32000, message: `requested too many blocks from ${from} to ${to}, maximum is set to ${limit}` };
        return Array.from({ length: to - from + 1 }, (_, i) => fakeLog(from + i));
      },
    }),
  });
  return { client, ranges };
}

const noSleep = { sleep: async () => undefined };

describe('getLogsWindowed', () => {
  it('jumps to the limit the RPC names and covers every block once, in order', async () => {
    const { client, ranges } = fakeRpc(30);
    const pages: [bigint, bigint][] = [];
    const logs = await collectLogsWindowed({
      client,
      address: MANAGER,
      events: nonfungiblePositionManagerEvents,
      fromBlock: 0n,
      toBlock: 99n,
      window: 5000,
      retry: noSleep,
      onWindow: (page) => void pages.push([page.fromBlock, page.toBlock]),
    });
    expect(logs.map((log) => Number(log.blockNumber))).toEqual(Array.from({ length: 100 }, (_, i) => i));
    expect(logs[5]).toMatchObject({ eventName: 'IncreaseLiquidity', args: { tokenId: 5n, liquidity: 5n } });
    expect(ranges[0]).toEqual([0, 99]);
    expect(ranges[1]).toEqual([0, 29]);
    expect(pages.every(([from, to]) => to - from + 1n <= 30n)).toBe(true);
    expect(pages.map(([from]) => from)).toEqual([0n, 30n, 60n, 90n]);
  });

  it('halves without a hint, down to single blocks', async () => {
    const { client } = fakeRpc(1, [{ code: -32005, message: 'query returned more than 10000 results' }]);
    const notices: number[] = [];
    const logs = await collectLogsWindowed({
      client,
      address: MANAGER,
      events: nonfungiblePositionManagerEvents,
      fromBlock: 10n,
      toBlock: 17n,
      window: 8,
      retry: noSleep,
      onRangeError: (notice) => notices.push(notice.nextSize),
    });
    expect(logs).toHaveLength(8);
    expect(notices.slice(0, 2)).toEqual([4, 1]);
  });

  it('retries a rate limit with the same range instead of shrinking', async () => {
    const { client, ranges } = fakeRpc(100, [{ code: 429, message: 'Too many requests' }]);
    const logs = await collectLogsWindowed({
      client,
      address: MANAGER,
      events: nonfungiblePositionManagerEvents,
      fromBlock: 0n,
      toBlock: 9n,
      window: 10,
      retry: noSleep,
    });
    expect(logs).toHaveLength(10);
    expect(ranges).toEqual([
      [0, 9],
      [0, 9],
    ]);
  });

  it('gives up on a permanent error, and on a range error at one block', async () => {
    const permanent = fakeRpc(100, [{ code: -32602, message: 'invalid argument' }]);
    await expect(
      collectLogsWindowed({ client: permanent.client, events: nonfungiblePositionManagerEvents, fromBlock: 0n, toBlock: 9n, window: 10, retry: noSleep }),
    ).rejects.toThrow(/invalid argument/);
    const single = fakeRpc(0);
    await expect(
      collectLogsWindowed({ client: single.client, events: nonfungiblePositionManagerEvents, fromBlock: 5n, toBlock: 5n, window: 10, retry: noSleep }),
    ).rejects.toThrow(/too many blocks/);
  });

  it('asks nothing for an empty address list or an empty range', async () => {
    const { client, ranges } = fakeRpc(100);
    const pages = [];
    for await (const page of getLogsWindowed({ client, address: [], events: nonfungiblePositionManagerEvents, fromBlock: 0n, toBlock: 9n, window: 10 }))
      pages.push(page);
    for await (const page of getLogsWindowed({ client, events: nonfungiblePositionManagerEvents, fromBlock: 9n, toBlock: 0n, window: 10 })) pages.push(page);
    expect(pages).toHaveLength(0);
    expect(ranges).toHaveLength(0);
  });
});
