import { ConfigError, loadConfig, logFormatOf, maskedValue } from './config';

/** The message of the ConfigError `env` gives (fails the test when it gives none). */
function errorOf(env: Record<string, string>): ConfigError {
  try {
    loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw err;
  }
  throw new Error(`no ConfigError for ${JSON.stringify(env)}`);
}

describe('loadConfig: defaults on an empty environment', () => {
  const c = loadConfig({});

  it('has the local stack defaults, each written out here', () => {
    expect(c.databaseUrl).toBe('postgres://postgres@127.0.0.1:5432/lp_enrichment');
    expect(c.kafkaBrokers).toEqual(['127.0.0.1:9092']);
    expect(c.kafkaClientId).toBe('lp-enrichment');
    expect(c.schemaRegistryUrl).toBe('http://127.0.0.1:8081/apis/ccompat/v7');
    expect(c.rpcUrl).toBe('http://127.0.0.1:8545');
    expect(c.rpcConfigured).toBe(false);
    expect(c.indexerBlockWindow).toBe(5000);
    expect(c.adminToken).toBeUndefined();
    expect(c.adminPort).toBe(3000);
    expect(c.metricsPort).toBe(9464);
    expect(c.httpHost).toBe('127.0.0.1');
    expect(c.namePrefix).toBe('');
    expect(c.dexManagers).toEqual({});
    expect(c.enrichStep).toBeUndefined();
    expect(c.partitionsConcurrently).toBe(3);
    expect(c.logFormat).toBe('json');
    expect(c.kafka).toEqual({ ssl: false, sasl: undefined, partitions: 6, replicationFactor: 1 });
    expect(c.replay).toEqual({ pageSize: 5000, maxRowsPerSec: 0, retryForMs: 600000, stallMs: 60000 });
    expect(c.pricing).toEqual({
      usdStablecoins: ['0xe7cd86e13ac4309349f30b3435a9d337750fc82d'],
      wrappedNative: '0x1d80c49bbbcd1c0911346656b529df9e5c2f783d',
    });
    expect(c.tools).toEqual({ benchShowLogs: false });
  });

  it('treats empty and blank values as unset', () => {
    const b = loadConfig({ KAFKA_PARTITIONS: '', ADMIN_PORT: '  ', ANKR_HTTP_URL: '', LOG_FORMAT: '', LP_WRAPPED_NATIVE: '' });
    expect(b.kafka.partitions).toBe(6);
    expect(b.adminPort).toBe(3000);
    expect(b.rpcUrl).toBe('http://127.0.0.1:8545');
    expect(b.logFormat).toBe('json');
    expect(b.pricing.wrappedNative).toBe('0x1d80c49bbbcd1c0911346656b529df9e5c2f783d');
  });

  it('is frozen, sections included', () => {
    expect(Object.isFrozen(c)).toBe(true);
    expect(Object.isFrozen(c.kafka)).toBe(true);
    expect(Object.isFrozen(c.replay)).toBe(true);
    expect(Object.isFrozen(c.pricing.usdStablecoins)).toBe(true);
    expect(() => ((c as { adminPort: number }).adminPort = 1)).toThrow(TypeError);
  });
});

