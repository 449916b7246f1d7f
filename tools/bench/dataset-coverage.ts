import type { DatasetName } from './options';

/** Steps a dataset cannot drive, and why (docs/dataset.md, *Coverage*). */
export interface LeftOutSteps {
  steps: readonly string[];
  why: string;
}

/**
 * The scale dataset has no chain with its history behind it: steps 5 and 6 read the
 * manager's `positions`, the pool's `slot0`, fee growth and ticks at each event's block,
 * so they cannot run on it (they are measured on the chain scenario).
 */
export const DATASET_LEFT_OUT: Record<DatasetName, LeftOutSteps> = {
  scenario: { steps: [], why: '' },
  scale: {
    steps: ['unclaimed-fees', 'position-snapshots'],
    why: "they read chain state (positions, slot0, fee growth, ticks) at each event's block, and no chain holds the scale dataset's history (docs/dataset.md, Coverage)",
  },
};

export interface StepSelection {
  /** The selected steps the dataset can drive, in their order. */
  steps: string[];
  /** Selected steps left out because the dataset cannot drive them. */
  leftOut: string[];
  why: string;
}

/** Splits the selected steps into those that run on `dataset` and those left out. */
export function selectStepsFor(dataset: DatasetName, selected: readonly string[]): StepSelection {
  const { steps: cannot, why } = DATASET_LEFT_OUT[dataset];
  return { steps: selected.filter((s) => !cannot.includes(s)), leftOut: selected.filter((s) => cannot.includes(s)), why };
}

/** The one line the bench prints when steps are left out (undefined when none is). */
export function leftOutLine(dataset: DatasetName, selection: StepSelection): string | undefined {
  if (selection.leftOut.length === 0) return undefined;
  return `--dataset ${dataset}: left out ${selection.leftOut.join(', ')} (of --steps and of end-to-end): ${selection.why}`;
}
