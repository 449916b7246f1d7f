import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase } from '@lib/db';
import { sharedChain } from '../support/chain-fixture';
import { runTool } from '../support/run-tool';

/** Every command a person runs: its name in messages, and one bad value it must refuse. */
const COMMANDS: { tool: string; name: string; badValue: string[]; badMessage: RegExp }[] = [
  { tool: 'backfill', name: 'backfill', badValue: ['status', '--admin-url', 'localhost:3000'], badMessage: /--admin-url must be an http\(s\) URL/ },
  { tool: 'index-chain', name: 'index', badValue: ['--window', '0'], badMessage: /--window must be at least 1/ },
  { tool: 'scenario', name: 'scenario', badValue: ['--per-block', '501'], badMessage: /--per-block must be between 1 and 500/ },
  { tool: 'chain', name: 'chain', badValue: ['--port', 'x'], badMessage: /--port must be a whole number/ },
  { tool: 'import-inputs', name: 'import-inputs', badValue: ['--manifest', 'a.json', '--rflr', 'b.csv'], badMessage: /either --manifest or files/ },
  { tool: 'db-migrate', name: 'db:migrate', badValue: ['now'], badMessage: /unexpected argument "now"/ },
];

describe('the commands a person runs', () => {
  it.each(COMMANDS)('$tool: --help shows usage, options, environment and examples, exit 0', async ({ tool }) => {
    const r = await runTool(tool, ['--help']);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout).toMatch(/^Usage: npm run /);
    expect(r.stdout).toContain('\nOptions:\n');
    expect(r.stdout).toContain('  -h, --help');
    expect(r.stdout).toMatch(/\nExamples:\n {2}\S/);
  });

  it.each(COMMANDS)(
    '$tool: an unknown option or a bad value is one line on stderr and exit 2, before anything runs',
    async ({ tool, name, badValue, badMessage }) => {
      const unknown = await runTool(tool, ['--bogus']);
      expect(unknown).toEqual({ code: 2, stdout: '', stderr: `${name}: Unknown option '--bogus' (see --help)\n` });
      const bad = await runTool(tool, badValue);
      expect(bad.code).toBe(2);
      expect(bad.stdout).toBe('');
      expect(bad.stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(bad.stderr).toMatch(badMessage);
    },
  );

  it('stack: help lists every subcommand and setting; an unknown command is one line and exit 2', async () => {
    const help = await runTool('infra/stack.sh', ['--help']);
    expect(help.code).toBe(0);
    for (const word of [
      'up',
      'down',
      'status',
      'fetch',
      'versions',
      'reset',
      'restart-kafka',
      'restart-registry',
      'KAFKA_PORT=',
      'REGISTRY_DB=',
      'LP_STACK_STATE=',
      'STACK_START_TIMEOUT=',
      'Examples:',
    ]) {
      expect(help.stdout).toContain(word);
    }
    expect(await runTool('infra/stack.sh', ['bogus'])).toEqual({
      code: 2,
      stdout: '',
      stderr: 'stack: unknown command "bogus" (see: npm run stack -- help)\n',
    });
  });

  it('stack: status prints a table with a header and one row per component', async () => {
    const r = await runTool('infra/stack.sh', ['status']);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^component\s+version\s+address\s+state$/);
    // Prometheus has its line whether or not it is installed ("not installed" then).
    expect(lines.slice(1).map((l) => l.split(/\s+/)[0])).toEqual(['postgresql', 'kafka', 'registry', 'prometheus']);
  });

  it('scenario on a throwaway chain: progress lines on stderr, the summary and the manifest path on stdout', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lpe-cli-'));
    try {
      const out = join(dir, 'manifest.json');
      const r = await runTool('scenario', ['--fresh-anvil', '--positions', '12', '--swaps', '60', '--per-block', '2', '--out', out]);
      expect(r.code).toBe(0);
      expect(r.stderr).toMatch(/^\[scenario\] blocks \d+\/\d+ \(\d+%\)/m);
      expect(r.stderr).toMatch(/^\[scenario\] blocks (\d+)\/\1 \(100%\)/m);
      expect(r.stdout).toMatch(/^scenario: seed 1, blocks/);
      expect(r.stdout).toContain(`manifest: ${out}`);
      expect(JSON.parse(readFileSync(out, 'utf8')).counts.swaps).toBe(60);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('index into a throwaway database: a progress line per DEX, then rows per table, rate and where the rows are', async () => {
    const db = await createTestDatabase();
    try {
      const r = await runTool('index-chain', ['--manifest', sharedChain().manifestPath, '--window', '40'], { DATABASE_URL: db.url });
      expect(r.code).toBe(0);
      for (const dex of ['enosys', 'sparkdex']) expect(r.stderr).toMatch(new RegExp(`^\\[index\\] ${dex}\\s+(\\d+)/\\1 \\(100%\\) blocks`, 'm'));
      expect(r.stdout).toMatch(/^total: \d+ logs in [\d.]+ s, \d+ events\/s$/m);
      expect(r.stdout).toContain(`results in ${db.url}`);
      const { rows } = await db.pool.query('SELECT count(*)::int AS n FROM "PositionEvent"');
      expect(r.stdout).toMatch(new RegExp(`PositionEvent\\s+\\d+ rows`));
      expect(rows[0].n).toBeGreaterThan(0);
    } finally {
      await db.drop();
    }
  });
});
