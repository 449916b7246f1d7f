/**
 * Prometheus file-based service discovery for the local stack (infra/stack.sh): `npm run
 * backfill` lists the admin app and every step service it started in
 * .stack/prometheus/targets/{admin,enricher}.json, and empties the lists on `backfill -- down`.
 * Prometheus re-reads the files every 5 s; a file it cannot parse is ignored until fixed, so
 * each is replaced whole (written beside, then renamed).
 */
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Where the local stack's Prometheus looks for targets (STATE/prometheus/targets of stack.sh). */
export const TARGETS_DIR = join(__dirname, '..', '..', '..', '.stack', 'prometheus', 'targets');

/** One target group of a file_sd file. */
export interface TargetGroup {
  targets: string[];
  labels: Record<string, string>;
}

export interface LocalServices {
  adminPort: number;
  steps: { name: string; metricsPort: number }[];
}

/** The two files' contents: the admin job's and the enricher job's target groups. */
export function targetGroups(services: LocalServices, host = '127.0.0.1'): { admin: TargetGroup[]; enricher: TargetGroup[] } {
  const admin = `${host}:${services.adminPort}`;
  return {
    admin: [{ targets: [admin], labels: { service: 'admin', instance: `admin@${admin}` } }],
    enricher: services.steps.map((s) => {
      const address = `${host}:${s.metricsPort}`;
      return { targets: [address], labels: { step: s.name, instance: `${s.name}@${address}` } };
    }),
  };
}

function replaceFile(file: string, groups: TargetGroup[]): void {
  writeFileSync(`${file}.tmp`, `${JSON.stringify(groups, null, 2)}\n`);
  renameSync(`${file}.tmp`, file);
}

/** Lists the services for the local Prometheus (whether or not it runs: it reads them when it starts). */
export function writeTargets(services: LocalServices, dir = TARGETS_DIR): void {
  mkdirSync(dir, { recursive: true });
  const groups = targetGroups(services);
  replaceFile(join(dir, 'admin.json'), groups.admin);
  replaceFile(join(dir, 'enricher.json'), groups.enricher);
}

/** Empty target lists: the services are stopped, Prometheus drops their targets. */
export function clearTargets(dir = TARGETS_DIR): void {
  mkdirSync(dir, { recursive: true });
  replaceFile(join(dir, 'admin.json'), []);
  replaceFile(join(dir, 'enricher.json'), []);
}
