import { ConflictException, Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import type { Kafka, Producer } from 'kafkajs';
import type { Pool } from 'pg';
import { AvroCodec, createProducer, endOfReplayHeaders, type TopicNames } from '@lib/kafka';
import type { AppConfig, ReplaySettings } from '@lib/config';
import { APP_CONFIG, AVRO_CODEC, KAFKA, PG_POOL, TOPIC_NAMES } from '@lib/platform';
import { STEPS } from '@lib/pipeline';
import { DEFAULT_BACKOFF, backoffDelay, retry, sleep, withDeadline } from '@lib/common';
import { connectConfiguredChainClient, type ChainClient } from '@lib/chain';
import { BlockTimesUnavailableError } from '@lib/indexer';
import { prepareReplayRun } from './replay-prepare';
import { AdminMetrics } from '../metrics/admin-metrics';
import { ReplayRunRepository, type ReplayRun, type TopicOffsets } from './replay-run.repository';
import { ReplayRetryWindow } from './replay-retry';
import { replaySources, type ReplaySource } from './replay-sources';
import { SourceRowsRepository, START_CURSOR, type ChainCursor } from './source-rows.repository';
import { topicOffsets } from './topic-offsets';

/** Bytes of record values per produce request, well under the broker's default 1 MiB batch limit. */
const MAX_SEND_BYTES = 512 * 1024;
/** How long `stop` waits for the loop to reach a page boundary before it answers. */
const STOP_WAIT_MS = 10_000;

/** Set by the first source of an attempt that fails, so the other stops at its next page. */
interface Attempt {
  failed: boolean;
}

/**
 * The replay producer: streams the source tables onto their topics in chain order,
 * persisting its cursor after every acknowledged page, so a stopped or crashed run
 * resumes where it was (a crash re-sends at most one page; the sinks are idempotent).
 * A failure on the way (broker, database or registry unreachable) is retried the same
 * way, from the saved cursor with backoff, until the run has made no progress for
 * REPLAY_RETRY_FOR_MS; then the run is failed and `start` resumes it.
 */
@Injectable()
export class ReplayService implements OnModuleInit, OnApplicationShutdown {
  private readonly log = new Logger('Replay');
  private readonly runs: ReplayRunRepository;
  private readonly rows: SourceRowsRepository;
  private readonly sources: ReplaySource[];
  private producer?: Producer;
  private loop?: Promise<void>;
  /** What the running loop should do at its next page boundary. */
  private control: 'run' | 'pause' | 'stop' = 'run';
  /**
   * REPLAY_PAGE_SIZE (rows per page), REPLAY_MAX_ROWS_PER_SEC (caps the load a replay puts
   * on a production database and broker; 0 = as fast as possible), REPLAY_RETRY_FOR_MS (how
   * long a replay that makes no progress keeps retrying before its run is marked failed) and
   * REPLAY_STALL_MS: the longest one page's read, send or cursor write may take. kafkajs can
   * leave a send pending forever on a wedged connection, which would hang a "running" run
   * silently; past this the attempt fails and is retried from the cursor on a fresh producer.
   */
  private readonly settings: Readonly<ReplaySettings>;
  /** The chain client of the prepare phase, connected the first time a block lacks a time. */
  private chain?: Promise<ChainClient>;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(KAFKA) private readonly kafka: Kafka,
    @Inject(AVRO_CODEC) private readonly codec: AvroCodec,
    @Inject(TOPIC_NAMES) private readonly topics: TopicNames,
    private readonly metrics: AdminMetrics,
  ) {
    this.settings = config.replay;
    this.runs = new ReplayRunRepository(pool);
    this.rows = new SourceRowsRepository(pool);
    this.sources = replaySources(topics);
  }

  async onModuleInit(): Promise<void> {
    // An admin app restarted mid-run picks the run up where its cursor is.
    const run = await this.runs.latest();
    if (run?.state === 'running') {
      this.log.log({ message: `resuming run ${run.id} after a restart`, runId: run.id });
      this.launch(run);
    } else if (run?.state === 'paused') {
      this.control = 'pause';
      this.launch(run);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    // Leave the run's state as it is (running), so the next start of the app resumes it.
    this.control = 'stop';
    await this.loop?.catch(() => undefined);
    await this.producer?.disconnect();
  }

  latest(): Promise<ReplayRun | undefined> {
    return this.runs.latest();
  }

  isLooping(): boolean {
    return this.loop !== undefined;
  }

  /**
   * Starts a new run, or resumes a stopped one from its cursor. `asOf` (epoch seconds) is the
   * run's as-of time; without it, the block time of the newest source block (set by the prepare
   * phase). A resumed run keeps its own.
   */
  async start(steps?: string[], asOf?: number): Promise<ReplayRun> {
    const latest = await this.runs.latest();
    if (latest && (latest.state === 'running' || latest.state === 'paused')) {
      throw new ConflictException(`run ${latest.id} is already ${latest.state}; stop it first`);
    }
    if (this.loop) throw new ConflictException(`run ${latest?.id} is stopping: a page is still on its way to Kafka; start again in a minute`);
    let run: ReplayRun;
    if (latest?.state === 'stopped' || latest?.state === 'failed') {
      await this.runs.setState(latest.id, 'running');
      run = { ...latest, state: 'running' };
    } else {
      const admin = this.kafka.admin();
      await admin.connect();
      try {
        const startOffsets = await topicOffsets(admin, this.sources.map((s) => s.topic).concat(this.topics.attributedPositionEvents));
        const rowsTotal = await this.countRows();
        run = await this.runs.create({ rowsTotal, asOfTime: asOf ?? null, steps: steps?.length ? steps : STEPS.map((s) => s.name), startOffsets });
      } finally {
        await admin.disconnect();
      }
    }
    this.control = 'run';
    this.launch(run);
    return run;
  }

  async stop(): Promise<ReplayRun | undefined> {
    const run = await this.runs.latest();
    if (!run || (run.state !== 'running' && run.state !== 'paused')) return run;
    this.control = 'stop';
    // The loop stops at its next page boundary, normally at once; a page stuck in a send
    // ends within REPLAY_STALL_MS, longer than a client waits: the run is recorded stopped now,
    // and `start` answers 409 until the loop has let go (isLooping).
    if (this.loop) await Promise.race([this.loop.catch(() => undefined), sleep(STOP_WAIT_MS)]);
    await this.runs.setState(run.id, 'stopped');
    this.metrics.runEnded('stopped', run.startedAt);
    return this.runs.latest();
  }

  async pause(): Promise<ReplayRun> {
    const run = await this.runs.latest();
    if (!run || run.state !== 'running') throw new ConflictException('no running replay to pause');
    this.control = 'pause';
    await this.runs.setState(run.id, 'paused');
    return (await this.runs.latest())!;
  }

  async resume(): Promise<ReplayRun> {
    const run = await this.runs.latest();
    if (!run || run.state !== 'paused') throw new ConflictException('no paused replay to resume');
    this.control = 'run';
    await this.runs.setState(run.id, 'running');
    if (!this.loop) this.launch(run);
    return (await this.runs.latest())!;
  }

  private launch(run: ReplayRun): void {
    this.loop = this.replayRetrying(run).finally(() => {
      this.loop = undefined;
    });
  }

  /** Prepares and replays the run; after a failure, again from the cursor saved so far (see the class comment). */
  private async replayRetrying(run: ReplayRun): Promise<void> {
    try {
      run = await this.prepare(run);
    } catch (err) {
      const e = err as Error;
      const reason = e instanceof BlockTimesUnavailableError ? `prepare: ${e.message}` : `prepare failed: ${e.message}`;
      this.log.error({ message: `run ${run.id} failed: ${reason}`, runId: run.id }, e.stack);
      this.metrics.runEnded('failed', run.startedAt);
      await this.runs.setState(run.id, 'failed', reason).catch(() => undefined);
      return;
    }
    const window = new ReplayRetryWindow(this.settings.retryForMs);
    window.sawRows(run.rowsProduced);
    // The window numbers the retries (from 1 again after progress) and says when to give up.
    let failure = { attempt: 0, giveUp: false };
    try {
      await retry(
        async (attempt) => {
          if (attempt > 1) {
            run = (await this.runs.get(run.id)) ?? run; // the database may have been what failed
            window.sawRows(run.rowsProduced);
          }
          await this.replay(run);
        },
        {
          shouldRetry: () => {
            if (this.control === 'stop') return false; // stop() records the state
            failure = window.failed(Date.now());
            return !failure.giveUp;
          },
          delayMs: () => backoffDelay(failure.attempt, DEFAULT_BACKOFF, Math.random()),
          onRetry: async (err) => {
            this.log.warn({ message: `run ${run.id}: ${(err as Error).message}; retrying from the saved cursor`, runId: run.id, attempt: failure.attempt });
            await this.dropProducer();
          },
          sleep: (ms) => this.sleepUnlessStopped(ms),
        },
      );
    } catch (err) {
      if (!failure.giveUp) return; // stopped
      const e = err as Error;
      this.log.error({ message: `run ${run.id} failed: ${e.message}`, runId: run.id }, e.stack);
      this.metrics.runEnded('failed', run.startedAt);
      await this.runs.setState(run.id, 'failed', e.message).catch(() => undefined);
    }
  }

  private async replay(run: ReplayRun): Promise<void> {
    const producer = await this.connectedProducer();
    const ids = new Map<string, number>();
    for (const s of this.sources) ids.set(s.topic, await this.codec.register(`${s.topic}-value`, s.schema));
    // Both sources settle before a failure is raised, so a retry never runs beside a leftover loop.
    const attempt: Attempt = { failed: false };
    const results = await Promise.allSettled(
      this.sources.map((s) =>
        this.replaySource(run, s, producer, ids.get(s.topic)!, attempt).catch((err) => {
          attempt.failed = true;
          throw err;
        }),
      ),
    );
    const failure = results.find((r) => r.status === 'rejected');
    if (failure) throw failure.reason;
    if (!results.every((r) => r.status === 'fulfilled' && r.value)) return; // stopped or paused-then-stopped: the cursor says where to resume
    if (this.control === 'stop') return; // stopped as the last page went out: `start` writes the end markers
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      const topics = this.sources.map((s) => s.topic);
      await this.writeEndMarkers(admin, producer, topics, run);
      const endOffsets: TopicOffsets = await topicOffsets(admin, topics);
      await this.runs.finish(run.id, endOffsets);
      this.metrics.runEnded('replayed', run.startedAt);
      this.log.log({ message: `run ${run.id} replayed`, runId: run.id });
    } finally {
      await admin.disconnect();
    }
  }

  /** Streams one source from the run's cursor; true when it reached the end. */
  private async replaySource(run: ReplayRun, source: ReplaySource, producer: Producer, schemaId: number, attempt: Attempt): Promise<boolean> {
    const saved = run.cursor[source.cursorKey];
    let cursor = saved ? { blockNumber: saved.blockNumber, logIndex: saved.logIndex } : START_CURSOR;
    let produced = saved?.rows ?? 0;
    // The next page is read while the current one is sent: the database and the broker work at once.
    let nextPage = this.prefetch(source, cursor, run.id);
    const started = Date.now();
    const startRows = produced;
    for (;;) {
      while (this.control === 'pause') await new Promise((r) => setTimeout(r, 200));
      if (this.control === 'stop' || attempt.failed) return false;
      const rows = await withDeadline(nextPage, this.settings.stallMs, `reading ${source.table}`);
      if (rows.length === 0) return true;
      const last = rows[rows.length - 1];
      cursor = { blockNumber: Number(last.blockNumber), logIndex: Number(last.logIndex) };
      nextPage = this.prefetch(source, cursor, run.id);
      const messages = rows.map((r) => ({ key: source.keyOf(r), value: this.codec.encode(schemaId, source.toRecord(r)) }));
      // A page's records of one busy key land in one partition's record batch, which the
      // broker refuses over message.max.bytes (1 MiB by default): send in bounded chunks.
      for (const chunk of chunksByBytes(messages, MAX_SEND_BYTES)) {
        await withDeadline(producer.send({ topic: source.topic, acks: -1, messages: chunk }), this.settings.stallMs, `producing to ${source.topic}`);
      }
      produced += rows.length;
      this.metrics.replayRowsProduced.inc({ source: source.cursorKey }, rows.length);
      await withDeadline(this.runs.advance(run.id, source.cursorKey, { ...cursor, rows: produced }), this.settings.stallMs, 'saving the replay cursor');
      const maxRowsPerSec = this.settings.maxRowsPerSec;
      if (maxRowsPerSec > 0) {
        const due = started + ((produced - startRows) / maxRowsPerSec) * 1000;
        if (due > Date.now()) await new Promise((r) => setTimeout(r, due - Date.now()));
      }
    }
  }

  /** The prepare phase (replay-prepare.ts), logged: blocks filled from headers, how long, burns, as-of time. */
  private async prepare(run: ReplayRun): Promise<ReplayRun> {
    const prepared = await prepareReplayRun(this.pool, { runs: this.runs, rows: this.rows }, run, () => this.chainClient());
    const rate = prepared.blocksFilled > 0 ? ` (${Math.round(prepared.blocksFilled / Math.max(prepared.fillMs / 1000, 0.001))} blocks/s)` : '';
    this.log.log({
      message: `run ${run.id}: prepared in ${prepared.ms} ms: ${prepared.blocksFilled} block times filled from headers in ${prepared.fillMs} ms${rate}, ${prepared.burns} burns from transfers, as of ${prepared.run.asOfTime}`,
      runId: run.id,
      blocksFilled: prepared.blocksFilled,
      fillMs: prepared.fillMs,
      burns: prepared.burns,
    });
    return prepared.run;
  }

  private chainClient(): Promise<ChainClient> {
    // A failed connection is not kept: the next run tries again.
    this.chain ??= connectConfiguredChainClient(this.config).catch((err) => {
      this.chain = undefined;
      throw err;
    });
    return this.chain;
  }
  private async writeEndMarkers(admin: ReturnType<Kafka['admin']>, producer: Producer, topics: string[], run: ReplayRun): Promise<void> {
    const meta = await admin.fetchTopicMetadata({ topics });
    for (const t of meta.topics) {
      await producer.send({
        topic: t.name,
        acks: -1,
        messages: t.partitions.map((p) => ({
          key: null,
          value: null,
          partition: p.partitionId,
          // The partition count lets a step recompute only the keys of the marker's partition.
          headers: endOfReplayHeaders({ runId: run.id, asOf: run.asOfTime ?? 0, partitions: t.partitions.length }),
        })),
      });
    }
  }

  /** Waits `ms`, cut short by stop() so it never waits out a backoff. */
  private async sleepUnlessStopped(ms: number): Promise<void> {
    const until = Date.now() + ms;
    while (Date.now() < until && this.control !== 'stop') await sleep(Math.min(200, until - Date.now()));
  }

  /** Reads the page after `cursor`; a read left unawaited (the loop failed or stopped) must not crash the process. */
  private prefetch(source: ReplaySource, cursor: ChainCursor, runId: string): ReturnType<SourceRowsRepository['page']> {
    const page = this.rows.page(source.table, cursor, this.settings.pageSize, runId);
    page.catch(() => undefined);
    return page;
  }

  /** After a failure the next attempt starts on a fresh producer (fresh connections, fresh metadata). */
  private async dropProducer(): Promise<void> {
    const producer = this.producer;
    this.producer = undefined;
    await producer?.disconnect().catch(() => undefined);
  }

  private async connectedProducer(): Promise<Producer> {
    if (!this.producer) {
      this.producer = createProducer(this.kafka);
      await this.producer.connect();
    }
    return this.producer;
  }

  private async countRows(): Promise<number> {
    const counts = await Promise.all(this.sources.map((s) => this.rows.count(s.table)));
    return counts.reduce((a, b) => a + b, 0);
  }
}

/** Splits messages into consecutive chunks of at most `maxBytes` of keys and values (order kept). */
export function chunksByBytes<M extends { key: string | null; value: Buffer }>(messages: M[], maxBytes: number): M[][] {
  const chunks: M[][] = [];
  let current: M[] = [];
  let size = 0;
  for (const m of messages) {
    const bytes = m.value.length + (m.key?.length ?? 0) + 32;
    if (current.length > 0 && size + bytes > maxBytes) {
      chunks.push(current);
      current = [];
      size = 0;
    }
    current.push(m);
    size += bytes;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}
