import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { loadConfig } from '@lib/config';

const run = promisify(execFile);
const STACK_SCRIPT = join(__dirname, '..', '..', 'infra', 'stack.sh');

export type StackCommand = 'start-kafka' | 'stop-kafka' | 'restart-kafka' | 'kill-kafka' | 'start-registry' | 'stop-registry' | 'restart-registry' | 'status';

/**
 * Runs `infra/stack.sh <command>` with this process's environment, so it acts on the stack
 * the tests use (LP_STACK_STATE, KAFKA_PORT, REGISTRY_PORT, REGISTRY_DB, DATABASE_URL):
 * a private second stack in development, the one CI started in CI. For fault tests only.
 */
export async function stackCommand(command: StackCommand): Promise<string> {
  const { stdout } = await run('bash', [STACK_SCRIPT, command], { env: process.env, timeout: 180_000 });
  return stdout;
}

export interface PostgresCluster {
  version: string;
  name: string;
  port: number;
}

/** The Debian PostgreSQL cluster (pg_lsclusters) that listens on `databaseUrl`'s port. */
export async function postgresClusterOf(databaseUrl: string = loadConfig().databaseUrl): Promise<PostgresCluster> {
  const port = Number(new URL(databaseUrl).port || 5432);
  const { stdout } = await run('pg_lsclusters', ['-h']);
  const clusters = stdout
    .split('\n')
    .map((line) => line.trim().split(/\s+/))
    .filter((f) => f.length >= 3)
    .map(([version, name, p]) => ({ version, name, port: Number(p) }));
  const found = clusters.find((c) => c.port === port);
  if (!found) throw new Error(`no PostgreSQL cluster listens on port ${port} (pg_lsclusters: ${stdout.trim() || 'none'})`);
  return found;
}

/**
 * Restarts the PostgreSQL server behind DATABASE_URL (fast shutdown: open connections are
 * cut, as in a real database restart). Needs root or the postgres user.
 */
export async function restartPostgres(databaseUrl?: string): Promise<PostgresCluster> {
  const c = await postgresClusterOf(databaseUrl);
  // --skip-systemctl-redirect: act on the cluster directly, also where systemd is not running.
  await run('pg_ctlcluster', ['--skip-systemctl-redirect', c.version, c.name, 'restart'], { timeout: 120_000 });
  return c;
}
