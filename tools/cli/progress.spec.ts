import { Progress } from './progress';

/** A log stream (not a terminal) and a clock the test moves. */
function harness(everyMs = 5000) {
  const lines: string[] = [];
  let now = 0;
  const progress = new Progress({
    label: 'demo',
    stream: { write: (t: string) => lines.push(...t.split('\n').filter(Boolean)), isTTY: false },
    everyMs,
    now: () => now,
  });
  return { lines, progress, advance: (ms: number) => (now += ms) };
}

describe('progress without a terminal', () => {
  it('prints a task at most once per interval, then its last state when stopped', () => {
    const { lines, progress, advance } = harness();
    const task = progress.task('replay', 100);
    task.update(10, '5 rows/s');
    task.update(20);
    advance(4999);
    task.update(30);
    advance(1);
    task.update(40);
    task.update(90);
    progress.stop();
    expect(lines).toEqual(['[demo] replay 10/100 (10%) 5 rows/s', '[demo] replay 40/100 (40%) 5 rows/s', '[demo] replay 90/100 (90%) 5 rows/s']);
  });

  it('does not repeat an unchanged line, and follows a changed total', () => {
    const { lines, progress, advance } = harness(0);
    const task = progress.task('fees-usd', 0);
    task.update(0);
    advance(10);
    task.update(0);
    task.setTotal(50);
    task.update(50);
    progress.stop();
    progress.stop();
    expect(lines).toEqual(['[demo] fees-usd 0/0 (–)', '[demo] fees-usd 50/50 (100%)']);
  });

  it('keeps one state per task name and writes messages as they come', () => {
    const { lines, progress } = harness();
    progress.task('a', 2).update(1);
    progress.log('skipped a log');
    progress.task('a', 2).update(2);
    progress.task('b', 1).update(1);
    progress.stop();
    expect(lines).toEqual(['[demo] a 1/2 (50%)', 'skipped a log', '[demo] b 1/1 (100%)', '[demo] a 2/2 (100%)']);
  });
});
