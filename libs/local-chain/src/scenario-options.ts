/** The size and seed of a generated history. Same options → same chain, block for block. */
export interface ScenarioOptions {
  /** Positions minted in total, one large full-range position per pool included. */
  positions: number;
  swaps: number;
  /** Chain time the activity spans. */
  days: number;
  seed: number;
  /** Most actions per block (a burn in the block of its own mint counts as one). */
  perBlock: number;
  /** Increases, decreases, collects, transfers and burns of existing positions; default 2·positions + swaps/10. */
  lpActions?: number;
}

export const DEFAULT_SCENARIO: Readonly<ScenarioOptions> = { positions: 40, swaps: 400, days: 3, seed: 1, perBlock: 6 };

/** At most 5M gas per action (a swap crossing many ticks) must fit the 3G block gas limit. */
export const MAX_PER_BLOCK = 500;

export function resolveScenarioOptions(options: Partial<ScenarioOptions>, poolCount: number): Required<ScenarioOptions> {
  // An option given as `undefined` (an absent flag) keeps its default.
  const pick = <K extends keyof ScenarioOptions>(key: K): ScenarioOptions[K] => options[key] ?? DEFAULT_SCENARIO[key];
  const o: ScenarioOptions = {
    positions: pick('positions'),
    swaps: pick('swaps'),
    days: pick('days'),
    seed: pick('seed'),
    perBlock: pick('perBlock'),
    lpActions: options.lpActions,
  };
  const positiveInt = (name: string, value: number, min = 1) => {
    if (!Number.isInteger(value) || value < min) throw new RangeError(`${name} must be an integer >= ${min}, got ${value}`);
  };
  positiveInt('positions', o.positions, poolCount + 1);
  positiveInt('swaps', o.swaps, 0);
  positiveInt('perBlock', o.perBlock);
  if (o.perBlock > MAX_PER_BLOCK) throw new RangeError(`perBlock must be <= ${MAX_PER_BLOCK}`);
  positiveInt('seed', o.seed, 0);
  if (!(o.days > 0)) throw new RangeError(`days must be positive, got ${o.days}`);
  const lpActions = o.lpActions ?? 2 * o.positions + Math.floor(o.swaps / 10);
  positiveInt('lpActions', lpActions, 0);
  return { ...o, lpActions };
}
