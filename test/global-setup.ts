import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

// Integration tests need the real local stack; `stack up` is a no-op when it already runs.
export default async function globalSetup(): Promise<void> {
  execFileSync('bash', [join(__dirname, '..', 'infra', 'stack.sh'), 'up'], { stdio: 'inherit' });
}
