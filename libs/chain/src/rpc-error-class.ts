import { classifyError, type ClassifiedError } from '@lib/common';

/**
 * What a failed chain read says about the chain (DESIGN.md section 4: "RPC errors are
 * classified, never guessed from a message"):
 * - `revert`: the call ran and the contract said no, with revert data to show for it
 *   (`positions()` of a burned token: `Error("Invalid token ID")`), or the call ran and
 *   answered no data at all (no contract at that address at that block). A fact about the
 *   chain: the only kind a reader may turn into "burned" / "absent".
 * - `transient`: the node failed, not the call: JSON-RPC −32603 without revert data, −32005
 *   (limit exceeded), 429 (as a JSON-RPC code or an HTTP status), HTTP 5xx, a timeout, a
 *   dropped connection, a body that does not parse (truncated), "header not found".
 * - `state-unavailable`: the node has pruned the state of that block (geth's, bor's and
 *   coreth's "missing trie node", geth's path-scheme "historical state … is not available"):
 *   it is not an archive node, and no retry against it will help.
 * - `deterministic`: the request itself is wrong (−32600 invalid request, −32601 method
 *   not found, −32602 invalid params, HTTP 4xx other than 408/425/429).
 * - `unknown`: none of the above.
 *
 * Order: revert data first (a revert is a revert whatever code carries it), then pruned
 * state, then transient, then deterministic. viem wraps an RPC error several levels deep
 * (`ContractFunctionExecutionError` → `ContractFunctionRevertedError` → `CallExecutionError`
 * → `InternalRpcError` → `RpcRequestError`), and reports a −32603 on an `eth_call` as "the
 * contract function reverted" without data, so the whole `cause` chain is read.
 */
export type RpcErrorKind = 'revert' | 'transient' | 'state-unavailable' | 'deterministic' | 'unknown';

/** EIP-1474 / geth codes. */
const EXECUTION_REVERTED = 3;
const INTERNAL_ERROR = -32603;
/** −32005 limit exceeded (EIP-1474), −32007 QuickNode's request limit, 429 in the JSON-RPC body (Alchemy batches). */
const TRANSIENT_CODES = new Set([INTERNAL_ERROR, -32005, -32007, 429]);
/** Invalid request, method not found, invalid params, method not supported. */
const DETERMINISTIC_CODES = new Set([-32600, -32601, -32602, -32004]);
/** Server errors (implementation-defined range) carry their meaning only in their message. */
const isServerErrorCode = (code: number) => code <= -32000 && code >= -32099;

/**
 * Last resort, after codes: geth and its forks report pruned state and a block they do not
 * have as −32000 ("server error") with nothing but a message, the same code as many other
 * failures. Only an error that carries a JSON-RPC server-error code (or −32603) is matched,
 * and only against these texts.
 */
const PRUNED_STATE_MESSAGES = [
  /missing trie node/i, // geth (hash scheme), bor, coreth/go-flare: "missing trie node <hash> (path …)"
  /historical state [^ ]* ?is not available/i, // geth (path scheme)
  /required historical state unavailable/i, // geth, state history gone
];
const MISSING_HEADER_MESSAGES = [/header not found/i, /unknown block/i];

/** HTTP statuses of a node or a gateway that failed (as `classifyError`), and of requests that will fail again. */
const TRANSIENT_STATUSES = new Set([408, 425, 429, 500, 502, 503, 504]);

const MAX_ERRORS = 32;

function field(value: object, key: string): unknown {
  return (value as Record<string, unknown>)[key];
}

/** The error and the chain of its causes, bounded against cycles. */
function chainOf(error: unknown): object[] {
  const out: object[] = [];
  for (let current = error; typeof current === 'object' && current !== null && out.length < MAX_ERRORS; current = field(current, 'cause')) {
    if (out.includes(current)) break;
    out.push(current);
  }
  return out;
}

const isHexData = (value: unknown, allowEmpty: boolean): boolean =>
  typeof value === 'string' && /^0x[0-9a-fA-F]*$/.test(value) && (allowEmpty || value.length > 2);

/** Revert data on one error: viem's decoded revert, the raw bytes, or an RPC error's `data`. */
function hasRevertData(e: object): boolean {
  const name = field(e, 'name');
  if (name === 'ContractFunctionRevertedError') {
    // Set only when the node sent revert bytes; a −32603 "reverted" has none of them.
    return isHexData(field(e, 'raw'), false) || field(e, 'data') !== undefined || field(e, 'signature') !== undefined;
  }
  const data = field(e, 'data');
  // Execution reverted (code 3) with its data, possibly empty (`revert()`): what a multicall's failed call gives (RawContractError).
  if (field(e, 'code') === EXECUTION_REVERTED && (isHexData(data, true) || (typeof data === 'object' && data !== null && isHexData(field(data, 'data'), true))))
    return true;
  // Any other RPC error that carries revert bytes (older geth: −32000 "execution reverted" with data; Hardhat: −32603 with data).
  return typeof field(e, 'code') === 'number' && isHexData(data, false);
}

function messagesOf(e: object): string[] {
  return ['details', 'shortMessage', 'message'].map((k) => field(e, k)).filter((m): m is string => typeof m === 'string');
}

