import { errorFacts } from './error-facts';

describe('errorFacts', () => {
  it('collects messages, codes, statuses and names along the cause chain', () => {
    const root = Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' });
    const outer = Object.assign(new Error('HTTP request failed', { cause: root }), { status: 502, name: 'HttpRequestError' });
    expect(errorFacts(outer)).toEqual({
      messages: ['HTTP request failed', 'read ECONNRESET'],
      codes: ['ECONNRESET'],
      statuses: [502],
      names: ['HttpRequestError', 'Error'],
    });
  });

  it('stops on cycles and accepts strings and nothing', () => {
    const a: { message: string; cause?: unknown } = { message: 'a' };
    a.cause = a;
    expect(errorFacts(a).messages.length).toBeLessThanOrEqual(12);
    expect(errorFacts('plain').messages).toEqual(['plain']);
    expect(errorFacts(undefined).messages).toEqual([]);
  });
});
