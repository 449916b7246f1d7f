import type { Transport } from 'viem';

/**
 * A viem transport that reports each JSON-RPC request's method before passing it on.
 * It wraps the transport's retrying `request`, so a call retried by viem counts once;
 * a multicall batch is one `eth_call`.
 */
export function observedTransport<T extends Transport>(transport: T, onRequest: (method: string) => void): T {
  const wrapped: Transport = (params) => {
    const inner = transport(params);
    const request: typeof inner.request = (args, options) => {
      onRequest(args.method);
      return inner.request(args, options);
    };
    return { ...inner, request };
  };
  return wrapped as T;
}
