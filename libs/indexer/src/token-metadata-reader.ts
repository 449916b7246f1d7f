/**
 * Reads symbol, name and decimals of ERC-20 tokens for "Pool" rows, once per token
 * (cached). Concurrent reads are batched into multicalls by the chain client.
 *
 * A call that reverts or returns garbage is a fact about the token: decimals become
 * NULL (never a default), symbol/name fall back to the bytes32 form some old tokens
 * use, else NULL (as production's "Pool" rows have it). A transient RPC error is not such a fact: it is retried and, if it
 * persists, fails the window (which is then not written, so a rerun reads again).
 */
import { hexToString, parseAbi, type Address, type Hex } from 'viem';
import { erc20Abi, isTransientError, memoize, retry, type ChainClient, type RetryOptions } from '@lib/chain';
import type { TokenMetadata } from './token-metadata';

const bytes32MetadataAbi = parseAbi(['function symbol() view returns (bytes32)', 'function name() view returns (bytes32)']);

/** Token address (lowercase) → metadata. */
export interface TokenMetadataReader {
  read(addresses: Iterable<string>): Promise<Map<string, TokenMetadata>>;
}

type Outcome<T> = { ok: true; value: T } | { ok: false };

async function attempt<T>(call: () => Promise<T>, retryOptions?: RetryOptions): Promise<Outcome<T>> {
  try {
    return { ok: true, value: await retry(call, retryOptions) };
  } catch (error) {
    if (isTransientError(error)) throw error;
    return { ok: false };
  }
}

/** A bytes32 symbol ("WETH\0\0…") as text; '' when it is not printable text. */
export function bytes32ToText(value: Hex): string {
  let text: string;
  try {
    // eslint-disable-next-line no-control-regex -- a bytes32 symbol is padded with NUL bytes, which this strips
    text = hexToString(value).replace(/\u0000+$/, '');
  } catch {
    return '';
  }
  // Control characters mean the bytes were not text.
  return /^[\x20-\x7e\u00a0-\uffff]*$/.test(text) ? text : '';
}

export function tokenMetadataReader(client: ChainClient, options: { retry?: RetryOptions } = {}): TokenMetadataReader {
  const readText = async (address: Address, functionName: 'symbol' | 'name'): Promise<string | null> => {
    const asString = await attempt(() => client.readContract({ address, abi: erc20Abi, functionName }), options.retry);
    if (asString.ok) return asString.value;
    const asBytes32 = await attempt(() => client.readContract({ address, abi: bytes32MetadataAbi, functionName }), options.retry);
    const text = asBytes32.ok ? bytes32ToText(asBytes32.value) : '';
    return text === '' ? null : text;
  };

  const readOne = memoize(
    async (address: string): Promise<TokenMetadata> => {
      const token = address as Address;
      const [symbol, name, decimals] = await Promise.all([
        readText(token, 'symbol'),
        readText(token, 'name'),
        attempt(() => client.readContract({ address: token, abi: erc20Abi, functionName: 'decimals' }), options.retry),
      ]);
      return { symbol, name, decimals: decimals.ok ? Number(decimals.value) : null };
    },
    (address) => address,
  );

  return {
    async read(addresses) {
      const unique = [...new Set([...addresses].map((a) => a.toLowerCase()))];
      const all = await Promise.all(unique.map((address) => readOne(address)));
      return new Map(unique.map((address, i) => [address, all[i]]));
    },
  };
}
