import { spawn } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

export interface ToolResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs a command as a person would, to its end: a CLI from the build (`dist/tools/<name>.js`)
 * or, for a path ending in .sh, a shell script. Not a terminal, so progress comes as lines.
 */
export function runTool(tool: string, args: string[], env: NodeJS.ProcessEnv = {}, timeoutMs = 120_000): Promise<ToolResult> {
  const [command, argv] = tool.endsWith('.sh')
    ? ['bash', [join(ROOT, tool), ...args]]
    : [process.execPath, [join(ROOT, 'dist', 'tools', `${tool}.js`), ...args]];
  return new Promise((resolve, reject) => {
    const child = spawn(command, argv, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (b: Buffer) => (stdout += b.toString()));
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${tool} ${args.join(' ')} did not finish within ${timeoutMs} ms:\n${stdout}\n${stderr}`));
    }, timeoutMs);
    child.once('error', reject);
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}
