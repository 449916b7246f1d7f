import type { Pool } from 'pg';
import type { IncomingRecord, RecordScreen, Rejection } from '@lib/consumer';
import { attributedPositionEventProblem, poolEventProblem, positionEventProblem, type RecordCheck } from '@lib/kafka';
import type { TopicKey } from '@lib/pipeline';

export interface InputRules {
  check: RecordCheck<never>;
  /** The source table the topic's records come from (its rows are never deleted). */
  table: '"PositionEvent"' | '"PoolEvent"';
  /** One row, `b`: the newest block a record of the topic can come from (NULL when there is none). */
  newestBlockSql: string;
}

const ZERO_ADDRESS = '0x0000000000000000000000000000000000000000';

/**
 * A position record comes from a "PositionEvent" row, or is the BURN the replay makes of a
 * transfer to the zero address (production writes no BURN row; README, *Replay*): the newest
 * block of either. ("PositionTransfer" has no block index: this is read only when a record
 * claims a block after the newest one known.)
 */
const NEWEST_POSITION_BLOCK = `SELECT greatest((SELECT max("blockNumber") FROM "PositionEvent"),
  (SELECT max("blockNumber") FROM "PositionTransfer" WHERE "to" = '${ZERO_ADDRESS}')) AS b`;

/** The rules of each input topic. */
export const INPUT_RULES: Partial<Record<TopicKey, InputRules>> = {
  positionEvents: { check: positionEventProblem, table: '"PositionEvent"', newestBlockSql: NEWEST_POSITION_BLOCK },
  attributedPositionEvents: { check: attributedPositionEventProblem, table: '"PositionEvent"', newestBlockSql: NEWEST_POSITION_BLOCK },
  poolEvents: { check: poolEventProblem, table: '"PoolEvent"', newestBlockSql: 'SELECT max("blockNumber") AS b FROM "PoolEvent"' },
};

type ChainRecord = { id: string; blockNumber: number };

/**
 * Pure: the rejections of a batch — each record's impossible values, then a block after
 * the newest block of its source table (every record comes from a source row, so a later
 * block cannot be real; it would also make chain reads at that block fail forever).
 */
export function screenRecords(records: readonly IncomingRecord<unknown>[], rules: InputRules, newestSourceBlock: number): Rejection[] {
  const out: Rejection[] = [];
  for (const r of records) {
    const value = r.value as ChainRecord;
    const problem =
      (rules.check as RecordCheck<unknown>)(value) ??
      (value.blockNumber > newestSourceBlock
        ? `${rules.table.replace(/"/g, '')} ${value.id}: blockNumber ${value.blockNumber} is after the newest source row's block ${newestSourceBlock}`
        : undefined);
    if (problem) out.push({ offset: r.offset, reason: problem });
  }
  return out;
}

/** The newest source block of a topic's records, read again only when a record claims a later one. */
export class NewestSourceBlock {
  private known = -1;

  constructor(
    private readonly db: Pick<Pool, 'query'>,
    private readonly sql: string,
  ) {}

  async atLeast(block: number): Promise<number> {
    if (block <= this.known) return this.known;
    const { rows } = await this.db.query<{ b: string | number | null }>(this.sql);
    this.known = Math.max(this.known, rows[0].b === null ? -1 : Number(rows[0].b));
    return this.known;
  }
}

/** The screen of a step's input topic: what no step may process, sent to the DLQ before the step sees it. */
export function inputScreen(input: TopicKey, db: Pick<Pool, 'query'>): RecordScreen {
  const rules = INPUT_RULES[input];
  if (!rules) throw new Error(`no record rules for input topic ${input}`);
  const newest = new NewestSourceBlock(db, rules.newestBlockSql);
  return async (records) => {
    const claimed = records.reduce((max, r) => {
      const block = (r.value as ChainRecord).blockNumber;
      return Number.isSafeInteger(block) ? Math.max(max, block) : max;
    }, -1);
    return screenRecords(records, rules, await newest.atLeast(claimed));
  };
}
