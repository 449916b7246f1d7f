/**
 * All logs of some events over one block range via `getLogsWindowed` (which pages,
 * shrinks the range on RPC range errors and retries transient errors), plus the logs it
 * could not decode. The raw answers are seen through a tap on the client's `request`.
 */
import type { AbiEvent, Address } from 'viem';
import { getLogsWindowed, type ChainClient, type RangeErrorNotice, type RetryOptions, type WindowLog } from '@lib/chain';
import type { SkippedLog } from './log-position';
import { undecodableLogs, type RpcLog } from './undecodable-logs';

export interface ScanLogsParameters<abiEvents extends readonly AbiEvent[]> {
  client: ChainClient;
  address: Address | readonly Address[];
  events: abiEvents;
  fromBlock: bigint;
  toBlock: bigint;
  /** Most blocks per `eth_getLogs`. */
  window: number;
  retry?: RetryOptions;
  onRangeError?: (notice: RangeErrorNotice) => void;
}

export interface ScannedLogs<abiEvents extends readonly AbiEvent[]> {
  logs: WindowLog<abiEvents>[];
  undecodable: SkippedLog[];
  requests: number;
}

/** A client whose `eth_getLogs` answers are also collected (one tap per scan: scans must not share it). */
function tapGetLogs(client: ChainClient): { client: ChainClient; raw: RpcLog[]; requests: () => number } {
  const raw: RpcLog[] = [];
  let requests = 0;
  const request = (async (args: { method: string }, options?: unknown) => {
    const result = await (client.request as (a: unknown, o?: unknown) => Promise<unknown>)(args, options);
    if (args.method === 'eth_getLogs' && Array.isArray(result)) {
      requests++;
      raw.push(...(result as RpcLog[]));
    }
    return result;
  }) as ChainClient['request'];
  return { client: { ...client, request } as ChainClient, raw, requests: () => requests };
}

export async function scanLogs<const abiEvents extends readonly AbiEvent[]>(params: ScanLogsParameters<abiEvents>): Promise<ScannedLogs<abiEvents>> {
  const tap = tapGetLogs(params.client);
  const logs: WindowLog<abiEvents>[] = [];
  for await (const page of getLogsWindowed({
    client: tap.client,
    address: params.address,
    events: params.events,
    fromBlock: params.fromBlock,
    toBlock: params.toBlock,
    window: params.window,
    retry: params.retry,
    onRangeError: params.onRangeError,
  })) {
    logs.push(...page.logs);
  }
  return { logs, undecodable: undecodableLogs(tap.raw, logs, params.events), requests: tap.requests() };
}
