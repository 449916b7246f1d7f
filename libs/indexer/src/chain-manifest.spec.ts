import { ManifestError, manifestDexSources, manifestLastBlock, parseChainManifest } from './chain-manifest';

const manifest = {
  chainId: 31337,
  rpcUrl: 'http://127.0.0.1:8545',
  dexes: [
    { id: 'enosys', name: 'Enosys V3', factory: '0x00000000000000000000000000000000000000f1', positionManager: '0x00000000000000000000000000000000000000a1' },
    {
      id: 'sparkdex',
      name: 'SparkDEX V3.1',
      factory: '0x00000000000000000000000000000000000000f2',
      positionManager: '0x00000000000000000000000000000000000000a2',
    },
  ],
  blocks: { first: '5', activityFrom: '9', last: '120' },
};

describe('chain manifest', () => {
  it("gives each DEX from the scenario's first block, to its last", () => {
    const parsed = parseChainManifest(JSON.stringify(manifest));
    expect(manifestDexSources(parsed)).toEqual([
      { name: 'enosys', factory: manifest.dexes[0].factory, positionManager: manifest.dexes[0].positionManager, fromBlock: 5 },
      { name: 'sparkdex', factory: manifest.dexes[1].factory, positionManager: manifest.dexes[1].positionManager, fromBlock: 5 },
    ]);
    expect(manifestLastBlock(parsed)).toBe(120);
  });

  it('names what is missing', () => {
    expect(() => parseChainManifest(JSON.stringify({ ...manifest, blocks: undefined }), 'm.json')).toThrow(
      new ManifestError('m.json: missing or malformed blocks{first, last}'),
    );
    expect(() => parseChainManifest('{', 'm.json')).toThrow(/m.json: not JSON/);
  });
});
