import { Inject, Injectable, UnauthorizedException, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { timingSafeEqual } from 'node:crypto';
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
    if (!match || !sameText(match[1], expected)) throw new UnauthorizedException('missing or wrong bearer token (Authorization: Bearer <ADMIN_TOKEN>)');
    return true;
  }
}

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
