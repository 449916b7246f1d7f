import { Injectable } from '@nestjs/common';
import type { Computed, EnrichmentStep, IncomingRecord, OutputMessage, Rejection } from '@lib/consumer';
import type { PositionEventRecord } from '@lib/kafka';
import { positionKey } from '@lib/position';
import { attributeEvent, managerFromMetadata, type AttributedPosition } from './attributed-position';
import { PositionRegistryRepository, type AttributionRow } from './position-registry.repository';
import { PositionResolver, UnattributableError } from './position-resolver';

/** Positions resolved on the chain at once; viem folds same-block reads into one multicall. */
const RESOLVE_CONCURRENCY = 16;

/** A record whose emitting manager is known (and its DEX), or the reason it is not. */
export type LocatedRecord = { offset: string; event: PositionEventRecord } & ({ manager: string; dex: string } | { unattributable: string });

/** What attribution of a batch is computed from. */
export interface PoolAttributionFacts {
  /** The batch's records, in order. */
  records: LocatedRecord[];
  /** Registered positions of the batch, by position key. */
  known: Map<string, AttributedPosition>;
  /** Positions not registered yet, resolved on the chain from their first event in the batch. */
  fresh: Map<string, AttributedPosition>;
  /** Why an unregistered position could not be resolved, by position key. */
  failed: Map<string, string>;
}

/**
 * Step 1, pool attribution: the position of each event is `(emitting manager, tokenId)`;
 * its pool comes from the registry, or once from the chain. Writes the registry and the
 * events' pool in one transaction, then emits the attributed stream.
 */
@Injectable()
export class PoolAttributionStep implements EnrichmentStep<PositionEventRecord, PoolAttributionFacts, AttributionRow> {
  readonly name = 'pool-attribution';

  constructor(
    readonly sink: PositionRegistryRepository,
    readonly resolver: PositionResolver,
  ) {}

  // Records with impossible fields never get here: the runtime's input screen rejects them.
  async load(records: IncomingRecord<PositionEventRecord>[]): Promise<PoolAttributionFacts> {
    const located: LocatedRecord[] = [];
    for (const r of records) {
      const meta = managerFromMetadata(r.value.metadata);
      try {
        const manager = meta.positionManager ?? (await this.resolver.emittingManager(r.value));
        located.push({ offset: r.offset, event: r.value, manager, dex: this.resolver.dexOf(manager, meta.dex) });
      } catch (err) {
        if (!(err instanceof UnattributableError)) throw err;
        located.push({ offset: r.offset, event: r.value, unattributable: err.message });
      }
    }
    const withManager = located.filter((l): l is Extract<LocatedRecord, { manager: string }> => 'manager' in l);

    const known = await this.sink.find(withManager.map((l) => ({ positionManager: l.manager, tokenId: l.event.tokenId })));
    const fresh = new Map<string, AttributedPosition>();
    // The first event of each unknown position in the batch resolves it (events of one position are in order).
    const firstOfUnknown = new Map<string, (typeof withManager)[number]>();
    for (const l of withManager) {
      const key = positionKey(l.manager, l.event.tokenId);
      if (!known.has(key) && !firstOfUnknown.has(key)) firstOfUnknown.set(key, l);
    }
    const failed = new Map<string, string>();
    await forEachLimited([...firstOfUnknown.entries()], RESOLVE_CONCURRENCY, async ([key, l]) => {
      try {
        fresh.set(key, await this.resolver.resolve(l.event, l.manager, l.dex));
      } catch (err) {
        if (!(err instanceof UnattributableError)) throw err;
        failed.set(key, err.message);
      }
    });
    return { records: located, known, fresh, failed };
  }

  compute({ records, known, fresh, failed }: PoolAttributionFacts): Computed<AttributionRow> {
    const rejections: Rejection[] = [];
    for (const l of records)
      if ('unattributable' in l) rejections.push({ offset: l.offset, reason: `PositionEvent ${l.event.id}: cannot attribute: ${l.unattributable}` });

    const rows: AttributionRow[] = [];
    const output: OutputMessage[] = [];
    const registered = new Set<string>();
    for (const l of records) {
      if (!('manager' in l)) continue;
      const key = positionKey(l.manager, l.event.tokenId);
      const position = known.get(key) ?? fresh.get(key);
      if (!position) {
        rejections.push({ offset: l.offset, reason: `PositionEvent ${l.event.id}: cannot attribute: ${failed.get(key) ?? 'unresolved position'}` });
        continue;
      }
      const event = attributeEvent(l.event, position);
      // A position resolved in this batch is registered with its first attributed event.
      const newPosition = !known.has(key) && !registered.has(key) ? position : undefined;
      if (newPosition) registered.add(key);
      rows.push(newPosition ? { event, newPosition } : { event });
      output.push({ key, value: event });
    }
    return { rows, rejections, output };
  }
}

async function forEachLimited<T>(items: T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) await fn(items[next++]);
  });
  await Promise.all(workers);
}
