import { InputError } from './input-record';
import { rflrAllocationRow, utcMonthStart } from './rflr-allocation-row';

const MANAGER = '0xD9770b1C7A6ccd33C75b5bcB1c0078f46bE46657';

describe('utcMonthStart', () => {
  it.each([
    ['2025-03', '2025-03-01'],
    ['2025-03-01', '2025-03-01'],
    ['2025-03-31T23:59:59Z', '2025-03-01'],
    ['2025-04-01T00:30:00+02:00', '2025-03-01'], // still March in UTC
    [1_740_787_200, '2025-03-01'], // 2025-03-01T00:00:00Z in epoch seconds
  ])('%p → %s', (input, expected) => {
    expect(utcMonthStart(input)).toBe(expected);
  });
});

describe('rflrAllocationRow', () => {
  it('reads camelCase fields, lowercases the manager, keeps base units exact', () => {
    expect(rflrAllocationRow({ positionManager: MANAGER, tokenId: '42', month: '2025-03', amountRaw: '123456789012345678901234567890' }, 'file.csv')).toEqual({
      position_manager: MANAGER.toLowerCase(),
      token_id: '42',
      month_start: '2025-03-01',
      amount_raw: '123456789012345678901234567890',
      source: 'file.csv',
    });
  });

  it('reads snake_case fields and a decimal rFLR amount', () => {
    expect(rflrAllocationRow({ position_manager: MANAGER, token_id: 7, month_start: '2025-01-01', amount: '1.5', source: 'stats' }, 'x')).toMatchObject({
      token_id: '7',
      amount_raw: '1500000000000000000',
      source: 'stats',
    });
  });

  it.each([
    [{ tokenId: '1', month: '2025-01', amountRaw: '1' }, /positionManager is missing/],
    [{ positionManager: '0x12', tokenId: '1', month: '2025-01', amountRaw: '1' }, /not an address/],
    [{ positionManager: MANAGER, tokenId: '-1', month: '2025-01', amountRaw: '1' }, /tokenId/],
    [{ positionManager: MANAGER, tokenId: '1', amountRaw: '1' }, /month/],
    [{ positionManager: MANAGER, tokenId: '1', month: '2025-01', amountRaw: 1e30 }, /exact integer/],
    [{ positionManager: MANAGER, tokenId: '1', month: '2025-01', amount: '0.0000000000000000001' }, /at most 18 decimals/],
    [{ positionManager: MANAGER, tokenId: '1', month: 'soon', amountRaw: '1' }, /not a date/],
  ])('refuses %p', (record, message) => {
    expect(() => rflrAllocationRow(record, 'x')).toThrow(InputError);
    expect(() => rflrAllocationRow(record, 'x')).toThrow(message);
  });
});
