/**
 * The bench's sequential baseline of step 7, pool volume: no Kafka. One loop reads
 * "PoolEvent" from PostgreSQL in pages in chain order (the replay's keyset pagination),
 * maps each row to the record the replay would have sent, and hands the page to the
 * step's definition through the runtime's own driver (stepHandlerOf → stepDriver:
 * screen, load, pure compute, the sink in one transaction) — the same transform and
 * the same upserts the streaming step runs — then reads the next page. Started by tools/bench.ts as its own
 * process; prints BENCH_DONE {records, rejected, pages, firstAt, doneAt}.
 */
import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { NestFactory } from '@nestjs/core';
import type { Pool } from 'pg';
import { loadConfig } from '@lib/config';
import type { StepBatch } from '@lib/consumer';
import type { PoolEventRecord } from '@lib/kafka';
import { PG_POOL } from '@lib/platform';
import { toPoolEventRecord } from '../../apps/admin/src/replay/source-row.mapper';
import { SourceRowsRepository, START_CURSOR, type ChainCursor } from '../../apps/admin/src/replay/source-rows.repository';
import { EnricherModule } from '../../apps/enricher/src/enricher.module';
import { stepHandlerOf } from '../../apps/enricher/src/runtime/step-handler.factory';
import { StepMetrics } from '../../apps/enricher/src/runtime/step-metrics';
import { STEP_CATALOG } from '../../apps/enricher/src/steps';

const STEP = 'pool-volume';

const now = () => performance.timeOrigin + performance.now();

async function main(): Promise<void> {
  // --page-size: given by tools/bench.ts (its --replay-page-size), as the replay's REPLAY_PAGE_SIZE.
  const { values } = parseArgs({ options: { 'page-size': { type: 'string', default: '5000' } } });
  const pageSize = Number(values['page-size']);
  if (!Number.isInteger(pageSize) || pageSize < 1) throw new Error(`--page-size must be a positive integer, got "${values['page-size']}"`);
  // The step as the enricher builds it (its repositories, the shared price source, the app's pg pool), no Kafka.
  const entry = STEP_CATALOG[STEP];
  const app = await NestFactory.createApplicationContext(EnricherModule.forStep(loadConfig(), entry, new StepMetrics(STEP)), { logger: ['warn', 'error'] });
  try {
    const pool = app.get<Pool>(PG_POOL);
    const source = new SourceRowsRepository(pool);
    const handle = stepHandlerOf(app, entry);
    await pool.query('SELECT 1'); // connected before the clock starts
    console.log('BENCH_READY sequential pool-volume');
    const firstAt = now();
    let cursor: ChainCursor = START_CURSOR;
    let records = 0;
    let rejected = 0;
    let pages = 0;
    for (;;) {
      const rows = await source.page('"PoolEvent"', cursor, pageSize);
      if (rows.length === 0) break;
      const batch: StepBatch<PoolEventRecord> = {
        topic: 'sequential',
        partition: 0,
        markers: [],
        records: rows.map((r, i) => ({ topic: 'sequential', partition: 0, offset: String(records + i), key: null, value: toPoolEventRecord(r) })),
      };
      const result = await handle(batch);
      rejected += result?.rejected?.length ?? 0;
      records += rows.length;
      pages++;
      const last = rows[rows.length - 1];
      cursor = { blockNumber: Number(last.blockNumber), logIndex: Number(last.logIndex) };
    }
    console.log(`BENCH_DONE ${JSON.stringify({ records, rejected, pages, pageSize, firstAt, doneAt: now() })}`);
  } finally {
    await app.close(); // ends the pg pool
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
