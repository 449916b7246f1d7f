/**
 * The size of the next `eth_getLogs` block range, as a small state machine: halve on a range
 * error (or jump to the limit the RPC names), grow back by doubling only after a run of successes,
 * never above the smallest size known to fail until that failure is old.
 */
export interface BlockWindow {
  /** Blocks in the next request (>= 1). */
  size: number;
  /** The configured window: the most ever requested. */
  max: number;
  /** Largest size not known to fail (a failed size minus one). */
  ceiling: number;
  /** Successes since the last change of size. */
  streak: number;
  /** Successes since the last range error; the ceiling is forgotten after `forgetAfter`. */
  sinceFailure: number;
}

export interface BlockWindowTuning {
  /** Successes at one size before doubling. */
  growAfter: number;
  /** Successes after a range error before sizes above the failed one are tried again. */
  forgetAfter: number;
}

export const DEFAULT_WINDOW_TUNING: BlockWindowTuning = { growAfter: 4, forgetAfter: 200 };

export function initialBlockWindow(max: number): BlockWindow {
  if (!Number.isInteger(max) || max < 1) throw new RangeError(`block window must be a positive integer, got ${max}`);
  return { size: max, max, ceiling: max, streak: 0, sinceFailure: 0 };
}

/** After a range error for a request of `requested` blocks; `hint` is the limit the RPC stated, if any. */
export function shrinkBlockWindow(window: BlockWindow, requested: number, hint?: number): BlockWindow {
  const ceiling = Math.max(1, Math.min(window.ceiling, requested - 1, hint ?? Infinity));
  const halved = Math.max(1, Math.floor(requested / 2));
  const size = hint !== undefined && hint < requested ? Math.max(1, Math.min(hint, window.max)) : Math.min(halved, ceiling);
  return { ...window, size, ceiling, streak: 0, sinceFailure: 0 };
}

/** After a successful request. */
export function growBlockWindow(window: BlockWindow, tuning: BlockWindowTuning = DEFAULT_WINDOW_TUNING): BlockWindow {
  const sinceFailure = window.sinceFailure + 1;
  const ceiling = sinceFailure >= tuning.forgetAfter ? window.max : window.ceiling;
  const streak = window.streak + 1;
  if (streak < tuning.growAfter || window.size >= window.max) return { ...window, ceiling, streak, sinceFailure };
  const size = Math.min(window.max, ceiling, window.size * 2);
  return { ...window, size, ceiling, streak: size === window.size ? streak : 0, sinceFailure };
}

/** The inclusive block range of the next request starting at `from`, clipped to `to`. */
export function nextBlockRange(from: bigint, to: bigint, window: BlockWindow): { fromBlock: bigint; toBlock: bigint } {
  const end = from + BigInt(window.size) - 1n;
  return { fromBlock: from, toBlock: end < to ? end : to };
}
