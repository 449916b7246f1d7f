import fc from 'fast-check';
import { STEPS } from '@lib/pipeline';

/** One generated HTTP request to the admin app, with what the generator knows about it. */
export interface AdminRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: Buffer;
  /** The Authorization header carries the right token (in a form the API accepts). */
  rightToken: boolean;
}

const ACTIONS = ['start', 'stop', 'pause', 'resume', 'reset'];
const STEP_NAMES = STEPS.map((s) => s.name);
const BACKFILL = '/api/admin/backfill';

const authorizations = (token: string) =>
  fc.oneof(
    fc.constantFrom(`Bearer ${token}`, `bearer ${token}`, `BEARER   ${token}`, ` Bearer ${token} `).map((value) => ({ value, right: true })),
    fc
      .oneof(
        fc.constant(undefined),
        fc.constantFrom(
          'Bearer',
          'Bearer ',
          token,
          `Basic ${token}`,
          `Bearer ${token}x`,
          `Bearer ${token.toUpperCase()}`,
          `Bearer ${token.slice(1)}`,
          `Token ${token}`,
        ),
        fc.string({ unit: 'grapheme-ascii', maxLength: 40 }).map((s) => `Bearer ${s}`),
      )
      .map((value) => ({ value, right: false })),
  );

const contentTypes = fc.constantFrom(
  undefined,
  'application/json',
  'application/json; charset=utf-8',
  'APPLICATION/JSON',
  'application/json; charset=latin1',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/xml',
  'application/vnd.api+json',
  '*/*',
  'garbage',
);

/** A body the API must accept from an authorised caller. */
const wellFormedAction = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom('start', 'stop', 'pause', 'resume').map((action) => ({ action })) },
  { weight: 2, arbitrary: fc.record({ action: fc.constantFrom('start', 'stop', 'pause', 'resume'), steps: fc.subarray(STEP_NAMES, { minLength: 1 }) }) },
  // reset joins each step's consumer group to move its offsets (seconds each): one step only.
  { weight: 1, arbitrary: fc.constantFrom(...STEP_NAMES).map((step) => ({ action: 'reset', steps: [step] })) },
);

const bodies = fc.oneof(
  { weight: 3, arbitrary: wellFormedAction.map((a) => JSON.stringify(a)) },
  {
    weight: 3,
    arbitrary: fc
      .record(
        {
          action: fc.oneof(fc.constantFrom(...ACTIONS, 'launch', '', 'START'), fc.jsonValue()),
          steps: fc.oneof(fc.constant([]), fc.array(fc.oneof(fc.constantFrom(...STEP_NAMES), fc.string())), fc.jsonValue()),
          extra: fc.jsonValue(),
        },
        { requiredKeys: [] },
      )
      .map((o) => JSON.stringify(o)),
  },
  { weight: 2, arbitrary: fc.json() },
  { weight: 2, arbitrary: wellFormedAction.chain((a) => fc.nat(JSON.stringify(a).length - 1).map((n) => JSON.stringify(a).slice(0, n))) },
  { weight: 1, arbitrary: fc.string({ maxLength: 200 }) },
  {
    weight: 1,
    arbitrary: fc.constantFrom('action=start', 'action=start&steps[]=apr', '{"action":"start"}\u0000', '\ufeff{"action":"stop"}', 'null', '[]', '"start"'),
  },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 300 }).map((bytes) => Buffer.from(bytes)) },
  // Over the admin API's 16 KiB body limit: just over it, and over the parsers' own 100 kB default.
  { weight: 1, arbitrary: fc.constantFrom(`{"action":"start","pad":"${'x'.repeat(17_000)}"}`, `{"action":"start","pad":"${'x'.repeat(120_000)}"}`) },
);

const segments = fc.oneof(
  fc.webSegment(),
  fc.string({ maxLength: 12 }).map(encodeURIComponent),
  fc.constantFrom('%', '%ff', '..', '%2e%2e', 'counts', 'COUNTS', ''),
);

