import { blamesInput, classifyError, errorCode, retry, type RetryOptions } from '@lib/common';
import type { IncomingRecord, OutputMessage, Rejection, StepBatch, StepBatchHandler } from './step-handler';

/** Failures of the handler with an error of unknown class on one input before the input is taken as bad (the default). */
export const DEFAULT_UNKNOWN_ERROR_ATTEMPTS = 5;

/** The stages of a batch's handling: its records (whole, or a piece), and the run-end part (markers) once split. */
export type HandlerStage = 'handler' | 'run-end';

/** A record the handler failed on alone, with an error that repeats on it: it goes to the DLQ. */
export interface FailedRecord {
  offset: string;
  reason: string;
  /** `deterministic`: the error says so; `unknown`: an error of unknown class, `unknownErrorAttempts` times. */
  errorClass: 'deterministic' | 'unknown';
}

export interface IsolatedResult {
  /** The rejections of every piece, in piece (offset) order. */
  rejected: Rejection[];
  /** The output of every piece that succeeded, in offset order; then that of the run-end part. */
  output: OutputMessage[];
  failed: FailedRecord[];
}

export interface IsolationOptions {
  handler: StepBatchHandler;
  /** Failures with an unknown-class error on one input before it counts as deterministic; transient failures never count. Default 5. */
  unknownErrorAttempts?: number;
  /** The retry loop's plumbing for a stage: pauses and heartbeats, the stop and rebalance checks, reporting. The isolation decides what is retried. */
  retryOptions(stage: HandlerStage): Omit<RetryOptions, 'shouldRetry' | 'retries'>;
  /** Errors that end the batch at once, never retried nor split (a stopped consumer, a lost partition). */
  isFatal(error: unknown): boolean;
}

/** The handler failed on a set of records with an error that repeats on them: split it, or dead-letter the one record. */
class Isolate {
  constructor(
    readonly error: unknown,
    readonly errorClass: FailedRecord['errorClass'],
    readonly attempts: number,
  ) {}
}

/**
 * Runs a batch through the handler, isolating the records it cannot take:
 * - a transient error (and a deterministic one that blames the statement, not the data:
 *   SQLSTATE class 42) is retried with backoff, with no limit, as before;
 * - a deterministic error, or an unknown-class one that failed `unknownErrorAttempts`
 *   times on the same records, splits the records in two halves, each run on its own
 *   (recursively, left first), until the failing single record is found: it is returned
 *   as failed with the reason; every other record is handled (written) once in a piece
 *   that succeeded.
 *
 * The handler writes a piece's rows in one transaction, so pieces are independent; a
 * failed attempt wrote nothing. End-of-replay markers go with the whole batch on the
 * first attempt; once the batch is split, the pieces carry none and the markers are run
 * once, after every piece, as a batch without records (`run-end`). A failure there cannot
 * be pinned on a record: it is retried with backoff whatever its class, never dropped.
 */
export async function handleIsolating(batch: StepBatch<unknown>, opts: IsolationOptions): Promise<IsolatedResult> {
  const bound = opts.unknownErrorAttempts ?? DEFAULT_UNKNOWN_ERROR_ATTEMPTS;
  if (!Number.isInteger(bound) || bound < 1) throw new Error(`unknownErrorAttempts must be a positive integer, not ${bound}`);
  const out: IsolatedResult = { rejected: [], output: [], failed: [] };
  const take = (r: { rejected?: Rejection[]; output?: OutputMessage[] } | void) => {
    out.rejected.push(...(r?.rejected ?? []));
    out.output.push(...(r?.output ?? []));
  };

  /** The handler on these records (and markers), retried until it succeeds or the failure is pinned on the records. */
  const attempt = async (piece: StepBatch<unknown>) => {
    let unknown = 0;
    try {
      return await retry(() => opts.handler(piece), {
        ...opts.retryOptions('handler'),
        shouldRetry: (err) => {
          if (opts.isFatal(err)) return false;
          if (blamesInput(err)) return false;
          if (classifyError(err) !== 'unknown') return true; // transient, or the statement's own fault
          return ++unknown < bound;
        },
      });
    } catch (err) {
      if (opts.isFatal(err)) throw err;
      throw new Isolate(err, classifyError(err) === 'deterministic' ? 'deterministic' : 'unknown', unknown);
    }
  };

  const runEnd = () =>
    retry(() => opts.handler({ ...batch, records: [] }), {
      ...opts.retryOptions('run-end'),
      shouldRetry: (err) => !opts.isFatal(err),
    });

  /** Records in offset order; `failure`: the handler already failed on exactly these records (no markers). */
  const run = async (records: IncomingRecord<unknown>[], failure?: Isolate): Promise<void> => {
    if (!failure) {
      try {
        take(await attempt({ ...batch, records, markers: [] }));
        return;
      } catch (err) {
        if (!(err instanceof Isolate)) throw err;
        failure = err;
      }
    }
    if (records.length === 1) {
      out.failed.push({ offset: records[0].offset, reason: reasonOf(failure), errorClass: failure.errorClass });
      return;
    }
    const middle = Math.ceil(records.length / 2);
    await run(records.slice(0, middle));
    await run(records.slice(middle));
  };

  if (batch.records.length === 0) {
    take(await runEnd());
    return out;
  }
  try {
    take(await attempt(batch));
    return out;
  } catch (err) {
    if (!(err instanceof Isolate)) throw err;
    // With markers, the failure may be the run-end part's: the records are tried again without them first.
    await run(batch.records, batch.markers.length > 0 ? undefined : err);
  }
  if (batch.markers.length > 0) take(await runEnd());
  return out;
}

/** The dead letter's reason: the class, the code where there is one, the error's message (and pg's detail). */
function reasonOf(f: Isolate): string {
  const error = f.error as { message?: unknown; detail?: unknown };
  const message = typeof error?.message === 'string' ? error.message : String(f.error);
  const detail = typeof error?.detail === 'string' && error.detail !== '' ? ` (${error.detail})` : '';
  const code = errorCode(f.error);
  const what = f.errorClass === 'unknown' ? `unknown error, failed ${f.attempts} times` : 'deterministic error';
  return `${what}${code ? ` ${code}` : ''} on this record: ${message}${detail}`;
}
