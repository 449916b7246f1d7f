import { HttpRequestError, RpcRequestError, ResponseBodyTooLargeError, TimeoutError, LimitExceededRpcError } from 'viem';
import { isRangeError, rangeLimitHint } from './range-error';

const rpcError = (code: number, message: string) => new RpcRequestError({ body: {}, url: 'http://rpc', error: { code, message } });

describe('isRangeError', () => {
  it.each([
    ['Flare/coreth', rpcError(-32000, 'requested too many blocks from 100 to 5099, maximum is set to 30')],
    ['Infura -32005', rpcError(-32005, 'query returned more than 10000 results')],
    ['Alchemy', rpcError(-32602, 'Log response size exceeded. You can make eth_getLogs requests with up to a 2K block range')],
    ['QuickNode', rpcError(-32614, 'eth_getLogs is limited to a 10,000 range')],
    ['generic', rpcError(-32000, 'block range is too wide')],
    ['viem body cap', new ResponseBodyTooLargeError({ maxSize: 10, size: 20 })],
    ['wrapped by viem', new LimitExceededRpcError(rpcError(-32005, 'limit exceeded'))],
    ['plain Error', new Error('exceed max block range')],
  ])('recognises %s', (_, error) => expect(isRangeError(error)).toBe(true));

  it.each([
    ['HTTP 429', new HttpRequestError({ url: 'http://rpc', status: 429, details: 'Too Many Requests' })],
    ['rate limit message', rpcError(-32005, 'rate limit exceeded, retry later')],
    ['timeout', new TimeoutError({ body: {}, url: 'http://rpc' })],
    ['connection reset', new HttpRequestError({ url: 'http://rpc', cause: Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }) })],
    ['bad params', rpcError(-32602, 'invalid argument 0: hex string without 0x prefix')],
    ['nothing', undefined],
  ])('rejects %s', (_, error) => expect(isRangeError(error)).toBe(false));
});

describe('rangeLimitHint', () => {
  it.each([
    ['requested too many blocks from 0 to 100, maximum is set to 30', 30],
    ['Log response size exceeded. You can make eth_getLogs requests with up to a 2K block range', 2000],
    ['eth_getLogs is limited to a 10,000 range', 10000],
    ['exceed maximum block range: 5000', 5000],
    ['max block range is 1000', 1000],
  ])('reads the limit from "%s"', (message, limit) => expect(rangeLimitHint(rpcError(-32000, message))).toBe(limit));

  it('is undefined when the message names no limit', () => {
    expect(rangeLimitHint(rpcError(-32005, 'query returned more than 10000 results'))).toBeUndefined();
  });
});
