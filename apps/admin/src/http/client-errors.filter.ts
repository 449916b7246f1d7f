import { ArgumentsHost, Catch, MethodNotAllowedException, NotFoundException } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import { unreadableBodyException } from './body-errors';
import { allowedMethods, expressRoutes, type RouteEntry } from './route-methods';

/**
 * Answers a client's mistakes with the status that names them, never a 5xx: a known path
 * with a method it does not serve → 405 with `Allow` (Nest says 404); a body over the
 * limit (ADMIN_BODY_LIMIT_BYTES) → 413; a body the parsers refuse otherwise (unsupported
 * charset or encoding) → 400 with the reason, like malformed JSON. Everything else goes
 * to Nest's own handling.
 */
@Catch()
export class ClientErrorsFilter extends BaseExceptionFilter {
  private routes?: RouteEntry[];

  override catch(exception: unknown, host: ArgumentsHost): void {
    super.catch(this.clientError(exception, host) ?? exception, host);
  }

  private clientError(exception: unknown, host: ArgumentsHost): Error | undefined {
    const unreadable = unreadableBodyException(exception);
    if (unreadable) return unreadable;
    if (!(exception instanceof NotFoundException) || host.getType() !== 'http') return undefined;
    const http = host.switchToHttp();
    const req = http.getRequest<{ method: string; path: string }>();
    // Read once, on first use: routes are registered after the filter is created.
    this.routes ??= expressRoutes(this.httpAdapterHost?.httpAdapter?.getInstance() ?? this.applicationRef?.getInstance?.() ?? {});
    const allowed = allowedMethods(this.routes, req.path);
    if (allowed.length === 0 || allowed.includes(req.method.toUpperCase())) return undefined;
    http.getResponse<{ setHeader(name: string, value: string): void }>().setHeader('Allow', allowed.join(', '));
    return new MethodNotAllowedException(`${req.method} is not allowed on ${req.path}; allowed: ${allowed.join(', ')}`);
  }
}
