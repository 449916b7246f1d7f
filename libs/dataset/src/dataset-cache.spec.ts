import { appendFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureDataset } from './dataset-cache';
import { datasetOptions } from './dataset-options';

describe('the dataset cache', () => {
  let cacheDir: string;
  beforeAll(() => {
    cacheDir = mkdtempSync(join(tmpdir(), 'lp-dataset-cache-'));
  });
  afterAll(() => rmSync(cacheDir, { recursive: true, force: true }));

  it('generates once, then finds the dataset; regenerates a damaged one or when forced, to the same bytes', () => {
    const options = datasetOptions({ events: 300, seed: 9 });
    const first = ensureDataset(options, { cacheDir });
    expect(first.cached).toBe(false);
    expect(first.manifest.tables.find((t) => t.name === 'PositionEvent')!.rows).toBeGreaterThanOrEqual(300);
    expect(first.manifest.checksum).toMatch(/^[0-9a-f]{64}$/);
    const manifestText = readFileSync(join(first.dir, 'manifest.json'), 'utf8');

    const second = ensureDataset(options, { cacheDir });
    expect(second).toMatchObject({ cached: true, dir: first.dir });
    expect(second.manifest.checksum).toBe(first.manifest.checksum);
    expect(readFileSync(join(first.dir, 'manifest.json'), 'utf8')).toBe(manifestText); // not rewritten

    appendFileSync(join(first.dir, 'pool-event.copy'), 'garbage\n');
    const repaired = ensureDataset(options, { cacheDir });
    expect(repaired.cached).toBe(false);
    expect(repaired.manifest.checksum).toBe(first.manifest.checksum);

    const forced = ensureDataset(options, { cacheDir, force: true });
    expect(forced.cached).toBe(false);
    expect(forced.manifest.checksum).toBe(first.manifest.checksum);
  });
});
