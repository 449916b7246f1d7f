import { BadRequestException } from '@nestjs/common';
import {
  DEFAULT_LIMIT,
  formatEventCursor,
  formatSnapshotCursor,
  page,
  parseAddress,
  parseDayCursor,
  parseEventCursor,
  parseHourCursor,
  parseLimit,
  parseSnapshotCursor,
  parseTokenId,
} from './read-params';

const refused = (fn: () => unknown, message: RegExp) => {
  expect(fn).toThrow(BadRequestException);
  expect(fn).toThrow(message);
};

describe('parseAddress', () => {
  it('lowercases an address', () => {
    expect(parseAddress('0xAbCdEf0123456789aBcDeF0123456789ABCDEF01', 'manager')).toBe('0xabcdef0123456789abcdef0123456789abcdef01');
  });
  it('refuses anything but 0x + 40 hex, naming the parameter', () => {
    for (const bad of [
      '',
      '0x',
      'abcdef0123456789abcdef0123456789abcdef01',
      '0xabcdef0123456789abcdef0123456789abcdef0',
      '0xabcdef0123456789abcdef0123456789abcdef012',
      '0xg bcdef0123456789abcdef0123456789abcde01',
      undefined,
    ])
      refused(() => parseAddress(bad, 'pool'), /pool must be an address/);
  });
});

describe('parseTokenId', () => {
  it('takes decimal integers, as stored (no leading zeros)', () => {
    expect(parseTokenId('0')).toBe('0');
    expect(parseTokenId('42')).toBe('42');
    expect(parseTokenId('007')).toBe('7');
    expect(parseTokenId((2n ** 256n - 1n).toString())).toBe((2n ** 256n - 1n).toString());
  });
  it('refuses hex, signs, fractions, exponents and 2^256', () => {
    for (const bad of ['', '0x10', '-1', '+1', '1.5', '1e3', ' 1', 'abc', (2n ** 256n).toString()])
      refused(() => parseTokenId(bad), /tokenId must be a decimal integer/);
  });
});

describe('parseLimit', () => {
  it('defaults to 100 and takes 1..1000', () => {
    expect(parseLimit(undefined)).toBe(DEFAULT_LIMIT);
    expect(DEFAULT_LIMIT).toBe(100);
    expect(parseLimit('1')).toBe(1);
    expect(parseLimit('1000')).toBe(1000);
  });
  it('refuses 0, over 1000, negatives, fractions and words', () => {
    for (const bad of ['0', '1001', '-5', '2.5', 'ten', '1e2', '99999999']) refused(() => parseLimit(bad), /limit must be a whole number from 1 to 1000/);
  });
});

describe('event cursors', () => {
  it('round-trips (block, logIndex)', () => {
    const c = { blockNumber: 1234, logIndex: 0 };
    expect(formatEventCursor(c)).toBe('1234:0');
    expect(parseEventCursor(formatEventCursor(c))).toEqual(c);
    expect(parseEventCursor(undefined)).toBeUndefined();
  });
  it('refuses malformed cursors', () => {
    for (const bad of ['1234', '1:2:3', 'a:b', '-0:0', '1:--1', '01:2', '3000000000:1', '1:-3000000000', '1.5:2'])
      refused(() => parseEventCursor(bad), /after must be a cursor <blockNumber>:<logIndex>/);
  });
});

describe('snapshot cursors', () => {
  it('round-trips (time, block, logIndex, kind)', () => {
    const c = { snapshotTime: 1_700_000_000, blockNumber: 99, logIndex: 3, kind: 'day-end' };
    expect(formatSnapshotCursor(c)).toBe('1700000000:99:3:day-end');
    expect(parseSnapshotCursor(formatSnapshotCursor(c))).toEqual(c);
    // a day-end snapshot's log index is -1
    expect(parseSnapshotCursor('1735776000:46:-1:day-end')).toEqual({ snapshotTime: 1735776000, blockNumber: 46, logIndex: -1, kind: 'day-end' });
  });
  it('refuses malformed cursors and unknown kinds', () => {
    for (const bad of ['1:2:3', '1:2:3:other', '1:2:3:event:4', 'x:2:3:event'])
      refused(() => parseSnapshotCursor(bad), /after must be a cursor <snapshotTime>/);
  });
});

describe('hour and day cursors', () => {
  it('takes whole hours and real days', () => {
    expect(parseHourCursor('7200')).toBe(7200);
    expect(parseDayCursor('2024-02-29')).toBe('2024-02-29');
    expect(parseHourCursor(undefined)).toBeUndefined();
    expect(parseDayCursor(undefined)).toBeUndefined();
  });
  it('refuses other values', () => {
    for (const bad of ['7201', '-3600', 'abc', '1.5']) refused(() => parseHourCursor(bad), /hoursAfter must be a cursor/);
    for (const bad of ['2023-02-29', '2024-13-01', '2024-1-01', '20240101', 'x']) refused(() => parseDayCursor(bad), /daysAfter must be a cursor/);
  });
});

describe('page', () => {
  const key = (n: number) => String(n);
  it('gives the next cursor only when a further row was read', () => {
    expect(page([1, 2, 3], 2, key)).toEqual({ items: [1, 2], next: '2' });
    expect(page([1, 2], 2, key)).toEqual({ items: [1, 2], next: null });
    expect(page([], 2, key)).toEqual({ items: [], next: null });
  });
});
