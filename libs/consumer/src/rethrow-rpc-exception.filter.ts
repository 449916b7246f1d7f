import { Catch, type ArgumentsHost } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import { throwError, type Observable } from 'rxjs';

/**
 * Nest's default RPC exception filter turns every error a handler throws into "Internal
 * server error". The batch runtime needs the real error — to retry it and to report it as
 * the step's last error — so step services hand it through unchanged. HTTP requests
 * (/metrics, /health) keep Nest's default handling.
 *
 * Register it on the app with `app.useGlobalFilters(...)` BEFORE `connectMicroservice(...,
 * { inheritAppConfig: true })`: a connected microservice builds its handlers, and with them
 * their filter list, when it is connected; a filter added to it afterwards is ignored.
 */
@Catch()
export class RethrowRpcExceptionFilter extends BaseExceptionFilter {
  override catch(exception: unknown, host: ArgumentsHost): Observable<never> | void {
    if (host.getType() === 'rpc') return throwError(() => exception);
    return super.catch(exception, host);
  }
}
