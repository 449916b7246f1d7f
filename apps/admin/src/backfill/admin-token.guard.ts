import { Inject, Injectable, UnauthorizedException, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { createHash, timingSafeEqual } from 'node:crypto';
import type { AppConfig } from '@lib/config';
import { APP_CONFIG } from '@lib/platform';

/** `Authorization: Bearer <ADMIN_TOKEN>`; with no ADMIN_TOKEN configured, nothing is allowed. */
@Injectable()
export class AdminTokenGuard implements CanActivate {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  canActivate(context: ExecutionContext): boolean {
    const expected = this.config.adminToken;
    if (!expected) throw new UnauthorizedException('ADMIN_TOKEN is not configured on the server; set it to enable admin actions');
    const header = context.switchToHttp().getRequest().headers?.authorization;
    const match = typeof header === 'string' ? /^Bearer\s+(.+)$/i.exec(header.trim()) : null;
    if (!match || !sameSecret(match[1], expected)) throw new UnauthorizedException('missing or wrong bearer token (Authorization: Bearer <ADMIN_TOKEN>)');
    return true;
  }
}

/**
 * Compares in constant time, lengths included: both sides are hashed to 32-byte SHA-256
 * digests first, so neither how far the bytes agree nor how long the given token is
 * (timingSafeEqual needs equal lengths; a length check would answer early) shows in the time.
 */
export function sameSecret(given: string, expected: string): boolean {
  const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();
  return timingSafeEqual(digest(given), digest(expected));
}
