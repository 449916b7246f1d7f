import { KafkaJSConnectionError, KafkaJSNonRetriableError, KafkaJSNumberOfRetriesExceeded, KafkaJSProtocolError, KafkaJSRequestTimeoutError } from 'kafkajs';
import { DatabaseError } from 'pg';
import { DeadlineExceededError } from './deadline';
import { blamesInput, classifyError, errorCode, isTransient, statedRetryDelayMs } from './error-class';

/** pg's error as the server sends it: the SQLSTATE in `code`. */
function pgError(code: string, message = 'server says no'): DatabaseError {
  return Object.assign(new DatabaseError(message, 100, 'error'), { code, severity: 'ERROR' });
}

function systemError(code: string): Error {
  return Object.assign(new Error(`connect ${code} 127.0.0.1:5432`), { code, errno: -1, syscall: 'connect' });
}

function httpError(status: number): Error {
  return Object.assign(new Error(`status ${status}`), { status });
}

describe('classifyError', () => {
  it.each([
    ['ECONNREFUSED', systemError('ECONNREFUSED')],
    ['ECONNRESET', systemError('ECONNRESET')],
    ['ETIMEDOUT', systemError('ETIMEDOUT')],
    ['EPIPE', systemError('EPIPE')],
    ['EAI_AGAIN', systemError('EAI_AGAIN')],
    ['undici socket closed', systemError('UND_ERR_SOCKET')],
    ['fetch failed (a TypeError) caused by a reset', new TypeError('fetch failed', { cause: systemError('ECONNRESET') })],
    [
      'both addresses of localhost refused (AggregateError)',
      Object.assign(new AggregateError([systemError('ECONNREFUSED'), systemError('ECONNREFUSED')], ''), { code: 'ECONNREFUSED' }),
    ],
    ['AggregateError without a code of its own', new AggregateError([new Error('x'), systemError('EHOSTUNREACH')], '')],
    ['PostgreSQL 08006 connection failure', pgError('08006')],
    ['PostgreSQL 08P01 protocol violation (class 08)', pgError('08P01')],
    ['PostgreSQL 40001 serialization failure', pgError('40001')],
    ['PostgreSQL 40P01 deadlock', pgError('40P01')],
    ['PostgreSQL 53300 too many connections', pgError('53300')],
    ['PostgreSQL 57P01 admin shutdown (server restart)', pgError('57P01')],
    ['PostgreSQL 57P03 starting up', pgError('57P03')],
    ['PostgreSQL 57014 statement timeout', pgError('57014')],
    ['pg: Connection terminated unexpectedly (no code)', new Error('Connection terminated unexpectedly')],
    ['pg: Connection terminated due to connection timeout', new Error('Connection terminated due to connection timeout')],
    ['pg-pool: timeout exceeded when trying to connect', new Error('timeout exceeded when trying to connect')],
    ['kafkajs connection error (retriable)', new KafkaJSConnectionError('Connection error: connect ECONNREFUSED')],
    ['kafkajs request timeout', new KafkaJSRequestTimeoutError('Request Produce(key: 0, version: 7) timed out')],
    [
      'kafkajs retries exceeded, caused by a connection error',
      new KafkaJSNumberOfRetriesExceeded(new KafkaJSConnectionError('Connection error'), { retryCount: 5, retryTime: 1000 }),
    ],
    [
      'kafkajs protocol error the broker calls retriable',
      new KafkaJSProtocolError(Object.assign(new Error('leader moved'), { type: 'NOT_LEADER_FOR_PARTITION', code: 6, retriable: true })),
    ],
    ['HTTP 429', httpError(429)],
    ['HTTP 500', httpError(500)],
    ['HTTP 503', httpError(503)],
    ['HTTP 504', httpError(504)],
    ['HTTP 408 as statusCode', Object.assign(new Error('timeout'), { statusCode: 408 })],
    ['a TimeoutError by name', Object.assign(new Error('Timeout (10000ms)'), { name: 'TimeoutError' })],
    ['a deadline passed (withDeadline)', new DeadlineExceededError('producing: no answer within 60000 ms')],
    ['an error that says it is transient', Object.assign(new Error('node behind'), { errorClass: 'transient' })],
  ])('transient: %s', (_, error) => {
    expect(classifyError(error)).toBe('transient');
    expect(isTransient(error)).toBe(true);
  });

  it.each([
    ['PostgreSQL 22003 numeric overflow', pgError('22003', 'numeric field overflow')],
    ['PostgreSQL 22P02 invalid text representation', pgError('22P02')],
    ['PostgreSQL 23505 unique violation', pgError('23505')],
    ['PostgreSQL 23502 not-null violation', pgError('23502')],
    ['PostgreSQL 42601 syntax error', pgError('42601')],
    ['PostgreSQL 42P01 undefined table', pgError('42P01')],
    ['PostgreSQL 21000 ON CONFLICT touching a row twice', pgError('21000')],
    ['TypeError from bad data', new TypeError("Cannot read properties of null (reading 'amount0')")],
    ['RangeError from bad data', new RangeError('The number 1.5 cannot be converted to a BigInt because it is not an integer')],
    ['SyntaxError of BigInt("x")', new SyntaxError('Cannot convert x to a BigInt')],
    ['an undecodable record (states its class)', Object.assign(new Error('value is not Confluent wire-format Avro'), { errorClass: 'deterministic' })],
    ['HTTP 404', httpError(404)],
    ['HTTP 409 (incompatible schema)', httpError(409)],
    ['HTTP 422', httpError(422)],
    ['a deterministic error wrapped in a plain one', new Error('step failed', { cause: pgError('23505') })],
  ])('deterministic: %s', (_, error) => {
    expect(classifyError(error)).toBe('deterministic');
    expect(isTransient(error)).toBe(false);
  });

  it.each([
    ['a plain Error', new Error('boom')],
    ['a plain Error whose text says timeout (text is not read when no rule needs it)', new Error('request timeout while reading')],
    ['an Error with a code nobody classifies', Object.assign(new Error('Connection terminated unexpectedly'), { code: 'XYZ' })],
    ['PostgreSQL 25P02 in failed transaction', pgError('25P02')],
    ['PostgreSQL P0001 raise_exception', pgError('P0001')],
    ['HTTP 400 (mappersmith also reports "no answer" as 400)', httpError(400)],
    ['HTTP 501', httpError(501)],
    ['kafkajs non-retriable error with no transient cause', new KafkaJSNonRetriableError('The group is rebalancing')],
    ["a JSON-RPC code (numbers are libs/chain's business)", Object.assign(new Error('execution reverted'), { code: 3 })],
    ['a string', 'boom'],
    ['undefined', undefined],
    ['null', null],
  ])('unknown: %s', (_, error) => {
    expect(classifyError(error)).toBe('unknown');
    expect(isTransient(error)).toBe(false);
  });

  it('does not mistake a system code for a SQLSTATE (EPIPE has five capitals)', () => {
    expect(classifyError(Object.assign(new Error('x'), { code: 'EPIPE' }))).toBe('transient');
    expect(classifyError(Object.assign(new Error('x'), { code: 'EXDEV' }))).toBe('unknown');
  });

  it('lets a transient cause win over a deterministic wrapper', () => {
    expect(classifyError(new TypeError('fetch failed', { cause: systemError('ECONNREFUSED') }))).toBe('transient');
    expect(classifyError(new RangeError('bad', { cause: pgError('57P01') }))).toBe('transient');
  });

  it('stops on a cycle of causes', () => {
    const a = new Error('a') as Error & { cause?: unknown };
    const b = new Error('b', { cause: a });
    a.cause = b;
    expect(classifyError(a)).toBe('unknown');
    a.cause = Object.assign(new Error('c', { cause: a }), { code: 'ECONNRESET' });
    expect(classifyError(a)).toBe('transient');
  });
});

