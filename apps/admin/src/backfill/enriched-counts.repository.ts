import type { Pool } from 'pg';

export interface PositionEventCounts {
  total: number;
  unknownPool: number;
  collectsPriced: number;
  collectsUnpriced: number;
}

/** The SQL behind the dashboard's "what is enriched" counts. */
export class EnrichedCountsRepository {
  constructor(private readonly pool: Pool) {}

  /** One scan of "PositionEvent" for every count it feeds. */
  async positionEvents(): Promise<PositionEventCounts> {
    const { rows } = await this.pool.query<{ total: string; unknown: string; priced: string; unpriced: string }>(
      `SELECT count(*)::bigint AS total,
              count(*) FILTER (WHERE pool = 'unknown')::bigint AS unknown,
              count(*) FILTER (WHERE "eventType" = 'COLLECT' AND "usdValue" IS NOT NULL)::bigint AS priced,
              count(*) FILTER (WHERE "eventType" = 'COLLECT' AND "usdValue" IS NULL)::bigint AS unpriced
         FROM "PositionEvent"`,
    );
    const r = rows[0];
    return { total: Number(r.total), unknownPool: Number(r.unknown), collectsPriced: Number(r.priced), collectsUnpriced: Number(r.unpriced) };
  }

  /** Which of `tables` exist: a step whose migration has not run yet has none. */
  async existing(tables: readonly string[]): Promise<Set<string>> {
    const { rows } = await this.pool.query<{ name: string }>('SELECT t AS name FROM unnest($1::text[]) AS t WHERE to_regclass(quote_ident(t)) IS NOT NULL', [
      tables,
    ]);
    return new Set(rows.map((r) => r.name));
  }

  /** Rows per table, in one round trip; only call it with tables that exist. */
  async rowCounts(tables: readonly string[]): Promise<Map<string, number>> {
    if (tables.length === 0) return new Map();
    // Table names come from the step catalogue and were checked to exist, and are quoted anyway.
    const sql = tables.map((t, i) => `SELECT $${i + 1}::text AS name, count(*)::bigint AS n FROM ${quoteIdent(t)}`).join(' UNION ALL ');
    const { rows } = await this.pool.query<{ name: string; n: string }>(sql, [...tables]);
    return new Map(rows.map((r) => [r.name, Number(r.n)]));
  }
}

function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
