/**
 * THE weights of the health score (docs/health-score.md): time in range matters most (it
 * is what earns fees), then how far the price is from leaving the range, then whether
 * fees have paid for the impermanent loss so far. They add up to 1.
 */
export const HEALTH_WEIGHTS = { timeInRange: 0.5, edgeDistance: 0.3, feesVsIl: 0.2 } as const;

/** The look-back of the time-in-range component. */
export const HEALTH_WINDOW_SECONDS = 7 * 86_400;
