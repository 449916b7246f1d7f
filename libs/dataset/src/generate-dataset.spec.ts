import { createHash } from 'node:crypto';
import { TickListDataProvider, v3Swap } from '@uniswap/v3-sdk';
import JSBI from 'jsbi';
import type { PoolEventRow, PositionEventRow } from '@lib/indexer';
import { getAmount0Delta, getAmount1Delta, getSqrtRatioAtTick, getTickAtSqrtRatio } from '@lib/v3-math';
import { copyTextLine } from './copy-text';
import { datasetOptions } from './dataset-options';
import { TABLE_NAMES, datasetTable, type DatasetTableName, type PositionRegistryRow } from './dataset-tables';
import { generateDataset, type GeneratedDataset } from './generate-dataset';

class MemorySink {
  readonly rows = new Map<DatasetTableName, object[]>(TABLE_NAMES.map((t) => [t, []]));
  write(table: DatasetTableName, row: object): void {
    this.rows.get(table)!.push(row);
  }
  checksums(): Record<string, string> {
    return Object.fromEntries(
      [...this.rows].map(([table, rows]) => {
        const hash = createHash('sha256');
        for (const row of rows) hash.update(copyTextLine(row, datasetTable(table).columns));
        return [table, hash.digest('hex')];
      }),
    );
  }
}

const OPTIONS = datasetOptions({ events: 3000, seed: 5 });
const toJsbi = (x: bigint) => JSBI.BigInt(x.toString());
const fromJsbi = (x: JSBI) => BigInt(x.toString());
const chainOrder = (a: { blockNumber: number; logIndex: number }, b: { blockNumber: number; logIndex: number }) =>
  a.blockNumber - b.blockNumber || a.logIndex - b.logIndex;

