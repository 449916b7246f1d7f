import { anvil, flare } from 'viem/chains';
import { chainById } from './chains';
import { multicallBatchFor } from './client';

describe('multicallBatchFor', () => {
  it("uses Flare's Multicall3 and goes deployless where none is known", () => {
    expect(multicallBatchFor(flare).deployless).toBe(false);
    expect(multicallBatchFor(anvil).deployless).toBe(true);
    expect(multicallBatchFor(undefined).deployless).toBe(true);
  });

  it("knows the project's chains by id", () => {
    expect(chainById(14)?.contracts?.multicall3?.address).toBe('0xcA11bde05977b3631167028862bE2a173976CA11');
    expect(chainById(31337)?.id).toBe(31337);
    expect(chainById(1)).toBeUndefined();
  });
});
