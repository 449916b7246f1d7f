import { METHODS, request } from 'node:http';
import fc from 'fast-check';
import { ADMIN_TOKEN, PipelineFixture } from '../support/pipeline-fixture';
import { ADMIN_BODY_LIMIT_BYTES } from '../../apps/admin/src/http/body-errors';
import { anyAdminRequest, isBackfillPath, isWellFormedPost, wellFormedAuthorisedRequest, type AdminRequest } from './admin-requests';

/** Requests per run; FUZZ_SEED replays a failing run exactly (the seed is printed first). */
const RUNS = Number(process.env.FUZZ_RUNS ?? 300);
const SEED = Number(process.env.FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));

// 413: a body over the admin API's 16 KiB limit (README, Admin API).
const ALLOWED = [200, 400, 401, 404, 405, 409, 413];
const GET_PATHS = ['/api/admin/backfill', '/api/admin/backfill/counts'];

/** Sends a request exactly as generated (any method, header and body, which fetch would not allow); its status and body. */
function send(port: number, r: AdminRequest): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method: r.method,
        path: r.path,
        headers: r.body ? { ...r.headers, 'content-length': String(r.body.length) } : r.headers,
        timeout: 60_000,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    req.on('timeout', () => req.destroy(new Error(`no answer within 60 s to ${r.method} ${r.path}`)));
    req.on('error', reject);
    req.end(r.body);
  });
}

interface Runs {
  count: number;
  last: string | null;
  state: string | null;
}

/**
 * The admin API under random input, against the real app, database and broker: only
 * client-error statuses (never a 5xx), 200 only for a well-formed call with the token, and
 * no run started, stopped or resumed by any other request.
 */
describe('admin API fuzz', () => {
  let f: PipelineFixture;

  beforeAll(async () => {
    f = await PipelineFixture.create();
    await f.startAdmin();
  });

  afterAll(async () => {
    await f?.close();
  });

  async function runs(): Promise<Runs> {
    const { rows } = await f.db.pool.query(
      `SELECT count(*)::int AS count, max(id)::text AS last, (SELECT state FROM replay_run ORDER BY id DESC LIMIT 1) AS state FROM replay_run`,
    );
    return rows[0];
  }

  it(`answers ${RUNS} random requests with 200/400/401/404/405/409/413 only, and starts nothing without the token`, async () => {
    console.log(`admin API fuzz: seed ${SEED} (FUZZ_SEED=${SEED} reproduces this run), ${RUNS} requests`);
    const seen = new Map<number, number>();
    const requests = fc.oneof({ weight: 1, arbitrary: wellFormedAuthorisedRequest(ADMIN_TOKEN) }, { weight: 4, arbitrary: anyAdminRequest(ADMIN_TOKEN) });
    await fc.assert(
      fc.asyncProperty(requests, async (r) => {
        const before = await runs();
        const answer = await send(f.adminPort, r).catch((err: NodeJS.ErrnoException) => {
          // A method Node's HTTP parser does not know (FOO) is refused before any route: Node
          // answers 400 and closes, and a body still on its way can turn that into a reset.
          if (err.code === 'ECONNRESET' && !METHODS.includes(r.method)) return { status: 400, text: 'reset by the HTTP parser' };
          throw err;
        });
        const { status, text } = answer;
        const after = await runs();
        seen.set(status, (seen.get(status) ?? 0) + 1);
        const what = `${r.method} ${r.path} ${JSON.stringify(r.headers)} ${JSON.stringify(r.body?.toString('utf8').slice(0, 120))} → ${status} ${text.slice(0, 200)}`;

        expect({ what, allowed: ALLOWED.includes(status) }).toEqual({ what, allowed: true });
        if (status === 200) {
          const statusRead = (r.method === 'GET' || r.method === 'HEAD') && GET_PATHS.includes(r.path.split('?')[0].toLowerCase().replace(/\/$/, ''));
          expect({ what, statusRead, wellFormed: isWellFormedPost(r) }).toEqual({ what, statusRead, wellFormed: !statusRead });
        }
        if (r.method === 'POST' && isBackfillPath(r.path) && !r.rightToken)
          expect({ what, refused: [400, 401, 413].includes(status) }).toEqual({ what, refused: true });
        if (isWellFormedPost(r)) expect({ what, done: [200, 409].includes(status) }).toEqual({ what, done: true });
        // 413 only for a body over the limit (one the parsers do not read, e.g. text/plain, or refuse first for its
        // charset or encoding, gets another answer).
        if (status === 413) expect({ what, overLimit: (r.body?.length ?? 0) > ADMIN_BODY_LIMIT_BYTES }).toEqual({ what, overLimit: true });
        // A wrong method on the resource: 405, unless the body parsers (they run before routing) refused its body.
        if (['PUT', 'PATCH', 'DELETE', 'OPTIONS'].includes(r.method) && isBackfillPath(r.path)) {
          const bodyRefused = (status === 400 || status === 413) && /request body not accepted|JSON/.test(text);
          expect({ what, status: bodyRefused ? 405 : status }).toEqual({ what, status: 405 });
        }

        // Only a carried-out POST may change the runs; on its own a run only finishes or fails.
        if (!(r.method === 'POST' && status === 200)) {
          expect({ what, count: after.count, last: after.last }).toEqual({ what, count: before.count, last: before.last });
          const finished = before.state === 'running' && (after.state === 'replayed' || after.state === 'failed');
          if (!finished) expect({ what, state: after.state }).toEqual({ what, state: before.state });
        }
      }),
      { numRuns: RUNS, seed: SEED, endOnFailure: true },
    );
    console.log(`admin API fuzz: statuses ${JSON.stringify(Object.fromEntries([...seen].sort(([a], [b]) => a - b)))}; runs started: ${(await runs()).count}`);
    // The generators reach every kind of answer, so each check above was exercised.
    for (const status of [200, 400, 401, 404, 405]) expect({ status, seen: (seen.get(status) ?? 0) > 0 }).toEqual({ status, seen: true });
    expect(f.admin?.running).toBe(true);
  });
});
