import { HttpRequestError, RpcRequestError, TimeoutError } from 'viem';
import { classifyChainError, isRateLimitError, isTransientError } from './transient-error';

describe('isTransientError', () => {
  it.each([
    ['timeout', new TimeoutError({ body: {}, url: 'http://rpc' })],
    ['429', new HttpRequestError({ url: 'http://rpc', status: 429 })],
    ['502', new HttpRequestError({ url: 'http://rpc', status: 502 })],
    ['503', new HttpRequestError({ url: 'http://rpc', status: 503 })],
    [
      'ECONNRESET deep in the causes',
      new HttpRequestError({ url: 'http://rpc', cause: new Error('fetch failed', { cause: Object.assign(new Error('socket'), { code: 'ECONNRESET' }) }) }),
    ],
    ['JSON-RPC 429', new RpcRequestError({ body: {}, url: 'http://rpc', error: { code: 429, message: 'Too many requests' } })],
    ['JSON-RPC -32603 internal error', new RpcRequestError({ body: {}, url: 'http://rpc', error: { code: -32603, message: 'internal' } })],
    ['408', new HttpRequestError({ url: 'http://rpc', status: 408 })],
    ['425', new HttpRequestError({ url: 'http://rpc', status: 425 })],
    ['500', new HttpRequestError({ url: 'http://rpc', status: 500 })],
    ['504', new HttpRequestError({ url: 'http://rpc', status: 504 })],
    ['an AbortError', Object.assign(new Error('This operation was aborted'), { name: 'AbortError' })],
    ['undici connect timeout', Object.assign(new Error('Connect Timeout Error'), { code: 'UND_ERR_CONNECT_TIMEOUT' })],
    [
      'a provider text with no code',
      new RpcRequestError({ body: {}, url: 'http://rpc', error: { code: -32000, message: 'header not found, please try again' } }),
    ],
    ['a bare string', 'socket hang up'],
  ])('retries %s', (_, error) => expect(isTransientError(error)).toBe(true));

  it.each([
    ['revert', new RpcRequestError({ body: {}, url: 'http://rpc', error: { code: 3, message: 'execution reverted' } })],
    ['401', new HttpRequestError({ url: 'http://rpc', status: 401 })],
    ['bad params', new RpcRequestError({ body: {}, url: 'http://rpc', error: { code: -32602, message: 'invalid argument' } })],
    ['501', new HttpRequestError({ url: 'http://rpc', status: 501 })],
    ['400', new HttpRequestError({ url: 'http://rpc', status: 400 })],
    ['a plain error', new Error('boom')],
  ])('does not retry %s', (_, error) => expect(isTransientError(error)).toBe(false));

  it('tells a rate limit from a range limit', () => {
    expect(isRateLimitError(new RpcRequestError({ body: {}, url: 'u', error: { code: -32005, message: 'daily request rate limit reached' } }))).toBe(true);
    expect(isRateLimitError(new RpcRequestError({ body: {}, url: 'u', error: { code: -32005, message: 'query returned more than 10000 results' } }))).toBe(
      false,
    );
  });
});

describe('classifyChainError', () => {
  it.each([
    ['revert (JSON-RPC 3)', 'deterministic', new RpcRequestError({ body: {}, url: 'http://rpc', error: { code: 3, message: 'execution reverted' } })],
    ['invalid params (-32602)', 'deterministic', new RpcRequestError({ body: {}, url: 'http://rpc', error: { code: -32602, message: 'invalid argument' } })],
    ['method not found (-32601)', 'deterministic', new RpcRequestError({ body: {}, url: 'http://rpc', error: { code: -32601, message: 'no such method' } })],
    ['401 (the common rule)', 'deterministic', new HttpRequestError({ url: 'http://rpc', status: 401 })],
    ['internal error (-32603)', 'transient', new RpcRequestError({ body: {}, url: 'http://rpc', error: { code: -32603, message: 'internal' } })],
    ['a revert text behind a rate limit', 'transient', new RpcRequestError({ body: {}, url: 'http://rpc', error: { code: 3, message: 'rate limit reached' } })],
    ['a generic server error (-32000)', 'unknown', new RpcRequestError({ body: {}, url: 'http://rpc', error: { code: -32000, message: 'missing trie node' } })],
  ])('%s is %s', (_, expected, error) => expect(classifyChainError(error)).toBe(expected));
});
