import type { Rng } from './rng';
import type { ScenarioOptions } from './scenario-options';

/**
 * The skeleton of the activity, decided before any transaction: which kind of action comes when
 * and which block carries it at what time. Details (which pool, position, amount) are drawn while
 * executing, from chain state that is itself reproducible.
 */
export type ActionKind = 'bootstrap' | 'mint' | 'mint-and-burn' | 'lp' | 'swap';

export interface PlannedBlock {
  timestamp: number;
  actions: ActionKind[];
}

export interface ActivityPlan {
  blocks: PlannedBlock[];
  counts: Record<ActionKind, number>;
}

/** Mints open a position in a block and burn it in the same block: at least one, about one per 50 positions. */
export function mintAndBurnCount(positions: number, poolCount: number): number {
  return Math.max(1, Math.min(Math.floor(positions / 50), positions - poolCount - 1));
}

/** Splits `[start, start + span)` into `blocks` strictly increasing whole-second timestamps, jittered. */
export function spreadTimestamps(start: number, span: number, blocks: number, rng: Rng): number[] {
  const step = span / Math.max(1, blocks);
  const out: number[] = [];
  let previous = start - 1;
  for (let i = 0; i < blocks; i++) {
    const t = Math.max(previous + 1, Math.floor(start + (i + rng.next() * 0.9) * step));
    out.push(t);
    previous = t;
  }
  return out;
}

export function planActivity(options: Required<ScenarioOptions>, poolCount: number, activityStart: number, rng: Rng): ActivityPlan {
  const flash = mintAndBurnCount(options.positions, poolCount);
  const mints = options.positions - poolCount - flash;
  // Each action gets a moment in [0, 1); mints lean early so later actions find positions to act on.
  const timed: { at: number; kind: ActionKind }[] = [
    ...Array.from({ length: mints }, () => ({ at: rng.next() ** 1.6, kind: 'mint' as const })),
    ...Array.from({ length: flash }, () => ({ at: 0.2 + 0.7 * rng.next(), kind: 'mint-and-burn' as const })),
    ...Array.from({ length: options.lpActions }, () => ({ at: 0.05 + 0.95 * rng.next(), kind: 'lp' as const })),
    ...Array.from({ length: options.swaps }, () => ({ at: rng.next(), kind: 'swap' as const })),
  ];
  timed.sort((x, y) => x.at - y.at);

  const sequence: ActionKind[][] = [];
  // Pools are seeded with their full-range position before anything else happens.
  for (let i = 0; i < poolCount; i += options.perBlock) sequence.push(Array.from({ length: Math.min(options.perBlock, poolCount - i) }, () => 'bootstrap'));
  const minPerBlock = Math.max(1, Math.ceil(options.perBlock / 2));
  for (let i = 0; i < timed.length;) {
    const size = rng.int(minPerBlock, options.perBlock);
    sequence.push(timed.slice(i, i + size).map((t) => t.kind));
    i += size;
  }

  const span = Math.round(options.days * 86_400);
  const timestamps = spreadTimestamps(activityStart, span, sequence.length, rng);
  const counts: Record<ActionKind, number> = { bootstrap: poolCount, mint: mints, 'mint-and-burn': flash, lp: options.lpActions, swap: options.swaps };
  return { blocks: sequence.map((actions, i) => ({ timestamp: timestamps[i], actions })), counts };
}
