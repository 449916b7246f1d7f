import { STEPS } from '@lib/pipeline';
import { STEP_MODULES } from './step-modules';
import { STEP_CATALOG } from '.';

/** The steps this build can run, in the step graph's order (the backfill command starts one service each). */
export const IMPLEMENTED_STEPS: string[] = STEPS.map((s) => s.name).filter((name) => name in STEP_MODULES || name in STEP_CATALOG);
