import { Inject, Injectable } from '@nestjs/common';
import type { Pool } from 'pg';
import { PG_POOL } from '@lib/platform';
import { STEPS, stepResults } from '@lib/pipeline';
import { EnrichedCountsRepository, type PositionEventCounts } from './enriched-counts.repository';

export interface EnrichedCounts {
  at: string;
  positionEvents: PositionEventCounts;
  /** Positions in position_registry; null while its table does not exist. */
  positions: number | null;
  /** Every step of the catalogue, with the row count of each of its tables that exists. */
  steps: { name: string; title: string; tables: { table: string; rows: number }[] }[];
}

/**
 * Counts of what is enriched. They are counts over whole tables, polled every 2 s by
 * each open dashboard: the result is shared for a few seconds so several viewers (or a
 * slow count on a big table) do not pile up queries.
 */
@Injectable()
export class EnrichedCountsService {
  private static readonly MAX_AGE_MS = 1500;
  private readonly repository: EnrichedCountsRepository;
  private cached?: { at: number; value: Promise<EnrichedCounts> };

  constructor(@Inject(PG_POOL) pool: Pool) {
    this.repository = new EnrichedCountsRepository(pool);
  }

  counts(): Promise<EnrichedCounts> {
    const now = Date.now();
    if (!this.cached || now - this.cached.at > EnrichedCountsService.MAX_AGE_MS) {
      const value = this.compute();
      // A failed count is not kept: the next poll tries again.
      value.catch(() => {
        if (this.cached?.value === value) this.cached = undefined;
      });
      this.cached = { at: now, value };
    }
    return this.cached.value;
  }

  private async compute(): Promise<EnrichedCounts> {
    const wanted = [...new Set(STEPS.flatMap((s) => stepResults(s.name).tables))];
    const existing = await this.repository.existing(wanted);
    const [positionEvents, rows] = await Promise.all([this.repository.positionEvents(), this.repository.rowCounts(wanted.filter((t) => existing.has(t)))]);
    return {
      at: new Date().toISOString(),
      positionEvents,
      positions: rows.get('position_registry') ?? null,
      steps: STEPS.map((s) => ({
        name: s.name,
        title: s.title,
        tables: stepResults(s.name)
          .tables.filter((t) => rows.has(t))
          .map((t) => ({ table: t, rows: rows.get(t)! })),
      })),
    };
  }
}