const paths = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(BACKFILL, `${BACKFILL}/`, '/API/Admin/Backfill', `${BACKFILL}?action=start`) },
  { weight: 2, arbitrary: fc.constantFrom(`${BACKFILL}/counts`, '/api/admin', '/api/admin/') },
  { weight: 2, arbitrary: fc.array(segments, { minLength: 1, maxLength: 3 }).map((s) => `/api/admin/${s.join('/')}`) },
  { weight: 1, arbitrary: fc.tuple(segments, fc.webQueryParameters()).map(([s, q]) => `${BACKFILL}/${s}?${q}`) },
);

const methods = fc.oneof(
  { weight: 6, arbitrary: fc.constant('POST') },
  { weight: 4, arbitrary: fc.constantFrom('GET', 'HEAD', 'PUT', 'PATCH', 'DELETE', 'OPTIONS') },
  { weight: 1, arbitrary: fc.constantFrom('PROPFIND', 'FOO', 'SEARCH', 'TRACE') },
);

const extraHeaders = fc.record(
  {
    'content-encoding': fc.constantFrom('identity', 'gzip', 'br', 'deflate', 'foo'),
    'x-forwarded-for': fc.ipV4(),
    accept: fc.constantFrom('*/*', 'text/html', 'application/json'),
  },
  { requiredKeys: [] },
);

/** Any request under /api/admin: random method, path, token, content type, headers and body. */
export function anyAdminRequest(token: string): fc.Arbitrary<AdminRequest> {
  return fc
    .record({
      method: methods,
      path: paths,
      auth: authorizations(token),
      contentType: contentTypes,
      extra: extraHeaders,
      body: fc.option(bodies, { nil: undefined }),
    })
    .map(toRequest);
}

/** A request the API must carry out (200) or refuse for the run's state (409). */
export function wellFormedAuthorisedRequest(token: string): fc.Arbitrary<AdminRequest> {
  return fc
    .record({
      auth: authorizations(token).filter((a) => a.right),
      contentType: fc.constantFrom('application/json', 'application/json; charset=utf-8'),
      body: wellFormedAction.map((a) => JSON.stringify(a)),
    })
    .map(({ auth, contentType, body }) => toRequest({ method: 'POST', path: BACKFILL, auth, contentType, extra: {}, body }));
}

function toRequest(r: {
  method: string;
  path: string;
  auth: { value?: string; right: boolean };
  contentType?: string;
  extra: Record<string, string>;
  body?: string | Buffer;
}): AdminRequest {
  const headers: Record<string, string> = { ...r.extra };
  if (r.auth.value !== undefined) headers.authorization = r.auth.value;
  if (r.contentType !== undefined) headers['content-type'] = r.contentType;
  return { method: r.method, path: r.path, headers, body: r.body === undefined ? undefined : Buffer.from(r.body), rightToken: r.auth.right };
}

/** The backfill resource, as Express routes it: any case, an optional trailing slash, any query. */
export function isBackfillPath(path: string): boolean {
  return path.split('?')[0].toLowerCase().replace(/\/$/, '') === BACKFILL;
}

/** The API's contract for a POST body (README, Admin API): a JSON object with a known action and, optionally, known steps. */
export function isWellFormedPost(r: AdminRequest): boolean {
  if (r.method !== 'POST' || !isBackfillPath(r.path) || !r.rightToken) return false;
  if ((r.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase() !== 'application/json') return false;
  if (/charset=(?!utf-8)/i.test(r.headers['content-type'] ?? '') || (r.headers['content-encoding'] ?? 'identity') !== 'identity') return false;
  let body: unknown;
  try {
    // A leading UTF-8 byte order mark is dropped, as JSON (RFC 8259) allows and the body parser does.
    body = JSON.parse((r.body?.toString('utf8') ?? '').replace(/^\ufeff/, ''));
  } catch {
    return false;
  }
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return false;
  const { action, steps, ...rest } = body as Record<string, unknown>;
  if (Object.keys(rest).length > 0 || typeof action !== 'string' || !ACTIONS.includes(action)) return false;
  return steps === undefined || (Array.isArray(steps) && steps.length > 0 && steps.every((s) => typeof s === 'string' && STEP_NAMES.includes(s)));
}