describe('blamesInput', () => {
  it.each([
    ['PostgreSQL 22003 numeric overflow', pgError('22003'), true],
    ['PostgreSQL 23514 check violation', pgError('23514'), true],
    ['PostgreSQL 21000 a row upserted twice in one statement', pgError('21000'), true],
    ['a TypeError (null.amount)', new TypeError("Cannot read properties of null (reading 'amount')"), true],
    ['PostgreSQL 42P01 undefined table: every record fails alike', pgError('42P01'), false],
    ['PostgreSQL 42703 undefined column, wrapped', new Error('sink failed', { cause: pgError('42703') }), false],
    ['a transient error', pgError('57P01'), false],
    ['an unknown error', new Error('boom'), false],
  ])('%s → %s', (_, error, expected) => {
    expect(blamesInput(error)).toBe(expected);
  });
});

describe('errorCode', () => {
  it('is the first code of the error and its causes, or undefined', () => {
    expect(errorCode(pgError('22003'))).toBe('22003');
    expect(errorCode(new Error('wrapped', { cause: pgError('23505') }))).toBe('23505');
    expect(errorCode(new Error('boom'))).toBeUndefined();
  });
});

describe('statedRetryDelayMs', () => {
  it('is the longest retryDelayMs the error or a cause states, and undefined when none does', () => {
    const slow = Object.assign(new Error('archive RPC required'), { errorClass: 'transient', retryDelayMs: 15_000 });
    expect(statedRetryDelayMs(new Error('wrapped', { cause: slow }))).toBe(15_000);
    expect(statedRetryDelayMs(Object.assign(new Error('x'), { retryDelayMs: 5, cause: slow }))).toBe(15_000);
    expect(statedRetryDelayMs(new Error('boom'))).toBeUndefined();
    expect(statedRetryDelayMs(Object.assign(new Error('bad'), { retryDelayMs: -1 }))).toBeUndefined();
  });
});
