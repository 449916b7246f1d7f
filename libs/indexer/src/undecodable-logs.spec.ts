import { encodeAbiParameters, encodeEventTopics, numberToHex, type Hex } from 'viem';
import { nonfungiblePositionManagerEvents } from '@lib/chain';
import { undecodableLogs, type RpcLog } from './undecodable-logs';

const TX = ('0x' + '55'.repeat(32)) as Hex;
const MANAGER = '0x00000000000000000000000000000000000000A1';

function increaseLog(logIndex: number, data: Hex): RpcLog {
  const topics = encodeEventTopics({ abi: nonfungiblePositionManagerEvents, eventName: 'IncreaseLiquidity', args: { tokenId: 1n } }) as Hex[];
  return { address: MANAGER, topics, data, blockNumber: numberToHex(10), transactionHash: TX, logIndex: numberToHex(logIndex) };
}

describe('undecodableLogs', () => {
  const good = increaseLog(0, encodeAbiParameters([{ type: 'uint128' }, { type: 'uint256' }, { type: 'uint256' }], [1n, 2n, 3n]));
  const truncated = increaseLog(1, '0x1234');

  it("reports raw logs missing from the decoded ones, with the decoder's reason", () => {
    const skipped = undecodableLogs([good, truncated], [{ transactionHash: TX, logIndex: 0 }], nonfungiblePositionManagerEvents);
    expect(skipped).toHaveLength(1);
    expect(skipped[0]).toMatchObject({ id: `${TX}:1`, address: MANAGER.toLowerCase(), blockNumber: 10, eventName: null });
    expect(skipped[0].reason).toMatch(/^cannot decode: /);
  });

  it('reports nothing when every raw log was decoded, and ignores removed (reorged) logs', () => {
    expect(undecodableLogs([good, { ...truncated, removed: true }], [{ transactionHash: TX, logIndex: 0 }], nonfungiblePositionManagerEvents)).toEqual([]);
  });

  it('names an unknown event signature', () => {
    const other: RpcLog = { ...good, topics: [('0x' + 'ee'.repeat(32)) as Hex], logIndex: numberToHex(7) };
    expect(undecodableLogs([other], [], nonfungiblePositionManagerEvents)[0].reason).toMatch(/^cannot decode: .*signature/i);
  });
});
