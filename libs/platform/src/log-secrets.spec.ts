import { loadConfig } from '@lib/config';
import { JsonLogger } from './json-logger';
import { redactSecrets, secretsOf } from './log-secrets';

describe('secretsOf', () => {
  it('lists the admin token, the SASL password, URL passwords (as written and decoded) and the RPC key', () => {
    const config = loadConfig({
      ADMIN_TOKEN: 'adm1n-t0ken',
      DATABASE_URL: 'postgres://app:p%40ss%2Fword@db.internal:5432/lp',
      SCHEMA_REGISTRY_URL: 'https://reg:regpass99@registry.internal/apis/ccompat/v7',
      ANKR_HTTP_URL: 'https://rpc.ankr.com/flare/0123456789abcdef',
      KAFKA_SASL_MECHANISM: 'plain',
      KAFKA_SASL_USERNAME: 'u',
      KAFKA_SASL_PASSWORD: 'sasl-secret',
    });
    expect(secretsOf(config).sort()).toEqual(['adm1n-t0ken', 'sasl-secret', 'p%40ss%2Fword', 'p@ss/word', 'regpass99', '/flare/0123456789abcdef'].sort());
  });

  it('has nothing to hide in the defaults (no token, no passwords, the local chain)', () => {
    expect(secretsOf(loadConfig({}))).toEqual([]);
  });
});

describe('redactSecrets', () => {
  it('masks a known secret as is, JSON-escaped and percent-encoded', () => {
    const secret = 'pa"ss/wörd';
    const lines = [`connect failed: ${secret}`, JSON.stringify({ message: `bad ${secret}` }), `postgres://u:${encodeURIComponent(secret)}@h/db`];
    for (const line of lines) {
      const out = redactSecrets(line, [secret]);
      expect(out).toContain('***');
      expect(out).not.toContain('ss/w');
      expect(out).not.toContain('ss%2Fw');
    }
  });

  it('masks bearer credentials, Authorization fields and URL passwords it was not told about', () => {
    expect(redactSecrets('header was Bearer abcdefgh12345678', [])).toBe('header was Bearer ***');
    expect(redactSecrets('{"headers":{"authorization":"Basic dXNlcjpwYXNz","accept":"*/*"}}', [])).toBe('{"headers":{"authorization":"***","accept":"*/*"}}');
    expect(redactSecrets('{"message":"{\\"authorization\\":\\"Token abc\\"}"}', [])).toBe('{"message":"{\\"authorization\\":\\"***\\"}"}');
    expect(redactSecrets('could not reach postgresql://app:hunter22@10.0.0.5:5432/lp', [])).toBe('could not reach postgresql://app:***@10.0.0.5:5432/lp');
  });

  it('leaves lines without secrets as they are', () => {
    for (const line of [
      '{"message":"missing or wrong bearer token (Authorization: Bearer <ADMIN_TOKEN>)"}',
      'listening on http://127.0.0.1:3000 (API docs at /api/docs)',
      'postgres://postgres@127.0.0.1:5432/lp_enrichment',
      'retry stage handler: relation "x" does not exist',
    ])
      expect(redactSecrets(line, ['not-in-there'])).toBe(line);
  });
});

describe('JsonLogger with secrets', () => {
  it('writes no configured secret, in the message, the fields or the stack', () => {
    const lines: string[] = [];
    const logger = new JsonLogger('json', undefined, (line) => lines.push(line));
    logger.setSecrets(['adm1n-t0ken', 'dbpass42']);
    const err = new Error('auth failed for postgres://app:dbpass42@h/lp with adm1n-t0ken');
    logger.error(err, err.stack, 'Admin');
    logger.warn({ message: 'retry', error: 'token adm1n-t0ken refused', url: 'postgres://app:dbpass42@h/lp' }, 'Step');
    expect(lines).toHaveLength(2);
    for (const line of lines) {
      expect(line).not.toMatch(/adm1n-t0ken|dbpass42/);
      expect(() => JSON.parse(line)).not.toThrow();
    }
    expect(JSON.parse(lines[1])).toMatchObject({ message: 'retry', error: 'token *** refused', url: 'postgres://app:***@h/lp' });
  });
});
