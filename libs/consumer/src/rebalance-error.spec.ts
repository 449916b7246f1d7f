import { isRebalanceError } from './rebalance-error';

describe('isRebalanceError', () => {
  it('recognises the broker saying the member lost the batch', () => {
    expect(isRebalanceError({ type: 'ILLEGAL_GENERATION', message: 'Specified group generation id is not valid' })).toBe(true);
    expect(isRebalanceError({ type: 'REBALANCE_IN_PROGRESS', message: 'The group is rebalancing' })).toBe(true);
    expect(isRebalanceError({ type: 'UNKNOWN_MEMBER_ID', message: 'x' })).toBe(true);
    expect(isRebalanceError(new Error('Specified group generation id is not valid'))).toBe(true);
  });
  it('leaves every other failure to be retried', () => {
    expect(isRebalanceError(new Error('connect ECONNREFUSED 127.0.0.1:5432'))).toBe(false);
    expect(isRebalanceError({ type: 'REQUEST_TIMED_OUT', message: 'timeout' })).toBe(false);
    expect(isRebalanceError(undefined)).toBe(false);
  });
});
