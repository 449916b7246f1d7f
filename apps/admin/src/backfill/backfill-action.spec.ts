import { InvalidActionError, parseBackfillAction, requireJsonContentType } from './backfill-action';

describe('parseBackfillAction', () => {
  it('accepts every action, with or without steps', () => {
    expect(parseBackfillAction({ action: 'start' })).toEqual({ action: 'start' });
    expect(parseBackfillAction({ action: 'reset', steps: ['fees-usd', 'fees-usd'] })).toEqual({ action: 'reset', steps: ['fees-usd'] });
  });

  it('takes an as-of time (epoch seconds) with start', () => {
    expect(parseBackfillAction({ action: 'start', asOf: 1_735_689_600 })).toEqual({ action: 'start', asOf: 1_735_689_600 });
    expect(parseBackfillAction({ action: 'start', steps: ['apr'], asOf: 1 })).toEqual({ action: 'start', steps: ['apr'], asOf: 1 });
    expect(parseBackfillAction({ action: 'start', asOf: 253_402_300_799 })).toEqual({ action: 'start', asOf: 253_402_300_799 });
  });

  it.each([
    [null, /JSON object/],
    [[], /JSON object/],
    ['start', /JSON object/],
    [{}, /"action" must be one of start, stop, pause, resume, reset; got null/],
    [{ action: 'launch' }, /got "launch"/],
    [{ action: 'start', steps: 'fees-usd' }, /array of step names/],
    [{ action: 'start', steps: ['fees-usd', 'nope'] }, /unknown step\(s\): nope/],
    [{ action: 'start', force: true }, /unknown field\(s\): force/],
    [{ action: 'reset', steps: [] }, /at least one step/],
    [{ action: 'start', asOf: '1735689600' }, /"asOf" must be a positive whole number of epoch seconds up to 253402300799; got "1735689600"/],
    [{ action: 'start', asOf: 1.5 }, /"asOf" must be a positive whole number/],
    [{ action: 'start', asOf: 0 }, /"asOf" must be a positive whole number/],
    [{ action: 'start', asOf: -5 }, /"asOf" must be a positive whole number/],
    [{ action: 'start', asOf: 253_402_300_800 }, /up to 253402300799; got 253402300800/],
    [{ action: 'start', asOf: null }, /"asOf" must be a positive whole number/],
    [{ action: 'stop', asOf: 1_735_689_600 }, /"asOf" is only for "start"/],
  ])('refuses %j with a clear message', (body, message) => {
    expect(() => parseBackfillAction(body)).toThrow(InvalidActionError);
    expect(() => parseBackfillAction(body)).toThrow(message);
  });
});

describe('requireJsonContentType', () => {
  it('accepts JSON with or without parameters', () => {
    expect(() => requireJsonContentType('application/json')).not.toThrow();
    expect(() => requireJsonContentType('Application/JSON; charset=utf-8')).not.toThrow();
  });

  it.each([undefined, '', 'text/plain', 'application/x-www-form-urlencoded', 'application/jsonp'])('refuses %j', (type) => {
    expect(() => requireJsonContentType(type)).toThrow(/Content-Type must be application\/json/);
  });
});