describe('generateDataset', () => {
  const sink = new MemorySink();
  let generated: GeneratedDataset;
  let poolEvents: PoolEventRow[];
  let positionEvents: PositionEventRow[];
  let registry: Map<string, PositionRegistryRow>;

  beforeAll(() => {
    generated = generateDataset(OPTIONS, sink);
    poolEvents = sink.rows.get('PoolEvent') as PoolEventRow[];
    positionEvents = sink.rows.get('PositionEvent') as PositionEventRow[];
    registry = new Map((sink.rows.get('position_registry') as PositionRegistryRow[]).map((r) => [`${r.position_manager}:${r.token_id}`, r]));
  });

  it('gives byte-identical rows for the same options, and other rows for another seed', () => {
    const again = new MemorySink();
    generateDataset(OPTIONS, again);
    expect(again.checksums()).toEqual(sink.checksums());
    const other = new MemorySink();
    generateDataset({ ...OPTIONS, seed: 6 }, other);
    expect(other.checksums().PositionEvent).not.toBe(sink.checksums().PositionEvent);
  });

  it('has the position events asked for, every kind of action, and their pool events', () => {
    const { rows, actions } = generated.summary;
    expect(positionEvents.length).toBe(rows.PositionEvent);
    expect(rows.PositionEvent).toBeGreaterThanOrEqual(OPTIONS.events);
    expect(rows.PositionEvent).toBeLessThan(OPTIONS.events + 3); // stops after the transaction that reaches it
    for (const kind of Object.keys(actions) as (keyof typeof actions)[]) expect(actions[kind]).toBeGreaterThan(0);
    expect(new Set(positionEvents.map((e) => e.eventType))).toEqual(new Set(['MINT', 'INCREASE', 'DECREASE', 'COLLECT', 'BURN']));
    expect(new Set(poolEvents.map((e) => e.eventName))).toEqual(new Set(['Initialize', 'Mint', 'Burn', 'Collect', 'Swap']));
    expect(actions.swaps / rows.PositionEvent).toBeGreaterThan(0.35);
    expect(actions.swaps / rows.PositionEvent).toBeLessThan(0.65);
    expect(sink.rows.get('Pool')).toHaveLength(11);
    expect(sink.rows.get('PoolIncentive')).toHaveLength(6);
    expect(sink.rows.get('rflr_allocation')!.length).toBeGreaterThan(0);
  });

  it('writes rows as the indexer does: unique ids in chain order, pool unknown, the manager in metadata, every position registered', () => {
    expect(new Set(positionEvents.map((e) => e.id)).size).toBe(positionEvents.length);
    expect(new Set(poolEvents.map((e) => e.id)).size).toBe(poolEvents.length);
    const dexByManager = new Map(generated.universe.dexes.map((d) => [d.positionManager, d.id]));
    const misfits = positionEvents.filter(
      (e) =>
        e.id !== `${e.txHash}:${e.logIndex}` ||
        e.pool !== 'unknown' ||
        dexByManager.get(e.metadata.positionManager) !== e.metadata.dex ||
        !registry.has(`${e.metadata.positionManager}:${e.tokenId}`),
    );
    expect(misfits).toEqual([]);
    // Chain order: blocks ascend, and one block has one timestamp.
    for (const rows of [positionEvents, poolEvents]) {
      const outOfOrder = rows.filter(
        (b, i) =>
          i > 0 && !(rows[i - 1]!.blockNumber < b.blockNumber || (rows[i - 1]!.blockNumber === b.blockNumber && rows[i - 1]!.timestamp === b.timestamp)),
      );
      expect(outOfOrder).toEqual([]);
    }
  });

  it('logs every price with its tick (TickMath), as the pool does', () => {
    const priced = poolEvents.filter((e) => e.eventName === 'Swap' || e.eventName === 'Initialize');
    expect(priced.length).toBeGreaterThan(1000);
    const misfits = priced.filter((e) => {
      const sqrt = BigInt(e.sqrtPriceX96!);
      const tick = getTickAtSqrtRatio(sqrt);
      // A swap down that ends exactly on an initialized tick leaves the pool one tick below it.
      return !(e.tick === tick || (e.tick === tick - 1 && getSqrtRatioAtTick(tick) === sqrt));
    });
    expect(misfits).toEqual([]);
  });

  it('moves liquidity for exactly the v3 amounts of its range at the pool price as of the event', () => {
    const state = new Map<string, { sqrt: bigint; tick: number }>();
    const events = [...poolEvents.map((e) => ({ kind: 'pool' as const, e })), ...positionEvents.map((e) => ({ kind: 'position' as const, e }))].sort((a, b) =>
      chainOrder(a.e, b.e),
    );
    let checked = 0;
    for (const x of events) {
      if (x.kind === 'pool') {
        if (x.e.eventName === 'Swap' || x.e.eventName === 'Initialize') state.set(x.e.pool, { sqrt: BigInt(x.e.sqrtPriceX96!), tick: x.e.tick! });
        continue;
      }
      const e = x.e;
      if (e.eventType !== 'MINT' && e.eventType !== 'INCREASE' && e.eventType !== 'DECREASE') continue;
      const position = registry.get(`${e.metadata.positionManager}:${e.tokenId}`)!;
      const { sqrt, tick } = state.get(position.pool)!;
      const adds = e.eventType !== 'DECREASE';
      const liquidity = adds ? BigInt(e.liquidityDelta!) : -BigInt(e.liquidityDelta!);
      const [lower, upper] = [getSqrtRatioAtTick(position.tick_lower), getSqrtRatioAtTick(position.tick_upper)];
      const expected =
        tick < position.tick_lower
          ? { amount0: getAmount0Delta(lower, upper, liquidity, adds), amount1: 0n }
          : tick < position.tick_upper
            ? { amount0: getAmount0Delta(sqrt, upper, liquidity, adds), amount1: getAmount1Delta(lower, sqrt, liquidity, adds) }
            : { amount0: 0n, amount1: getAmount1Delta(lower, upper, liquidity, adds) };
      expect({ amount0: BigInt(e.amount0!), amount1: BigInt(e.amount1!) }).toEqual(expected);
      checked++;
    }
    expect(checked).toBeGreaterThan(OPTIONS.events / 2);
  });

  it('moves prices as @uniswap/v3-sdk swaps with the liquidity its Mint and Burn logs put in each tick', async () => {
    const fees = new Map(generated.universe.pools.map((p) => [p.address, { fee: p.fee, spacing: p.tickSpacing }]));
    const ticks = new Map<string, Map<number, { gross: bigint; net: bigint }>>();
    const price = new Map<string, { sqrt: bigint; tick: number }>();
    let swaps = 0;
    for (const e of poolEvents) {
      const pool = e.pool;
      if (e.eventName === 'Initialize') {
        ticks.set(pool, new Map());
        price.set(pool, { sqrt: BigInt(e.sqrtPriceX96!), tick: e.tick! });
      } else if (e.eventName === 'Mint' || e.eventName === 'Burn') {
        const delta = e.eventName === 'Mint' ? BigInt(e.amount!) : -BigInt(e.amount!);
        const book = ticks.get(pool)!;
        for (const [index, sign] of [
          [e.tickLower!, 1n],
          [e.tickUpper!, -1n],
        ] as const) {
          const t = book.get(index) ?? { gross: 0n, net: 0n };
          book.set(index, { gross: t.gross + delta, net: t.net + sign * delta });
        }
      } else if (e.eventName === 'Swap' && swaps < 500) {
        swaps++;
        const { fee, spacing } = fees.get(pool)!;
        const { sqrt, tick } = price.get(pool)!;
        const list = [...ticks.get(pool)!].filter(([, t]) => t.gross > 0n).sort(([a], [b]) => a - b);
        const liquidity = list.reduce((sum, [index, t]) => (index <= tick ? sum + t.net : sum), 0n);
        const zeroForOne = BigInt(e.amount0!) > 0n;
        const amountIn = zeroForOne ? BigInt(e.amount0!) : BigInt(e.amount1!);
        const provider = new TickListDataProvider(
          list.map(([index, t]) => ({ index, liquidityGross: toJsbi(t.gross), liquidityNet: toJsbi(t.net) })),
          spacing,
        );
        const sdk = await v3Swap(JSBI.BigInt(fee), toJsbi(sqrt), tick, toJsbi(liquidity), spacing, provider, zeroForOne, toJsbi(amountIn));
        expect({ out: BigInt(zeroForOne ? e.amount1! : e.amount0!), sqrt: BigInt(e.sqrtPriceX96!), tick: e.tick, liquidity: BigInt(e.liquidity!) }).toEqual({
          out: fromJsbi(sdk.amountCalculated),
          sqrt: fromJsbi(sdk.sqrtRatioX96),
          tick: sdk.tickCurrent,
          liquidity: fromJsbi(sdk.liquidity),
        });
      }
      if (e.eventName === 'Swap') price.set(pool, { sqrt: BigInt(e.sqrtPriceX96!), tick: e.tick! });
    }
    expect(swaps).toBe(500);
  });

  it("pays burned positions fees within what swaps paid at the pool's fee tier", () => {
    const feeTier = new Map(generated.universe.pools.map((p) => [p.address, BigInt(p.fee)]));
    const swapFees = new Map<string, [bigint, bigint]>();
    for (const e of poolEvents.filter((x) => x.eventName === 'Swap')) {
      const [a0, a1] = [BigInt(e.amount0!), BigInt(e.amount1!)];
      const f = swapFees.get(e.pool) ?? [0n, 0n];
      const fee = (a: bigint) => (a > 0n ? (a * feeTier.get(e.pool)!) / 1_000_000n + 1n : 0n); // the tier's share of the input, and one unit of rounding
      swapFees.set(e.pool, [f[0] + fee(a0), f[1] + fee(a1)]);
    }
    // A burned position collected everything: collected − principal released = its fees.
    const burned = new Set(positionEvents.filter((e) => e.eventType === 'BURN').map((e) => `${e.metadata.positionManager}:${e.tokenId}`));
    const earned = new Map<string, [bigint, bigint]>();
    for (const e of positionEvents) {
      const key = `${e.metadata.positionManager}:${e.tokenId}`;
      if (!burned.has(key) || (e.eventType !== 'COLLECT' && e.eventType !== 'DECREASE')) continue;
      const sign = e.eventType === 'COLLECT' ? 1n : -1n;
      const f = earned.get(key) ?? [0n, 0n];
      earned.set(key, [f[0] + sign * BigInt(e.amount0!), f[1] + sign * BigInt(e.amount1!)]);
    }
    const perPool = new Map<string, [bigint, bigint]>();
    for (const [key, [f0, f1]] of earned) {
      expect(f0).toBeGreaterThanOrEqual(0n);
      expect(f1).toBeGreaterThanOrEqual(0n);
      const pool = registry.get(key)!.pool;
      const p = perPool.get(pool) ?? [0n, 0n];
      perPool.set(pool, [p[0] + f0, p[1] + f1]);
    }
    let total = 0n;
    for (const [pool, [f0, f1]] of perPool) {
      const [s0, s1] = swapFees.get(pool) ?? [0n, 0n];
      expect(f0).toBeLessThanOrEqual(s0);
      expect(f1).toBeLessThanOrEqual(s1);
      total += f0 + f1;
    }
    expect(total).toBeGreaterThan(0n);
  });
});
