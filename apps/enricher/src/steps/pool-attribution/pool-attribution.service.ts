import { Inject, Injectable } from '@nestjs/common';
import type { Pool } from 'pg';
import type { ChainClient } from '@lib/chain';
import type { Rejection, StepBatch, StepBatchResult, OutputMessage } from '@lib/consumer';
import type { AttributedPositionEventRecord, PositionEventRecord } from '@lib/kafka';
import { PG_POOL } from '@lib/platform';
import { CHAIN_CLIENT, DEX_NAMES } from '../../runtime/chain.provider';
import { positionKey } from '@lib/position';
import { attributeEvent, managerFromMetadata, type AttributedPosition } from './attributed-position';
import { PositionRegistryRepository } from './position-registry.repository';
import { PositionResolver, UnattributableError } from './position-resolver';

/** Positions resolved on the chain at once; viem folds same-block reads into one multicall. */
const RESOLVE_CONCURRENCY = 16;

/**
 * Step 1, pool attribution: the position of each event is `(emitting manager, tokenId)`;
 * its pool comes from the registry, or once from the chain. Writes the registry and the
 * events' pool in one transaction, then emits the attributed stream.
 */
@Injectable()
export class PoolAttributionService {
  private readonly registry: PositionRegistryRepository;
  readonly resolver: PositionResolver;

  constructor(
    @Inject(PG_POOL) pool: Pool,
    @Inject(CHAIN_CLIENT) client: ChainClient,
    @Inject(DEX_NAMES) dexNames: Map<string, string>,
  ) {
    this.registry = new PositionRegistryRepository(pool);
    this.resolver = new PositionResolver(client, dexNames);
  }

  async handle(batch: StepBatch<PositionEventRecord>): Promise<StepBatchResult> {
    const rejected: Rejection[] = [];
    const located: { offset: string; event: PositionEventRecord; manager: string; dex: string }[] = [];
    // Records with impossible fields never get here: the runtime's input screen rejects them.
    for (const r of batch.records) {
      const meta = managerFromMetadata(r.value.metadata);
      try {
        const manager = meta.positionManager ?? (await this.resolver.emittingManager(r.value));
        located.push({ offset: r.offset, event: r.value, manager, dex: this.resolver.dexOf(manager, meta.dex) });
      } catch (err) {
        if (!(err instanceof UnattributableError)) throw err;
        rejected.push({ offset: r.offset, reason: `PositionEvent ${r.value.id}: cannot attribute: ${err.message}` });
      }
    }

    const known = await this.registry.find(located.map((l) => ({ positionManager: l.manager, tokenId: l.event.tokenId })));
    const fresh = new Map<string, AttributedPosition>();
    // The first event of each unknown position in the batch resolves it (events of one position are in order).
    const firstOfUnknown = new Map<string, (typeof located)[number]>();
    for (const l of located) {
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

    const output: OutputMessage[] = [];
    const attributed: AttributedPositionEventRecord[] = [];
    for (const l of located) {
      const key = positionKey(l.manager, l.event.tokenId);
      const position = known.get(key) ?? fresh.get(key);
      if (!position) {
        rejected.push({ offset: l.offset, reason: `PositionEvent ${l.event.id}: cannot attribute: ${failed.get(key) ?? 'unresolved position'}` });
        continue;
      }
      const event = attributeEvent(l.event, position);
      attributed.push(event);
      output.push({ key, value: event });
    }
    await this.registry.write([...fresh.values()], attributed);
    return { rejected, output };
  }
}

async function forEachLimited<T>(items: T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) await fn(items[next++]);
  });
  await Promise.all(workers);
}
