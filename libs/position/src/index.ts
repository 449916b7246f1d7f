// The position domain: what two or more steps share about a position (its key, ledger and
// principal, fee state and unclaimed fees, impermanent loss, time in range, swap value,
// chain time). Steps import it and never each other (docs/architecture.md).
export * from './position-key';
export * from './position-event-ref';
export * from './position-principal';
export * from './principal-split';
export * from './time-in-range';
export * from './pool-tick-timeline';
export * from './pool-tick-timelines';
export * from './chain-time';
export * from './fee-state';
export * from './collect-cap';
export * from './fee-state.reader';
export * from './pool-position.reader';
export * from './unclaimed-fees-row';
export * from './impermanent-loss-row';
export * from './swap-input';
export * from './swap-value';
export * from './usd-amount';
