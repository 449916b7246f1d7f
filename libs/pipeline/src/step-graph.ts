/**
 * The step graph, declared once: which topic feeds which step, and which steps emit
 * an output topic. The admin API shows it, the enricher app resolves `--step` from it,
 * docker-compose has one service per entry, and status computes lag from it.
 */
export const TOPICS = {
  /** Raw "PositionEvent" rows, keyed by token id, in chain order (blockNumber, logIndex). */
  positionEvents: 'lp.position-events.v1',
  /** Position events with their position manager and pool, keyed by `positionManager:tokenId`. */
  attributedPositionEvents: 'lp.position-events.attributed.v1',
  /** "PoolEvent" rows, keyed by pool address, in chain order. */
  poolEvents: 'lp.pool-events.v1',
  /** Records a step could not process, with headers naming step, error and source. */
  deadLetters: 'lp.dlq.v1',
} as const;

/** A topic by its role; its name is `TOPICS[key]` under the deployment's name prefix. */
export type TopicKey = keyof typeof TOPICS;

export interface StepDefinition {
  /** Stable name: CLI `--step`, ENRICH_STEP, compose service, metrics label. */
  name: string;
  /** Human title, as the original backfill's process names. */
  title: string;
  input: TopicKey;
  output?: TopicKey;
  /** Consumer group id; one per step so each step has its own offsets. */
  group: string;
}

const step = (name: string, title: string, input: TopicKey, output?: TopicKey): StepDefinition => ({
  name,
  title,
  input,
  output,
  group: `lp-enrich.${name}.v1`,
});

export const STEPS: readonly StepDefinition[] = [
  step('pool-attribution', 'Pool Attribution', 'positionEvents', 'attributedPositionEvents'),
  step('fees-usd', 'Fees USD', 'attributedPositionEvents'),
  step('range-status', 'Range Status', 'attributedPositionEvents'),
  step('impermanent-loss', 'Impermanent Loss', 'attributedPositionEvents'),
  step('unclaimed-fees', 'Unclaimed Fees', 'attributedPositionEvents'),
  step('position-snapshots', 'Position Snapshots', 'attributedPositionEvents'),
  step('pool-volume', 'Pool Volume', 'poolEvents'),
  step('apr', 'APR Calculation', 'poolEvents'),
  step('rflr-vesting', 'rFLR Vesting', 'attributedPositionEvents'),
  step('position-health', 'Position Health', 'attributedPositionEvents'),
];

export type StepName = string;

/** Every step's name, in the graph's order: all of them are implemented (apps/enricher/src/steps). */
export const STEP_NAMES: readonly string[] = STEPS.map((s) => s.name);

export function findStep(name: string): StepDefinition {
  const found = STEPS.find((s) => s.name === name);
  if (!found) throw new Error(`unknown step "${name}"; known steps: ${STEPS.map((s) => s.name).join(', ')}`);
  return found;
}

/** Steps whose input is produced by another step (they cannot finish before it). */
export function upstreamOf(s: StepDefinition): StepDefinition | undefined {
  return STEPS.find((other) => other.output === s.input);
}

/** The consumer group of a step under a name prefix (empty in production). */
export function groupIdOf(s: StepDefinition, prefix = ''): string {
  return prefix + s.group;
}
