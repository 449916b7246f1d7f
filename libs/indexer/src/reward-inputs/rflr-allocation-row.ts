/** A row of `rflr_allocation` (migrations/0004): one position's rFLR of one month. */
import type { UpsertSpec } from '@lib/db';
import { parseUnits } from 'viem';
import { address, field, InputError, instant, optionalText, requiredText, unsignedInteger, type InputRecord } from './input-record';

export interface RflrAllocationRow {
  position_manager: string;
  token_id: string;
  /** 'YYYY-MM-01', the UTC month the allocation was assigned. */
  month_start: string;
  /** rFLR base units (18 decimals), decimal string. */
  amount_raw: string;
  source: string;
}

export const RFLR_DECIMALS = 18;

/** The UTC first day of the month of `value` ('2025-03', '2025-03-17', an ISO time or epoch seconds). */
export function utcMonthStart(value: unknown): string {
  const text = String(value);
  const date = /^\d{4}-\d{2}$/.test(text) ? new Date(`${text}-01T00:00:00Z`) : instant({ month: value }, 'month');
  if (Number.isNaN(date.getTime())) throw new InputError(`month "${text}" is not a month`);
  return `${date.toISOString().slice(0, 7)}-01`;
}

/**
 * Fields: positionManager, tokenId, month (or monthStart), and amountRaw (base units) or
 * amount (rFLR, decimal); source optional (the file's name otherwise).
 */
export function rflrAllocationRow(record: InputRecord, defaultSource: string): RflrAllocationRow {
  const month = field(record, 'monthStart') ?? field(record, 'month');
  if (month === undefined) throw new InputError('monthStart (or month) is missing');
  let amountRaw: string;
  if (field(record, 'amountRaw') !== undefined) amountRaw = unsignedInteger(record, 'amountRaw');
  else {
    const amount = requiredText(record, 'amount');
    if (!/^\d+(\.\d{1,18})?$/.test(amount)) throw new InputError(`amount "${amount}" is not a non-negative rFLR amount with at most 18 decimals`);
    amountRaw = parseUnits(amount, RFLR_DECIMALS).toString();
  }
  return {
    position_manager: address(record, 'positionManager'),
    token_id: unsignedInteger(record, 'tokenId'),
    month_start: utcMonthStart(month),
    amount_raw: amountRaw,
    source: optionalText(record, 'source') ?? defaultSource,
  };
}

export function rflrAllocationUpsert(rows: readonly RflrAllocationRow[]): UpsertSpec<RflrAllocationRow> {
  return {
    table: 'rflr_allocation',
    columns: ['position_manager', 'token_id', 'month_start', 'amount_raw', 'source'],
    conflict: ['position_manager', 'token_id', 'month_start'],
    update: ['amount_raw', 'source'],
    rows,
  };
}
