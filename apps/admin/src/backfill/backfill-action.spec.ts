import { InvalidActionError, parseBackfillAction, requireJsonContentType } from './backfill-action';

describe('parseBackfillAction', () => {
  it('accepts every action, with or without steps', () => {
    expect(parseBackfillAction({ action: 'start' })).toEqual({ action: 'start' });
    expect(parseBackfillAction({ action: 'reset', steps: ['fees-usd', 'fees-usd'] })).toEqual({ action: 'reset', steps: ['fees-usd'] });
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
