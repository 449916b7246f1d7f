import { growBlockWindow, initialBlockWindow, nextBlockRange, shrinkBlockWindow, type BlockWindow } from './block-window';

const tuning = { growAfter: 2, forgetAfter: 10 };

describe('block window', () => {
  it('refuses a window below one block', () => {
    expect(() => initialBlockWindow(0)).toThrow(RangeError);
  });

  it('halves on range errors down to one block', () => {
    let w = initialBlockWindow(8);
    const sizes: number[] = [];
    for (let i = 0; i < 5; i++) {
      w = shrinkBlockWindow(w, w.size);
      sizes.push(w.size);
    }
    expect(sizes).toEqual([4, 2, 1, 1, 1]);
  });

  it('jumps to the limit the RPC names', () => {
    const w = shrinkBlockWindow(initialBlockWindow(5000), 5000, 30);
    expect(w.size).toBe(30);
    expect(w.ceiling).toBe(30);
  });

  it('grows back by doubling after a run of successes, never above the failed size', () => {
    let w: BlockWindow = shrinkBlockWindow(initialBlockWindow(100), 100); // failed at 100 -> 50, ceiling 99
    w = shrinkBlockWindow(w, 50); // failed at 50 -> 25, ceiling 49
    const sizes: number[] = [];
    for (let i = 0; i < 6; i++) {
      w = growBlockWindow(w, tuning);
      sizes.push(w.size);
    }
    expect(sizes).toEqual([25, 49, 49, 49, 49, 49]);
  });

  it('forgets an old failure and reaches the configured window again', () => {
    let w = shrinkBlockWindow(initialBlockWindow(100), 100, 30);
    for (let i = 0; i < 20; i++) w = growBlockWindow(w, tuning);
    expect(w.size).toBe(100);
  });

  it('clips the range to the end block', () => {
    const w = initialBlockWindow(10);
    expect(nextBlockRange(5n, 100n, w)).toEqual({ fromBlock: 5n, toBlock: 14n });
    expect(nextBlockRange(95n, 100n, w)).toEqual({ fromBlock: 95n, toBlock: 100n });
  });
});
