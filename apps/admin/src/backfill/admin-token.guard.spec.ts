import { UnauthorizedException, type ExecutionContext } from '@nestjs/common';
import { timingSafeEqual } from 'node:crypto';
import type { AppConfig } from '@lib/config';
import { AdminTokenGuard, sameSecret } from './admin-token.guard';

// timingSafeEqual as it is, observed: the test sees what the guard compares.
jest.mock('node:crypto', () => {
  const actual = jest.requireActual<typeof import('node:crypto')>('node:crypto');
  return { ...actual, timingSafeEqual: jest.fn(actual.timingSafeEqual) };
});

const TOKEN = 'k3y-0f-the-admin';

function context(authorization?: unknown): ExecutionContext {
  const headers = authorization === undefined ? {} : { authorization };
  return { switchToHttp: () => ({ getRequest: () => ({ headers }) }) } as unknown as ExecutionContext;
}

function guard(adminToken: string | undefined): AdminTokenGuard {
  return new AdminTokenGuard({ adminToken } as unknown as AppConfig);
}

describe('AdminTokenGuard', () => {
  it('lets the right token through, in any case of the scheme and with surrounding blanks', () => {
    for (const h of [`Bearer ${TOKEN}`, `bearer ${TOKEN}`, `BEARER   ${TOKEN}`, ` Bearer ${TOKEN} `]) expect(guard(TOKEN).canActivate(context(h))).toBe(true);
  });

  it('refuses a wrong token of the same length', () => {
    const wrong = `${TOKEN.slice(0, -1)}X`;
    expect(wrong).toHaveLength(TOKEN.length);
    expect(() => guard(TOKEN).canActivate(context(`Bearer ${wrong}`))).toThrow(UnauthorizedException);
    expect(() => guard(TOKEN).canActivate(context(`Bearer ${TOKEN.toUpperCase()}`))).toThrow(UnauthorizedException);
  });

  it('refuses a token of another length (a prefix, an extension), without throwing a length error', () => {
    for (const t of [TOKEN.slice(1), TOKEN.slice(0, -1), `${TOKEN}x`, 'x', 'é'.repeat(40)])
      expect(() => guard(TOKEN).canActivate(context(`Bearer ${t}`))).toThrow(UnauthorizedException);
  });

  it('compares every given token in constant time over two 32-byte digests, whatever its length', () => {
    const compare = jest.mocked(timingSafeEqual);
    for (const t of [TOKEN, `${TOKEN}x`, 'x', 'é'.repeat(40)]) {
      compare.mockClear();
      try {
        guard(TOKEN).canActivate(context(`Bearer ${t}`));
      } catch {
        // wrong tokens are refused; what matters here is how they were compared
      }
      expect(compare).toHaveBeenCalledTimes(1);
      const [a, b] = compare.mock.calls[0] as [Buffer, Buffer];
      expect([a.length, b.length]).toEqual([32, 32]);
    }
  });

  it('refuses a missing header, or one that is not a string', () => {
    expect(() => guard(TOKEN).canActivate(context())).toThrow(UnauthorizedException);
    expect(() => guard(TOKEN).canActivate(context([`Bearer ${TOKEN}`]))).toThrow(UnauthorizedException);
  });

  it('refuses a malformed scheme', () => {
    for (const h of [TOKEN, `Basic ${TOKEN}`, `Token ${TOKEN}`, `Bearer${TOKEN}`, 'Bearer', 'Bearer ', ''])
      expect(() => guard(TOKEN).canActivate(context(h))).toThrow(UnauthorizedException);
  });

  it('refuses everything when no ADMIN_TOKEN is configured', () => {
    expect(() => guard(undefined).canActivate(context('Bearer '))).toThrow(/ADMIN_TOKEN is not configured/);
    expect(() => guard('').canActivate(context(`Bearer ${TOKEN}`))).toThrow(/ADMIN_TOKEN is not configured/);
  });
});

describe('sameSecret', () => {
  it('is true only for equal texts, whatever the lengths', () => {
    expect(sameSecret(TOKEN, TOKEN)).toBe(true);
    expect(sameSecret(TOKEN, `${TOKEN} `)).toBe(false);
    expect(sameSecret('', TOKEN)).toBe(false);
    expect(sameSecret('a'.repeat(10_000), TOKEN)).toBe(false);
  });
});