function rpcCode(e: object): number | undefined {
  const code = field(e, 'code');
  return typeof code === 'number' ? code : undefined;
}

/** Classifies a failed chain read (an error thrown by viem, or a multicall result's `error`). */
export function classifyRpcError(error: unknown): RpcErrorKind {
  const chain = chainOf(error);
  if (chain.some(hasRevertData)) return 'revert';
  // The call ran and returned nothing: no contract there at that block (viem: AbiDecodingZeroDataError inside).
  if (chain.some((e) => field(e, 'name') === 'ContractFunctionZeroDataError')) return 'revert';

  const coded = chain.filter((e) => {
    const code = rpcCode(e);
    return code !== undefined && (isServerErrorCode(code) || code === INTERNAL_ERROR);
  });
  const says = (patterns: RegExp[]) => coded.some((e) => messagesOf(e).some((m) => patterns.some((p) => p.test(m))));
  if (says(PRUNED_STATE_MESSAGES)) return 'state-unavailable';
  if (says(MISSING_HEADER_MESSAGES)) return 'transient';

  for (const e of chain) {
    const code = rpcCode(e);
    if (code !== undefined && TRANSIENT_CODES.has(code)) return 'transient';
    const name = field(e, 'name');
    if (name === 'TimeoutError' || name === 'AbortError') return 'transient';
    const status = field(e, 'status');
    // viem's HttpRequestError: a transport failure. Without a status the request got no usable answer (refused, dropped, a truncated body that does not parse).
    if (name === 'HttpRequestError' && (typeof status !== 'number' || TRANSIENT_STATUSES.has(status))) return 'transient';
    if (typeof status === 'number' && TRANSIENT_STATUSES.has(status)) return 'transient';
  }
  const common = classifyError(error);
  if (common === 'transient') return 'transient';
  if (chain.some((e) => DETERMINISTIC_CODES.has(rpcCode(e) ?? 0))) return 'deterministic';
  if (common === 'deterministic') return 'deterministic';
  return 'unknown';
}

/** The pause before a read that needed an archive node is tried again. */
export const ARCHIVE_RETRY_DELAY_MS = 15_000;

/** The node has pruned the state a read needs: only an archive node can answer. The step keeps retrying, slowly, and says so in its status. */
export class ArchiveRequiredError extends Error implements ClassifiedError {
  /**
   * Transient to the runtime: retried, never pinned on a record nor dead-lettered, since
   * every record at an old block fails alike until the RPC is an archive node. The status
   * shows it as the step's `lastError`.
   */
  readonly errorClass = 'transient' as const;
  /**
   * Slowly: every 15 s from the first retry (the backoff's cap; not longer, since a
   * stopping consumer finishes its pause before it notices it should stop).
   */
  readonly retryDelayMs = ARCHIVE_RETRY_DELAY_MS;
  override readonly name = 'ArchiveRequiredError';

  constructor(what: string, options?: { cause?: unknown }) {
    super(`archive RPC required for ${what}: the node has pruned that state`, options);
  }
}

/** A chain read that failed with a classified RPC error; `errorClass` tells the runtime what to do (the common classifier does not read JSON-RPC codes). */
export class ChainReadError extends Error implements ClassifiedError {
  override readonly name = 'ChainReadError';

  constructor(
    what: string,
    readonly kind: RpcErrorKind,
    readonly errorClass: ClassifiedError['errorClass'],
    options?: { cause?: unknown },
  ) {
    super(`${what} failed (${kind} RPC error): ${firstLine(options?.cause)}`, options);
  }
}

function firstLine(error: unknown): string {
  if (typeof error !== 'object' || error === null) return String(error);
  const text = field(error, 'shortMessage') ?? field(error, 'message');
  return typeof text === 'string' ? (text.split('\n')[0] ?? '') : String(error);
}

/**
 * Runs one chain read; a failure is classified and thrown in a form the runtime knows:
 * - `revert`: `onRevert(error)` decides (a reader returns its "absent" answer); without it the revert is a deterministic ChainReadError;
 * - `state-unavailable`: ArchiveRequiredError naming `what`;
 * - `transient`: ChainReadError of class transient (retried by the runtime, never memoized: the promise rejects);
 * - `deterministic`: ChainReadError of class deterministic (the record is isolated);
 * - `unknown`: the error as it is.
 */
export async function readChain<T, R = never>(what: string, read: () => Promise<T>, onRevert?: (error: unknown) => R): Promise<T | R> {
  try {
    return await read();
  } catch (error) {
    const kind = classifyRpcError(error);
    if (kind === 'revert' && onRevert) return onRevert(error);
    throw toChainReadError(what, error, kind);
  }
}

/** The error `readChain` throws for a failure of kind `kind` (a revert counts as deterministic). */
export function toChainReadError(what: string, error: unknown, kind: RpcErrorKind = classifyRpcError(error)): unknown {
  switch (kind) {
    case 'state-unavailable':
      return new ArchiveRequiredError(what, { cause: error });
    case 'transient':
      return new ChainReadError(what, kind, 'transient', { cause: error });
    case 'revert':
    case 'deterministic':
      return new ChainReadError(what, kind, 'deterministic', { cause: error });
    default:
      return error;
  }
}
