import {
  encodeEventTopics,
  formatLog,
  numberToHex,
  parseEventLogs,
  type AbiEvent,
  type Address,
  type Chain,
  type Client,
  type Log,
  type LogTopic,
  type Transport,
} from 'viem';
import {
  DEFAULT_WINDOW_TUNING,
  growBlockWindow,
  initialBlockWindow,
  nextBlockRange,
  shrinkBlockWindow,
  type BlockWindow,
  type BlockWindowTuning,
} from './block-window';
import { errorFacts } from './error-facts';
import { isRangeError, rangeLimitHint } from './range-error';
import { retry, type RetryOptions } from './retry';
import { isTransientError } from './transient-error';

/** A decoded log of one of `abiEvents`, with `eventName` and typed `args`. */
export type WindowLog<abiEvents extends readonly AbiEvent[]> = Log<bigint, number, false, undefined, true, abiEvents>;

export interface LogWindow<abiEvents extends readonly AbiEvent[]> {
  /** Inclusive range this page covers; pages are contiguous and in order. */
  fromBlock: bigint;
  toBlock: bigint;
  logs: WindowLog<abiEvents>[];
}

export interface RangeErrorNotice {
  fromBlock: bigint;
  toBlock: bigint;
  nextSize: number;
  error: unknown;
}

export interface GetLogsWindowedParameters<abiEvents extends readonly AbiEvent[]> {
  client: Client<Transport, Chain | undefined>;
  /** Emitting contract(s). An empty list yields nothing (an RPC would read it as "every address"). */
  address?: Address | readonly Address[];
  events: abiEvents;
  fromBlock: bigint;
  toBlock: bigint;
  /** Most blocks per `eth_getLogs` (config `indexerBlockWindow`). */
  window: number;
  tuning?: Partial<BlockWindowTuning>;
  /** Backoff for transient errors (timeouts, 429, 5xx, resets). */
  retry?: RetryOptions;
  /** Awaited for every page before it is yielded, e.g. to store it or report progress. */
  onWindow?: (page: LogWindow<abiEvents>) => void | Promise<void>;
  onRangeError?: (notice: RangeErrorNotice) => void;
}

function topicsFor(events: readonly AbiEvent[]): LogTopic[] {
  // One topic0 alternative per event: a single request returns all of them.
  const signatures = events.flatMap((event) => encodeEventTopics({ abi: [event], eventName: event.name } as Parameters<typeof encodeEventTopics>[0]));
  return [signatures as LogTopic];
}

function isTimeout(error: unknown): boolean {
  return errorFacts(error).names.includes('TimeoutError');
}

async function requestLogs<abiEvents extends readonly AbiEvent[]>(
  params: GetLogsWindowedParameters<abiEvents>,
  topics: LogTopic[],
  fromBlock: bigint,
  toBlock: bigint,
): Promise<WindowLog<abiEvents>[]> {
  const address = typeof params.address === 'string' ? params.address : params.address ? [...params.address] : undefined;
  const raw = await params.client.request(
    { method: 'eth_getLogs', params: [{ address, topics, fromBlock: numberToHex(fromBlock), toBlock: numberToHex(toBlock) }] },
    // Our own retry and range handling decide; viem's retries would delay shrinking.
    { retryCount: 0 },
  );
  const logs = raw.map((log) => formatLog(log));
  return parseEventLogs({ abi: params.events, logs, strict: true }) as unknown as WindowLog<abiEvents>[];
}

/**
 * Logs of `events` from `address` over [fromBlock, toBlock], one page per request of at most
 * `window` blocks. A range error halves the window (down to 1 block) or jumps to the limit the RPC
 * names; the window grows back after a run of successes. Transient errors are retried with backoff.
 */
export async function* getLogsWindowed<const abiEvents extends readonly AbiEvent[]>(
  params: GetLogsWindowedParameters<abiEvents>,
): AsyncGenerator<LogWindow<abiEvents>, void, undefined> {
  if (Array.isArray(params.address) && params.address.length === 0) return;
  if (params.fromBlock > params.toBlock) return;
  const tuning: BlockWindowTuning = { ...DEFAULT_WINDOW_TUNING, ...params.tuning };
  const topics = topicsFor(params.events);
  let window: BlockWindow = initialBlockWindow(params.window);
  let from = params.fromBlock;
  while (from <= params.toBlock) {
    const range = nextBlockRange(from, params.toBlock, window);
    const span = Number(range.toBlock - range.fromBlock + 1n);
    let logs: WindowLog<abiEvents>[];
    try {
      logs = await retry(() => requestLogs(params, topics, range.fromBlock, range.toBlock), {
        ...params.retry,
        shouldRetry: (error, attempt) => !isRangeError(error) && (params.retry?.shouldRetry ?? isTransientError)(error, attempt),
      });
    } catch (error) {
      // A timeout that survived the retries most likely means "too much at once" as well.
      if (span <= 1 || !(isRangeError(error) || isTimeout(error))) throw error;
      window = shrinkBlockWindow(window, span, rangeLimitHint(error));
      params.onRangeError?.({ ...range, nextSize: window.size, error });
      continue;
    }
    const page: LogWindow<abiEvents> = { ...range, logs };
    await params.onWindow?.(page);
    yield page;
    window = growBlockWindow(window, tuning);
    from = range.toBlock + 1n;
  }
}

/** All logs of `getLogsWindowed`, in chain order. */
export async function collectLogsWindowed<const abiEvents extends readonly AbiEvent[]>(
  params: GetLogsWindowedParameters<abiEvents>,
): Promise<WindowLog<abiEvents>[]> {
  const all: WindowLog<abiEvents>[] = [];
  for await (const page of getLogsWindowed(params)) all.push(...page.logs);
  return all;
}
