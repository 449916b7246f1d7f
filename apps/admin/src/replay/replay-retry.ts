/**
 * When a failing replay gives up. Transient failures (broker restarting, database
 * restarting, registry unreachable) are retried from the saved cursor; a run that has
 * produced nothing for `limitMs` while failing is marked failed (`start` resumes it).
 * Any progress between failures starts the window afresh.
 */
export class ReplayRetryWindow {
  private failingSince?: number;
  private attempts = 0;
  private rowsSeen = -1;

  constructor(private readonly limitMs: number) {}

  /** Records a failure at `now`; the retry's number (1-based) and whether to give up. */
  failed(now: number): { attempt: number; giveUp: boolean } {
    this.failingSince ??= now;
    this.attempts++;
    return { attempt: this.attempts, giveUp: now - this.failingSince >= this.limitMs };
  }

  /** The run's produced-row count as last read: a count above the last one seen is progress. */
  sawRows(rowsProduced: number): void {
    if (rowsProduced > this.rowsSeen && this.rowsSeen >= 0) {
      this.failingSince = undefined;
      this.attempts = 0;
    }
    this.rowsSeen = Math.max(this.rowsSeen, rowsProduced);
  }
}