describe('loadConfig: values given', () => {
  it('reads every variable', () => {
    const c = loadConfig({
      DATABASE_URL: 'postgresql://app:pw@db.example:5433/lp',
      KAFKA_BROKERS: 'a:1, b:2,,[::1]:9092',
      KAFKA_CLIENT_ID: 'me',
      SCHEMA_REGISTRY_URL: 'https://registry.example/apis/ccompat/v7',
      FLARE_RPC_URL: 'https://flare.example/rpc',
      INDEXER_BLOCK_WINDOW: '30',
      ADMIN_TOKEN: 'tok',
      ADMIN_PORT: '3001',
      METRICS_PORT: '9500',
      HTTP_HOST: '0.0.0.0',
      KAFKA_PARTITIONS: '12',
      KAFKA_REPLICATION_FACTOR: '3',
      KAFKA_SSL: 'TRUE',
      KAFKA_SASL_MECHANISM: 'SCRAM-SHA-512',
      KAFKA_SASL_USERNAME: 'svc',
      KAFKA_SASL_PASSWORD: ' p w ',
      LP_NAME_PREFIX: 't_1.',
      LP_DEX_MANAGERS: 'enosys=0x00000000000000000000000000000000000000AA, sparkdex=0x00000000000000000000000000000000000000bb',
      LOG_FORMAT: 'Text',
      REPLAY_PAGE_SIZE: '10',
      REPLAY_MAX_ROWS_PER_SEC: '12.5',
      REPLAY_RETRY_FOR_MS: '1000',
      REPLAY_STALL_MS: '2000',
      LP_USD_STABLECOINS: ' 0x00000000000000000000000000000000000000AA, 0x00000000000000000000000000000000000000bb,0x00000000000000000000000000000000000000aa ',
      LP_WRAPPED_NATIVE: '0x00000000000000000000000000000000000000CC',
      ENRICH_STEP: 'apr',
      PARTITIONS_CONCURRENTLY: '1',
      BENCH_SHOW_LOGS: '1',
    });
    expect(c.databaseUrl).toBe('postgresql://app:pw@db.example:5433/lp');
    expect(c.kafkaBrokers).toEqual(['a:1', 'b:2', '[::1]:9092']);
    expect(c.kafkaClientId).toBe('me');
    expect(c.schemaRegistryUrl).toBe('https://registry.example/apis/ccompat/v7');
    expect(c.rpcUrl).toBe('https://flare.example/rpc');
    expect(c.rpcConfigured).toBe(true);
    expect(c.indexerBlockWindow).toBe(30);
    expect(c.adminToken).toBe('tok');
    expect(c.adminPort).toBe(3001);
    expect(c.metricsPort).toBe(9500);
    expect(c.httpHost).toBe('0.0.0.0');
    expect(c.kafka).toEqual({ ssl: true, sasl: { mechanism: 'scram-sha-512', username: 'svc', password: ' p w ' }, partitions: 12, replicationFactor: 3 });
    expect(c.namePrefix).toBe('t_1.');
    expect(c.dexManagers).toEqual({ '0x00000000000000000000000000000000000000aa': 'enosys', '0x00000000000000000000000000000000000000bb': 'sparkdex' });
    expect(c.logFormat).toBe('text');
    expect(c.replay).toEqual({ pageSize: 10, maxRowsPerSec: 12.5, retryForMs: 1000, stallMs: 2000 });
    expect(c.pricing).toEqual({
      usdStablecoins: ['0x00000000000000000000000000000000000000aa', '0x00000000000000000000000000000000000000bb'],
      wrappedNative: '0x00000000000000000000000000000000000000cc',
    });
    expect(c.enrichStep).toBe('apr');
    expect(c.partitionsConcurrently).toBe(1);
    expect(c.tools.benchShowLogs).toBe(true);
  });

  it('prefers ANKR_HTTP_URL over FLARE_RPC_URL', () => {
    expect(loadConfig({ FLARE_RPC_URL: 'http://flare', ANKR_HTTP_URL: 'http://ankr' }).rpcUrl).toBe('http://ankr');
    expect(loadConfig({ FLARE_RPC_URL: 'http://flare' }).rpcUrl).toBe('http://flare');
    expect(loadConfig({ ANKR_HTTP_URL: '', FLARE_RPC_URL: 'http://flare' }).rpcUrl).toBe('http://flare');
  });

  it('takes plain SASL without a password, and KAFKA_SSL=false', () => {
    const c = loadConfig({ KAFKA_SASL_MECHANISM: 'plain', KAFKA_SASL_USERNAME: 'u', KAFKA_SSL: 'false' });
    expect(c.kafka.sasl).toEqual({ mechanism: 'plain', username: 'u', password: '' });
    expect(c.kafka.ssl).toBe(false);
  });
});

