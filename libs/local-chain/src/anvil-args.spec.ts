import { anvilArgs, DEFAULT_GENESIS_TIMESTAMP } from './anvil-args';

describe('anvilArgs', () => {
  it('builds the reference command line', () => {
    expect(anvilArgs({ port: 8546, cachePath: '/tmp/c' }).join(' ')).toBe(
      `--host 127.0.0.1 --port 8546 --chain-id 31337 --accounts 20 --code-size-limit 50000 --gas-limit 3000000000 --timestamp ${DEFAULT_GENESIS_TIMESTAMP} --prune-history 100000 --cache-path /tmp/c --silent`,
    );
  });

  it('takes overrides', () => {
    const args = anvilArgs({ port: 1, cachePath: '/c', genesisTimestamp: 1700000000, silent: false, host: '0.0.0.0' });
    expect(args).toContain('1700000000');
    expect(args).toContain('0.0.0.0');
    expect(args).not.toContain('--silent');
  });

  it('starts on 2025-01-01 UTC by default', () => {
    expect(new Date(DEFAULT_GENESIS_TIMESTAMP * 1000).toISOString()).toBe('2025-01-01T00:00:00.000Z');
  });
});
