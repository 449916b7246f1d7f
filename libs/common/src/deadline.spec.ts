import { DeadlineExceededError, withDeadline } from './deadline';

describe('withDeadline', () => {
  it('passes a result that arrives in time', async () => {
    await expect(withDeadline(Promise.resolve(7), 1_000, 'x')).resolves.toBe(7);
  });
  it('passes a failure that arrives in time', async () => {
    await expect(withDeadline(Promise.reject(new Error('boom')), 1_000, 'x')).rejects.toThrow('boom');
  });
  it('fails with what it waited for when nothing arrives', async () => {
    const never = new Promise<number>(() => undefined);
    await expect(withDeadline(never, 20, 'produce to t')).rejects.toThrow(new DeadlineExceededError('produce to t: no answer within 20 ms'));
  });
});
