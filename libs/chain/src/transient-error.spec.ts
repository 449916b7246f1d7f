import { HttpRequestError, RpcRequestError, TimeoutError } from 'viem';
import { isRateLimitError, isTransientError } from './transient-error';

describe('isTransientError', () => {
  it.each([
    ['timeout', new TimeoutError({ body: {}, url: 'http://rpc' })],
    ['429', new HttpRequestError({ url: 'http://rpc', status: 429 })],
    ['502', new HttpRequestError({ url: 'http://rpc', status: 502 })],
    ['503', new HttpRequestError({ url: 'http://rpc', status: 503 })],
    ['ECONNRESET deep in the causes', new HttpRequestError({ url: 'http://rpc', cause: new Error('fetch failed', { cause: Object.assign(new Error('socket'), { code: 'ECONNRESET' }) }) })],
    ['JSON-RPC 429', new RpcRequestError({ body: {}, url: 'http://rpc', error: { code: 429, message: 'Too many requests' } })],
  ])('retries %s', (_, error) => expect(isTransientError(error)).toBe(true));

  it.each([
    ['revert', new RpcRequestError({ body: {}, url: 'http://rpc', error: { code: 3, message: 'execution reverted' } })],
    ['401', new HttpRequestError({ url: 'http://rpc', status: 401 })],
    ['bad params', new RpcRequestError({ body: {}, url: 'http://rpc', error: { code: -32602, message: 'invalid argument' } })],
  ])('does not retry %s', (_, error) => expect(isTransientError(error)).toBe(false));

  it('tells a rate limit from a range limit', () => {
    expect(isRateLimitError(new RpcRequestError({ body: {}, url: 'u', error: { code: -32005, message: 'daily request rate limit reached' } }))).toBe(true);
    expect(isRateLimitError(new RpcRequestError({ body: {}, url: 'u', error: { code: -32005, message: 'query returned more than 10000 results' } }))).toBe(false);
  });
});
