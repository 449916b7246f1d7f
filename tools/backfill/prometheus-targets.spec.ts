import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { clearTargets, writeTargets } from './prometheus-targets';

describe('Prometheus file_sd targets of the local backfill', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'targets-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const read = (f: string): unknown => JSON.parse(readFileSync(join(dir, f), 'utf8'));

  it('lists the admin app and one target per step service, labelled step and instance', () => {
    writeTargets(
      {
        adminPort: 3000,
        steps: [
          { name: 'pool-attribution', metricsPort: 9464 },
          { name: 'fees-usd', metricsPort: 9465 },
        ],
      },
      dir,
    );
    expect(read('admin.json')).toEqual([{ targets: ['127.0.0.1:3000'], labels: { service: 'admin', instance: 'admin@127.0.0.1:3000' } }]);
    expect(read('enricher.json')).toEqual([
      { targets: ['127.0.0.1:9464'], labels: { step: 'pool-attribution', instance: 'pool-attribution@127.0.0.1:9464' } },
      { targets: ['127.0.0.1:9465'], labels: { step: 'fees-usd', instance: 'fees-usd@127.0.0.1:9465' } },
    ]);
    expect(readdirSync(dir).sort()).toEqual(['admin.json', 'enricher.json']);
  });

  it('down empties both lists', () => {
    writeTargets({ adminPort: 3000, steps: [{ name: 'apr', metricsPort: 9471 }] }, dir);
    clearTargets(dir);
    expect(read('admin.json')).toEqual([]);
    expect(read('enricher.json')).toEqual([]);
  });
});