describe('loadConfig: malformed values give one line naming the variable, its value and what was expected', () => {
  it.each([
    ['DATABASE_URL', 'mysql://h/db', '"mysql://h/db" (expected a postgres:// URL)'],
    ['DATABASE_URL', 'not a url', '"not a url" (expected a postgres:// URL)'],
    ['KAFKA_BROKERS', 'a:1,b', '"a:1,b" (expected comma-separated host:port)'],
    ['KAFKA_BROKERS', ',', '"," (expected comma-separated host:port)'],
    ['KAFKA_BROKERS', 'a:70000', '"a:70000" (expected comma-separated host:port)'],
    ['SCHEMA_REGISTRY_URL', 'registry:8081', '"registry:8081" (expected an http(s) URL)'],
    ['FLARE_RPC_URL', 'ws://rpc', '"ws://rpc" (expected an http(s) URL)'],
    ['INDEXER_BLOCK_WINDOW', '0', '"0" (expected a positive integer)'],
    ['INDEXER_BLOCK_WINDOW', 'abc', '"abc" (expected a positive integer)'],
    ['ADMIN_PORT', '70000', '"70000" (expected a port number 1-65535)'],
    ['METRICS_PORT', '9464x', '"9464x" (expected a port number 1-65535)'],
    ['HTTP_HOST', 'a b', '"a b" (expected a host name or address)'],
    ['KAFKA_PARTITIONS', '1.5', '"1.5" (expected a positive integer)'],
    ['KAFKA_REPLICATION_FACTOR', '-1', '"-1" (expected a positive integer)'],
    ['KAFKA_SSL', 'maybe', '"maybe" (expected true or false)'],
    ['KAFKA_SASL_MECHANISM', 'gssapi', '"gssapi" (expected plain, scram-sha-256 or scram-sha-512)'],
    ['LP_NAME_PREFIX', 'a b', '"a b" (expected letters, digits, ".", "_" or "-" only)'],
    ['LP_DEX_MANAGERS', 'enosys:0xab', '"enosys:0xab" (expected comma-separated name=0xaddress)'],
    ['LOG_FORMAT', 'yaml', '"yaml" (expected json or text)'],
    ['REPLAY_PAGE_SIZE', '0', '"0" (expected a positive integer)'],
    ['REPLAY_MAX_ROWS_PER_SEC', '-5', '"-5" (expected a number >= 0 (0 = unlimited))'],
    ['REPLAY_RETRY_FOR_MS', '10m', '"10m" (expected a positive integer)'],
    ['REPLAY_STALL_MS', '1e3', '"1e3" (expected a positive integer)'],
    ['LP_USD_STABLECOINS', 'usdt', '"usdt" (expected comma-separated 0x addresses (40 hex digits))'],
    ['LP_WRAPPED_NATIVE', '0x12', '"0x12" (expected a 0x address (40 hex digits))'],
    ['PARTITIONS_CONCURRENTLY', 'three', '"three" (expected a positive integer)'],
    ['ADMIN_TOKEN', 'tok ', '"***" (expected a token without spaces (sent as "Authorization: Bearer <token>"))'],
    ['BENCH_SHOW_LOGS', 'loud', '"loud" (expected true or false (1 or 0))'],
  ])('%s=%s', (variable, value, shown) => {
    const err = errorOf({ [variable]: value });
    expect(err.message).toBe(`invalid configuration: ${variable}=${shown}`);
    expect(err.message).not.toContain('\n');
  });

  it('names every bad variable in one line, in one error', () => {
    const err = errorOf({ KAFKA_PARTITIONS: 'x', LOG_FORMAT: 'xml', ADMIN_PORT: '0' });
    expect(err.message).toBe(
      'invalid configuration: ADMIN_PORT="0" (expected a port number 1-65535); KAFKA_PARTITIONS="x" (expected a positive integer); LOG_FORMAT="xml" (expected json or text)',
    );
    expect(err.issues.map((i) => i.variable)).toEqual(['ADMIN_PORT', 'KAFKA_PARTITIONS', 'LOG_FORMAT']);
  });

  it('checks rules across variables', () => {
    expect(errorOf({ KAFKA_SASL_MECHANISM: 'plain' }).message).toBe(
      'invalid configuration: KAFKA_SASL_USERNAME=(unset) (expected a user name, as KAFKA_SASL_MECHANISM is plain)',
    );
    expect(errorOf({ KAFKA_SASL_USERNAME: 'u' }).message).toBe(
      'invalid configuration: KAFKA_SASL_MECHANISM=(unset) (expected plain, scram-sha-256 or scram-sha-512, as KAFKA_SASL_USERNAME or KAFKA_SASL_PASSWORD is set)',
    );
    const same = '0x00000000000000000000000000000000000000aa';
    expect(errorOf({ LP_USD_STABLECOINS: same, LP_WRAPPED_NATIVE: same.toUpperCase().replace('0X', '0x') }).message).toBe(
      'invalid configuration: LP_WRAPPED_NATIVE="0x00000000000000000000000000000000000000AA" (expected a token that is not also listed in LP_USD_STABLECOINS)',
    );
  });
});

describe('secrets are never printed', () => {
  it('masks the admin token and the SASL password', () => {
    const err = errorOf({ ADMIN_TOKEN: 's3cret token', KAFKA_SASL_PASSWORD: 'hunter2', KAFKA_SSL: 'x' });
    expect(err.message).toBe(
      'invalid configuration: ADMIN_TOKEN="***" (expected a token without spaces (sent as "Authorization: Bearer <token>")); KAFKA_SSL="x" (expected true or false)',
    );
    expect(err.message).not.toMatch(/s3cret|hunter2/);
    expect(errorOf({ KAFKA_SASL_PASSWORD: 'hunter2' }).message).not.toContain('hunter2');
    expect(maskedValue('ADMIN_TOKEN', 's3cret-token')).toBe('"***"');
    expect(maskedValue('KAFKA_SASL_PASSWORD', 'hunter2')).toBe('"***"');
  });

  it('masks the password of DATABASE_URL, also in a URL it refuses', () => {
    const err = errorOf({ DATABASE_URL: 'mysql://app:hunter2@db:3306/lp' });
    expect(err.message).toBe('invalid configuration: DATABASE_URL="mysql://app:***@db:3306/lp" (expected a postgres:// URL)');
    expect(err.message).not.toContain('hunter2');
    expect(maskedValue('DATABASE_URL', 'postgres://app:p@ss@db/lp')).toBe('"postgres://app:***@db/lp"');
  });

  it('masks the path of RPC URLs (API keys live there) and their passwords', () => {
    const err = errorOf({ ANKR_HTTP_URL: 'wss://rpc.ankr.com/flare/abcdef0123456789' });
    expect(err.message).toBe('invalid configuration: ANKR_HTTP_URL="wss://rpc.ankr.com/***" (expected an http(s) URL)');
    expect(maskedValue('FLARE_RPC_URL', 'ftp://u:pw@rpc.example?key=k1')).toBe('"ftp://u:***@rpc.example/***"');
  });
});

describe('logFormatOf', () => {
  it('reads LOG_FORMAT alone, json when it is unset or bad (loadConfig reports a bad one)', () => {
    expect(logFormatOf({})).toBe('json');
    expect(logFormatOf({ LOG_FORMAT: 'TEXT' })).toBe('text');
    expect(logFormatOf({ LOG_FORMAT: 'yaml' })).toBe('json');
  });
});
