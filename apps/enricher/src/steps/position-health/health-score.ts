import { HEALTH_WEIGHTS } from './health-weights';

export interface HealthComponents {
  timeInRange: number | null;
  edgeDistance: number | null;
  feesVsIl: number | null;
}

/**
 * The weighted mean of the components that have a value (each 0–100): a missing component's
 * weight is left out and the others renormalised, so missing data neither rewards nor
 * punishes. Null when no component has a value.
 */
export function healthScore(c: HealthComponents, weights: Record<keyof HealthComponents, number> = HEALTH_WEIGHTS): number | null {
  let sum = 0;
  let weight = 0;
  for (const key of ['timeInRange', 'edgeDistance', 'feesVsIl'] as const) {
    const value = c[key];
    if (value === null) continue;
    sum += weights[key] * value;
    weight += weights[key];
  }
  return weight === 0 ? null : sum / weight;
}
