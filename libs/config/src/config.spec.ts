import { ConfigError, DEFAULTS, loadConfig } from './config';

describe('loadConfig', () => {
  it('uses the local stack defaults on an empty environment', () => {
    const c = loadConfig({});
    expect(c.databaseUrl).toBe(DEFAULTS.databaseUrl);
    expect(c.kafkaBrokers).toEqual(['127.0.0.1:9092']);
    expect(c.rpcUrl).toBe(DEFAULTS.rpcUrl);
    expect(c.indexerBlockWindow).toBe(5000);
  });

  it('prefers ANKR_HTTP_URL over FLARE_RPC_URL', () => {
    expect(loadConfig({ FLARE_RPC_URL: 'http://flare', ANKR_HTTP_URL: 'http://ankr' }).rpcUrl).toBe('http://ankr');
    expect(loadConfig({ FLARE_RPC_URL: 'http://flare' }).rpcUrl).toBe('http://flare');
  });

  it('splits a broker list and refuses a bad block window', () => {
    expect(loadConfig({ KAFKA_BROKERS: 'a:1, b:2' }).kafkaBrokers).toEqual(['a:1', 'b:2']);
    expect(() => loadConfig({ INDEXER_BLOCK_WINDOW: '0' })).toThrow(ConfigError);
    expect(() => loadConfig({ INDEXER_BLOCK_WINDOW: 'abc' })).toThrow(/INDEXER_BLOCK_WINDOW/);
  });
});
