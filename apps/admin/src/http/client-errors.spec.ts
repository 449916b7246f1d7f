import { BadRequestException, PayloadTooLargeException } from '@nestjs/common';
import { unreadableBodyException, unreadableBodyReason } from './body-errors';
import { allowedMethods, expressRoutes } from './route-methods';

describe('allowedMethods', () => {
  const routes = [
    { path: '/api/admin/backfill', methods: ['get'] },
    { path: '/api/admin/backfill', methods: ['post'] },
    { path: '/api/admin/backfill/counts', methods: ['get'] },
    { path: '/things/:id', methods: ['delete'] },
  ];

  it('lists the methods of a known path, HEAD with GET', () => {
    expect(allowedMethods(routes, '/api/admin/backfill')).toEqual(['GET', 'HEAD', 'POST']);
    expect(allowedMethods(routes, '/API/admin/backfill/')).toEqual(['GET', 'HEAD', 'POST']);
    expect(allowedMethods(routes, '/api/admin/backfill/counts')).toEqual(['GET', 'HEAD']);
    expect(allowedMethods(routes, '/things/7')).toEqual(['DELETE']);
  });

  it('knows no method of an unknown path', () => {
    expect(allowedMethods(routes, '/api/admin/backfill/nope')).toEqual([]);
    expect(allowedMethods(routes, '/things/')).toEqual([]);
    expect(allowedMethods(routes, '/')).toEqual([]);
  });

  it('reads the routes of an Express app, leaving out catch-all ones', () => {
    const app = { router: { stack: [{ route: { path: '/a', methods: { get: true } } }, {}, { route: { path: '/b', methods: { _all: true } } }] } };
    expect(expressRoutes(app)).toEqual([{ path: '/a', methods: ['get'] }]);
    expect(expressRoutes({})).toEqual([]);
  });
});

describe('unreadableBodyReason', () => {
  it("names the body parsers' refusals", () => {
    expect(unreadableBodyReason(Object.assign(new Error('request entity too large'), { type: 'entity.too.large', status: 413 }))).toBe(
      'request body not accepted: request entity too large',
    );
    expect(unreadableBodyReason(Object.assign(new Error('unsupported charset "LATIN1"'), { type: 'charset.unsupported', statusCode: 415 }))).toMatch(/LATIN1/);
    expect(unreadableBodyReason(Object.assign(new Error('incorrect header check'), { expose: true, status: 400 }))).toBe(
      'request body not accepted: incorrect header check',
    );
  });

  it('leaves other errors alone', () => {
    expect(unreadableBodyReason(new Error('boom'))).toBeUndefined();
    expect(unreadableBodyReason(Object.assign(new Error('internal'), { expose: false, status: 400 }))).toBeUndefined();
    expect(unreadableBodyReason(Object.assign(new Error('stream encoding should not be set'), { type: 'stream.encoding.set', status: 500 }))).toBeUndefined();
    expect(unreadableBodyReason(null)).toBeUndefined();
  });
});

describe('unreadableBodyException', () => {
  it('answers a body over the limit with 413 naming the limit, other unreadable bodies with 400', () => {
    const tooLarge = unreadableBodyException(Object.assign(new Error('request entity too large'), { type: 'entity.too.large', status: 413 }), 16 * 1024);
    expect(tooLarge).toBeInstanceOf(PayloadTooLargeException);
    expect(tooLarge?.getStatus()).toBe(413);
    expect(tooLarge?.message).toBe('request body not accepted: larger than the 16 KiB limit of the admin API');
    const charset = unreadableBodyException(Object.assign(new Error('unsupported charset "LATIN1"'), { type: 'charset.unsupported', statusCode: 415 }));
    expect(charset).toBeInstanceOf(BadRequestException);
    expect(charset?.message).toMatch(/LATIN1/);
    expect(unreadableBodyException(new Error('boom'))).toBeUndefined();
  });
});
