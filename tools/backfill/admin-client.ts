/**
 * The CLI's only way to the backfill: the admin app's HTTP API (/api/admin/backfill), the
 * same one the dashboard uses. Errors are one sentence a person can act on.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig, type AppConfig } from '@lib/config';
import type { BackfillActionName } from '../../apps/admin/src/backfill/backfill-action';
import type { BackfillActionResult } from '../../apps/admin/src/backfill/backfill.service';
import type { BackfillStatus } from '../../apps/admin/src/backfill/backfill-status.service';
import type { EnrichedCounts } from '../../apps/admin/src/backfill/enriched-counts.service';

export type { BackfillStatus, EnrichedCounts };

/** Where `npm run backfill` keeps the token of the admin app it starts. */
export const LOCAL_TOKEN_FILE = join(__dirname, '..', '..', '..', '.stack', 'admin-token');

/** ADMIN_TOKEN (`config.adminToken`), else the local admin app's token when there is one. */
export function adminToken(config: Pick<AppConfig, 'adminToken'> = loadConfig()): string | undefined {
  if (config.adminToken) return config.adminToken;
  return existsSync(LOCAL_TOKEN_FILE) ? readFileSync(LOCAL_TOKEN_FILE, 'utf8').trim() : undefined;
}

export class AdminApiError extends Error {
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }
}

export class AdminClient {
  constructor(
    readonly baseUrl: string,
    private readonly token?: string,
  ) {}

  status(): Promise<BackfillStatus> {
    return this.request('GET', '/api/admin/backfill');
  }

  counts(): Promise<EnrichedCounts> {
    return this.request('GET', '/api/admin/backfill/counts');
  }

  act(action: BackfillActionName, steps?: string[]): Promise<BackfillActionResult> {
    if (!this.token)
      throw new AdminApiError("no admin token: set ADMIN_TOKEN to the admin app's token (npm run backfill keeps the local one in .stack/admin-token)");
    return this.request('POST', '/api/admin/backfill', steps ? { action, steps } : { action });
  }

  private async request<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
    const url = `${this.baseUrl}${path}`;
    let res: Response;
    try {
      res = await fetch(url, {
        method,
        headers: { 'content-type': 'application/json', ...(this.token ? { authorization: `Bearer ${this.token}` } : {}) },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(30_000),
      });
    } catch (error) {
      const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).name;
      throw new AdminApiError(`no admin app answers at ${this.baseUrl} (${cause}); start one (npm run backfill) or give --admin-url`);
    }
    const text = await res.text();
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new AdminApiError(`${method} ${url}: HTTP ${res.status}, not JSON: ${text.slice(0, 120)}`, res.status);
    }
    if (res.status === 401) throw new AdminApiError('the admin app refused the token (401): set ADMIN_TOKEN to the token it was started with', 401);
    if (!res.ok) {
      // Nest's error body: `message` is one sentence or, from validation, a list.
      const { message } = json as { message?: string | string[] };
      throw new AdminApiError(`${res.status} ${Array.isArray(message) ? message.join('; ') : (message ?? text.slice(0, 200))}`, res.status);
    }
    return json as T;
  }
}
