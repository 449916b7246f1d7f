import { randomBytes } from 'node:crypto';
import { createChainClient } from '@lib/chain';
import { createTestDatabase, tableChecksum, type ChecksumTarget, type TestDatabase } from '@lib/db';
import { createChainReaders, indexChain, manifestDexSources, manifestLastBlock, parseChainManifest } from '@lib/indexer';
import { createKafka } from '@lib/kafka';
import { freePort } from '@lib/local-chain';
import { loadConfig } from '@lib/config';
import { readFileSync } from 'node:fs';
import { fillBlockTimesFromFullShapeRows } from './block-time-fixture';
import { sharedChain, type ChainFixture } from './chain-fixture';
import { ServiceProcess } from './service-process';
import { waitFor } from './wait-for';
import type { BackfillActionResult } from '../../apps/admin/src/backfill/backfill.service';
import type { BackfillStatus, StepStatus } from '../../apps/admin/src/backfill/backfill-status.service';

export type { BackfillStatus, StepStatus };

export const ADMIN_TOKEN = 'test-admin-token';

/** A POST's JSON body: the action's result when accepted, Nest's error body (`statusCode`, `message`) when refused. */
export type AdminPostBody = Partial<BackfillActionResult> & { statusCode?: number; message?: string | string[]; error?: string };

/** Step `name` of a status answer; throws when the answer has no such step. */
export function stepStatus(status: BackfillStatus, name: string): StepStatus {
  const step = status.steps.find((s) => s.name === name);
  if (!step) throw new Error(`no step ${name} in the status answer`);
  return step;
}

/**
 * One isolated pipeline on the shared stack and chain: its own database (the shared
 * chain indexed into it), topic/group prefix and ports; the admin app and step services
 * as real processes. `close()` stops them and removes what the test created.
 */
export class PipelineFixture {
  readonly services: ServiceProcess[] = [];
  admin?: ServiceProcess;
  /** Extra environment for every process, e.g. a replay throttle for tests of stopping mid-run. */
  extraEnv: NodeJS.ProcessEnv = {};

  private constructor(
    readonly db: TestDatabase,
    readonly chain: ChainFixture,
    readonly prefix: string,
    readonly adminPort: number,
  ) {}

  /**
   * `shape: 'production'` indexes the rows production has (docs/indexer.md, *Two shapes*; no cut,
   * no quirks) and, as production never had our indexer, leaves `block_time` empty: a run's
   * prepare phase reads every block's time from headers.
   */
  static async create(options: { shape?: 'full' | 'production' } = {}): Promise<PipelineFixture> {
    const chain = sharedChain();
    const db = await createTestDatabase();
    const manifest = parseChainManifest(readFileSync(chain.manifestPath, 'utf8'), chain.manifestPath);
    const shape = options.shape ?? 'full';
    await indexChain({
      readers: createChainReaders(createChainClient(chain.rpcUrl)),
      db: db.pool,
      dexes: manifestDexSources(manifest),
      toBlock: manifestLastBlock(manifest),
      window: 5000,
      shape,
    });
    if (shape === 'production') await db.pool.query('DELETE FROM block_time');
    // The steps read event times from block_time: the full-shape rows' own stamps are their blocks' times.
    else await fillBlockTimesFromFullShapeRows(db.pool);
    return new PipelineFixture(db, chain, `t${randomBytes(4).toString('hex')}.`, await freePort());
  }

  get env(): NodeJS.ProcessEnv {
    return {
      DATABASE_URL: this.db.url,
      LP_NAME_PREFIX: this.prefix,
      FLARE_RPC_URL: this.chain.rpcUrl,
      ANKR_HTTP_URL: '',
      ADMIN_TOKEN,
      ADMIN_PORT: String(this.adminPort),
      KAFKA_PARTITIONS: '3',
      // The scenario's USD stablecoin and wrapped native token, for the price source.
      LP_USD_STABLECOINS: this.chain.manifest.tokens
        .filter((t) => t.role === 'stablecoin')
        .map((t) => t.address)
        .join(','),
      LP_WRAPPED_NATIVE: this.chain.manifest.tokens.find((t) => t.role === 'wrapped-native')?.address ?? '',
      // The scenario's position managers by DEX, as Flare's two are known by address: production rows name no DEX.
      LP_DEX_MANAGERS: this.chain.manifest.dexes.map((d) => `${d.id}=${d.positionManager}`).join(','),
      ...this.extraEnv,
    };
  }

  async startAdmin(): Promise<ServiceProcess> {
    this.admin = ServiceProcess.admin(this.env);
    await this.admin.waitForOutput(/listening on/);
    return this.admin;
  }

  async startStep(step: string): Promise<ServiceProcess> {
    const s = ServiceProcess.step(step, { ...this.env, METRICS_PORT: String(await freePort()) }, this.services.length + 1);
    this.services.push(s);
    await s.waitForOutput(/"instance"/);
    return s;
  }

  async post(body: unknown, token: string | null = ADMIN_TOKEN): Promise<{ status: number; body: AdminPostBody | undefined }> {
    const res = await fetch(`http://127.0.0.1:${this.adminPort}/api/admin/backfill`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json().catch(() => undefined)) as AdminPostBody | undefined };
  }

  async status(): Promise<BackfillStatus> {
    const res = await fetch(`http://127.0.0.1:${this.adminPort}/api/admin/backfill`);
    return (await res.json()) as BackfillStatus;
  }

  /** Waits until the latest run's state is `state` (e.g. completed). */
  async waitForState(state: string, timeoutMs = 180_000): Promise<BackfillStatus> {
    try {
      return await waitFor(
        () => this.status(),
        (s) => s.state === state,
        `backfill state ${state}`,
        timeoutMs,
      );
    } catch (err) {
      // What the processes last said is what explains a hang: keep it in the failure.
      const tails = [this.admin, ...this.services].filter((p) => p !== undefined).map((p) => `--- ${p.name}:\n${p.tail(30)}`);
      throw new Error(`${(err as Error).message}\n${tails.join('\n')}`);
    }
  }

  /** The tables step 1 writes, as checksums. */
  async attributionChecksums(): Promise<string[]> {
    return [await this.checksum('PositionEvent'), await this.checksum('position_registry'), await this.checksum('attributed_event')];
  }

  /** Records in a topic (under this fixture's prefix) between two offset maps. */
  static recordsBetween(start: Record<string, string>, end: Record<string, string>): number {
    return Object.entries(end).reduce((n, [p, e]) => n + Number(e) - Number(start[p] ?? 0), 0);
  }

  /** A checksum of a table's rows (or some columns of them): equal checksums = identical tables. */
  checksum(target: ChecksumTarget): Promise<string> {
    return tableChecksum(this.db.pool, target);
  }

  async close(): Promise<void> {
    await Promise.all(this.services.map((s) => s.stop('SIGKILL')));
    await this.admin?.stop('SIGKILL');
    const admin = createKafka(loadConfig()).admin();
    await admin.connect();
    try {
      const topics = (await admin.listTopics()).filter((t) => t.startsWith(this.prefix));
      if (topics.length) await admin.deleteTopics({ topics });
      const groups = (await admin.listGroups()).groups.map((g) => g.groupId).filter((g) => g.startsWith(this.prefix));
      if (groups.length) await admin.deleteGroups(groups).catch(() => undefined);
    } finally {
      await admin.disconnect();
    }
    await this.db.drop();
  }
}
