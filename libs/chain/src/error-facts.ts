/** What an error and the chain of its causes say, flattened so matchers stay simple and pure. */
export interface ErrorFacts {
  /** `message`, `shortMessage` and `details` of every error in the chain. */
  messages: string[];
  /** JSON-RPC codes (numbers) and system codes (`'ECONNRESET'`) in the chain. */
  codes: (number | string)[];
  /** HTTP statuses in the chain. */
  statuses: number[];
  /** Error class names (`TimeoutError`, `AbortError`, ...). */
  names: string[];
}

const MAX_DEPTH = 12;

function field(value: object, key: string): unknown {
  return (value as Record<string, unknown>)[key];
}

export function errorFacts(error: unknown): ErrorFacts {
  const facts: ErrorFacts = { messages: [], codes: [], statuses: [], names: [] };
  let current: unknown = error;
  // viem wraps transport errors several levels deep (`cause`); walk them all, bounded against cycles.
  for (let depth = 0; depth < MAX_DEPTH && current !== undefined && current !== null; depth++) {
    if (typeof current === 'string') {
      facts.messages.push(current);
      break;
    }
    if (typeof current !== 'object') break;
    for (const key of ['message', 'shortMessage', 'details']) {
      const text = field(current, key);
      if (typeof text === 'string' && text) facts.messages.push(text);
    }
    const code = field(current, 'code');
    if (typeof code === 'number' || typeof code === 'string') facts.codes.push(code);
    const status = field(current, 'status');
    if (typeof status === 'number') facts.statuses.push(status);
    const name = field(current, 'name');
    if (typeof name === 'string') facts.names.push(name);
    current = field(current, 'cause');
  }
  return facts;
}

export function someMessage(facts: ErrorFacts, patterns: readonly RegExp[]): boolean {
  return facts.messages.some((message) => patterns.some((pattern) => pattern.test(message)));
}
