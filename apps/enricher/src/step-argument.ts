import { findStep, type StepDefinition } from '@lib/pipeline';

/** The step this process runs: `--step <name>` (or `--step=<name>`), else the configured one (ENRICH_STEP). */
export function stepFromArgs(argv: string[], configured: string | undefined): StepDefinition {
  let name: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--step') name = argv[i + 1];
    else if (argv[i].startsWith('--step=')) name = argv[i].slice('--step='.length);
  }
  name = name ?? configured;
  if (!name) throw new Error('which step? pass --step <name> or set ENRICH_STEP');
  return findStep(name);
}
