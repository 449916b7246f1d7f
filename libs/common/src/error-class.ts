import { DeadlineExceededError } from './deadline';

/**
 * What an error says about trying again:
 * - `transient`: the same operation may succeed later unchanged (a connection refused or
 *   reset, a timeout, a database restarting, a serialization failure, HTTP 429/5xx);
 * - `deterministic`: the same input fails the same way every time (a value out of range,
 *   a constraint violated, a query that does not parse, bytes that are not Avro);
 * - `unknown`: no rule knows it (a plain `Error('boom')`); each caller decides.
 */
export type ErrorClass = 'transient' | 'deterministic' | 'unknown';

/**
 * An error may state its own class (`UndecodableRecordError` says `deterministic`); the
 * classifier honours it like any other rule.
 */
export interface ClassifiedError {
  errorClass: Exclude<ErrorClass, 'unknown'>;
  /**
   * The shortest pause before the same operation is worth trying again, when the error
   * knows it (`ArchiveRequiredError` of libs/chain: the node will not have the state in
   * a second either). Retry loops that honour it: the batch processor's (`statedRetryDelayMs`).
   */
  retryDelayMs?: number;
}

/** Node and undici system codes of a connection that failed or died. */
const TRANSIENT_SYSTEM_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENETDOWN',
  'EAI_AGAIN',
  'ENOTFOUND',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'UND_ERR_CLOSED',
]);

/**
 * PostgreSQL SQLSTATE (`code` of pg's DatabaseError). Transient: the classes 08
 * (connection exception) and 53 (insufficient resources), serialization failure and
 * deadlock, lock timeout, a query cancelled (statement timeout), the server shutting down
 * or starting up (57P01/02/03) and an idle session ended (57P05).
 */
const TRANSIENT_SQLSTATE_CLASSES = new Set(['08', '53']);
const TRANSIENT_SQLSTATES = new Set(['40001', '40P01', '55P03', '57014', '57P01', '57P02', '57P03', '57P05']);
/** Deterministic: 21 cardinality violation, 22 data exception (22003 numeric overflow), 23 integrity constraint violation, 42 syntax error or undefined object. */
const DETERMINISTIC_SQLSTATE_CLASSES = new Set(['21', '22', '23', '42']);
/** Five characters, digits and capitals, at least one digit: a SQLSTATE, never a system code like EPIPE. */
const SQLSTATE = /^(?=.*\d)[0-9A-Z]{5}$/;

/** HTTP statuses worth another try (the same set libs/chain has always retried). */
const TRANSIENT_STATUSES = new Set([408, 425, 429, 500, 502, 503, 504]);
/**
 * HTTP statuses that the same request gets again. 400 is not among them: mappersmith (the
 * schema registry client) reports a request that got no answer at all as a 400.
 */
const DETERMINISTIC_STATUSES = new Set([401, 403, 404, 405, 409, 410, 413, 415, 422]);

/** Error classes a bad value raises (`BigInt('x')`, `null.amount`, a number out of range, `JSON.parse`). */
const DETERMINISTIC_NAMES = new Set(['TypeError', 'RangeError', 'SyntaxError']);

/**
 * pg and pg-pool raise these with no code at all; their text is all there is. Only errors
 * without a `code` are matched against them.
 */
const CODELESS_TRANSIENT_MESSAGES = [
  /^Connection terminated\b/, // "… unexpectedly", "… due to connection timeout"
  /^timeout exceeded when trying to connect$/,
  /^Query read timeout$/,
  /^Client has encountered a connection error and is not queryable$/,
];

/** How many errors of a chain of causes (and of an AggregateError's `errors`) are read, against cycles. */
const MAX_ERRORS = 64;

function field(value: object, key: string): unknown {
  return (value as Record<string, unknown>)[key];
}

