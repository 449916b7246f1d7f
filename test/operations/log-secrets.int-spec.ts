import { freePort } from '@lib/local-chain';
import { PipelineFixture } from '../support/pipeline-fixture';
import { ServiceProcess } from '../support/service-process';
import { waitFor } from '../support/wait-for';

// Secrets no other test uses, long enough to never occur by chance; the password has
// characters a URL must percent-encode, so both spellings are looked for.
const TOKEN = 'tok3n-Admin-7f3a9c1e5b';
const PASSWORD = 'pg/Pass@word-2b8d4e';
const ENCODED_PASSWORD = encodeURIComponent(PASSWORD);
const SPELLINGS = [TOKEN, PASSWORD, ENCODED_PASSWORD];

/** Everything a process writes to stdout and stderr, from its start (ServiceProcess keeps only a tail). */
function capture(p: ServiceProcess): () => string {
  const chunks: Buffer[] = [];
  p.child.stdout?.on('data', (b: Buffer) => chunks.push(b));
  p.child.stderr?.on('data', (b: Buffer) => chunks.push(b));
  return () => Buffer.concat(chunks).toString('utf8');
}

function withPassword(url: string, port?: number): string {
  const u = new URL(url);
  u.password = ENCODED_PASSWORD;
  if (port !== undefined) u.port = String(port);
  return u.toString();
}

/**
 * The admin token and the database password never reach the output: the admin app is
 * started with both, driven with right and wrong tokens and bad bodies, and started a
 * second time against a database port nobody listens on (its fatal error printed); no
 * byte of either secret, in any spelling, is in what the processes wrote.
 */
describe('secrets in the logs', () => {
  let f: PipelineFixture;

  beforeAll(async () => {
    f = await PipelineFixture.create();
  });
  afterAll(async () => {
    await f?.close();
  });

  it('neither the admin token nor the database password appears in any line', async () => {
    f.extraEnv = { ADMIN_TOKEN: TOKEN, DATABASE_URL: withPassword(f.db.url) };
    // The database accepts the password (trust authentication on the test server) or
    // ignores it: the app runs on this URL either way.
    f.admin = ServiceProcess.admin(f.env);
    const adminOutput = capture(f.admin);
    await f.admin.waitForOutput(/listening on/);

    const url = `http://127.0.0.1:${f.adminPort}/api/admin/backfill`;
    const post = (headers: Record<string, string>, body: string) =>
      fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body }).then((r) => r.status);
    expect(await post({ authorization: `Bearer ${TOKEN}` }, '{"action":"stop"}')).toBe(200);
    expect(await post({ authorization: `Bearer ${TOKEN}x` }, '{"action":"stop"}')).toBe(401);
    expect(await post({ authorization: `Basic ${TOKEN}` }, '{"action":"stop"}')).toBe(401);
    expect(await post({ authorization: `Bearer ${TOKEN}` }, `{"action":"stop",`)).toBe(400);
    expect(await post({ authorization: `Bearer ${TOKEN}` }, `{"action":"${TOKEN}"}`)).toBe(400);
    expect(await post({ authorization: `Bearer ${TOKEN}` }, JSON.stringify({ action: 'stop', pad: 'x'.repeat(20_000) }))).toBe(413);
    expect((await fetch(url)).status).toBe(200);
    expect((await fetch(`http://127.0.0.1:${f.adminPort}/health`)).status).toBe(200);
    await f.admin.stop('SIGTERM');

    // The same app on a database port nobody listens on: it ends with a fatal error.
    const deadPort = await freePort();
    const failing = ServiceProcess.admin({
      ...f.env,
      DATABASE_URL: withPassword(f.db.url, deadPort),
      ADMIN_PORT: String(await freePort()),
      LOG_FORMAT: 'text',
    });
    const failingOutput = capture(failing);
    try {
      await waitFor(
        async () => failing.running,
        (running) => !running,
        'the admin app on a dead database port to exit',
        60_000,
      );
    } finally {
      await failing.stop('SIGKILL');
    }
    expect(failing.child.exitCode).toBe(1);

    const outputs = { admin: adminOutput(), failing: failingOutput() };
    // The capture saw what the app said: its ready line, and the failure naming the port.
    expect(outputs.admin).toMatch(/listening on/);
    expect(outputs.failing).toMatch(new RegExp(`FATAL.*ECONNREFUSED 127\\.0\\.0\\.1:${deadPort}`));
    for (const [name, text] of Object.entries(outputs))
      for (const secret of SPELLINGS) expect({ name, secret, found: text.includes(secret) }).toEqual({ name, secret, found: false });
  });
});
