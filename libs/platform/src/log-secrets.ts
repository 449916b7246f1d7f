import type { AppConfig } from '@lib/config';

/** Secrets shorter than this are not searched for: masking every "ab" would garble every line and hide nothing. */
const MIN_SECRET_LENGTH = 4;
const MASK = '***';

/** The password of a URL, as written (percent-encoded) and decoded; none when it has none or does not parse. */
function urlPassword(url: string): string[] {
  try {
    const raw = new URL(url).password;
    if (!raw) return [];
    let decoded = raw;
    try {
      decoded = decodeURIComponent(raw);
    } catch {
      // a malformed escape: the raw form is all there is
    }
    return [raw, decoded];
  } catch {
    return [];
  }
}

/** The path and query of a keyed RPC URL (Ankr: `https://rpc.ankr.com/flare/<key>`), as the configuration masks it. */
function urlKey(url: string): string[] {
  try {
    const u = new URL(url);
    const key = `${u.pathname === '/' ? '' : u.pathname}${u.search}`;
    return key ? [key] : [];
  } catch {
    return [];
  }
}

/**
 * The configured values no log line may carry: the admin token, the SASL password, the
 * passwords of the database and registry URLs, the key part of the RPC URL.
 */
export function secretsOf(config: AppConfig): string[] {
  const found = [
    config.adminToken,
    config.kafka.sasl?.password,
    ...urlPassword(config.databaseUrl),
    ...urlPassword(config.schemaRegistryUrl),
    ...urlPassword(config.rpcUrl),
    ...urlKey(config.rpcUrl),
  ];
  return [...new Set(found.filter((s): s is string => typeof s === 'string' && s.length >= MIN_SECRET_LENGTH))];
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The forms a secret takes in a line: as is, JSON-escaped (inside a JSON line), percent-encoded (inside a URL). */
function spellings(secret: string): string[] {
  return [...new Set([secret, JSON.stringify(secret).slice(1, -1), encodeURIComponent(secret)])];
}

/**
 * Masks, in one formatted log line: every known secret (in each spelling), any bearer
 * credential (`Bearer <token>` with a token of 8 or more token characters, so prose such
 * as "wrong bearer token" stays), any `"authorization"` field's value, and any URL's password
 * (`scheme://user:<password>@`), so that neither the configuration nor a request's
 * Authorization header can reach the output through an error message or a stack.
 */
export function redactSecrets(line: string, secrets: readonly string[]): string {
  let out = line;
  const forms = secrets.flatMap(spellings).sort((a, b) => b.length - a.length);
  if (forms.length > 0) out = out.replace(new RegExp(forms.map(escapeRegExp).join('|'), 'g'), MASK);
  return out
    .replace(/("authorization\\?"\s*:\s*\\?")(?:[^"\\]|\\.)*?(\\?")/gi, `$1${MASK}$2`)
    .replace(/\b(bearer\s+)[A-Za-z0-9\-._~+/]{8,}=*/gi, `$1${MASK}`)
    .replace(/\b([a-z][a-z0-9+.-]*:\/\/[^\s:/?#@"'\\]*):(?!\*\*\*@)[^\s/?#@"'\\]+@/gi, `$1:${MASK}@`);
}