/** The class one error states by itself, without its causes. */
function classOfOne(error: object): ErrorClass {
  const stated = field(error, 'errorClass');
  if (stated === 'transient' || stated === 'deterministic') return stated;
  if (error instanceof DeadlineExceededError) return 'transient';
  // kafkajs marks every error it would retry itself (connection, request timeout, leader moved, ...).
  if (field(error, 'retriable') === true) return 'transient';

  const code = field(error, 'code');
  if (typeof code === 'string') {
    if (TRANSIENT_SYSTEM_CODES.has(code)) return 'transient';
    if (SQLSTATE.test(code)) {
      const sqlClass = code.slice(0, 2);
      if (TRANSIENT_SQLSTATE_CLASSES.has(sqlClass) || TRANSIENT_SQLSTATES.has(code)) return 'transient';
      if (DETERMINISTIC_SQLSTATE_CLASSES.has(sqlClass)) return 'deterministic';
    }
  }

  for (const key of ['status', 'statusCode']) {
    const status = field(error, key);
    if (typeof status !== 'number') continue;
    if (TRANSIENT_STATUSES.has(status)) return 'transient';
    if (DETERMINISTIC_STATUSES.has(status)) return 'deterministic';
  }

  const name = field(error, 'name');
  if (name === 'TimeoutError') return 'transient'; // viem, mappersmith, AbortSignal.timeout()
  if (code === undefined) {
    const message = field(error, 'message');
    if (typeof message === 'string' && CODELESS_TRANSIENT_MESSAGES.some((pattern) => pattern.test(message))) return 'transient';
  }
  if (typeof name === 'string' && DETERMINISTIC_NAMES.has(name)) return 'deterministic';
  return 'unknown';
}

/** The error, the chain of its causes, and the errors an AggregateError gathers. */
function errorsIn(error: unknown): object[] {
  const seen = new Set<object>();
  const queue: unknown[] = [error];
  while (queue.length > 0 && seen.size < MAX_ERRORS) {
    const current = queue.shift();
    if (typeof current !== 'object' || current === null || seen.has(current)) continue;
    seen.add(current);
    queue.push(field(current, 'cause'));
    const errors = field(current, 'errors');
    if (Array.isArray(errors)) queue.push(...errors);
  }
  return [...seen];
}

/**
 * Classifies by code and class, not by message text (except pg's few errors that have no
 * code). The error and all its causes are read: any transient one makes the whole
 * transient (a `TypeError('fetch failed')` caused by ECONNRESET is a dropped connection,
 * a kafkajs "retries exceeded" caused by a connection error is an outage); otherwise any
 * deterministic one makes it deterministic; otherwise it is unknown.
 */
export function classifyError(error: unknown): ErrorClass {
  const classes = errorsIn(error).map(classOfOne);
  if (classes.includes('transient')) return 'transient';
  if (classes.includes('deterministic')) return 'deterministic';
  return 'unknown';
}

/** The longest `retryDelayMs` the error or one of its causes states (ClassifiedError), if any. */
export function statedRetryDelayMs(error: unknown): number | undefined {
  const stated = errorsIn(error)
    .map((e) => field(e, 'retryDelayMs'))
    .filter((ms): ms is number => typeof ms === 'number' && Number.isFinite(ms) && ms > 0);
  return stated.length > 0 ? Math.max(...stated) : undefined;
}

export function isTransient(error: unknown): boolean {
  return classifyError(error) === 'transient';
}

/**
 * SQLSTATE classes of a statement that is wrong whatever values it carries: 42 (a syntax
 * error, an undefined table or column, a missing privilege). Deterministic, but the fault
 * of the code or the schema, never of one record.
 */
const STATEMENT_SQLSTATE_CLASSES = new Set(['42']);

/** The first `code` (a SQLSTATE, a system or library code) of the error and its causes. */
export function errorCode(error: unknown): string | undefined {
  for (const e of errorsIn(error)) {
    const code = field(e, 'code');
    if (typeof code === 'string' && code !== '') return code;
    if (typeof code === 'number') return String(code);
  }
  return undefined;
}

/**
 * Whether a failure can be pinned on the input it was given: a deterministic error that
 * is not a statement's own fault (SQLSTATE class 42: a missing table fails every record
 * alike, so isolating records would dead-letter them all). Unknown and transient errors
 * are not pinned by this rule (the batch runtime counts repeats of unknown ones itself).
 */
export function blamesInput(error: unknown): boolean {
  if (classifyError(error) !== 'deterministic') return false;
  return !errorsIn(error).some((e) => {
    const code = field(e, 'code');
    return typeof code === 'string' && SQLSTATE.test(code) && STATEMENT_SQLSTATE_CLASSES.has(code.slice(0, 2));
  });
}
