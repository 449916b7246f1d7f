import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const PROMETHEUS_DIR = join(ROOT, 'infra', 'prometheus');

/** promtool's path, or undefined when it is not installed (Debian: apt-get install prometheus). */
function findPromtool(): string | undefined {
  const r = spawnSync('bash', ['-c', 'command -v promtool'], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : undefined;
}

const promtool = findPromtool();

function run(args: string[], cwd: string): { ok: boolean; output: string } {
  const r = spawnSync(promtool!, args, { cwd, encoding: 'utf8' });
  return { ok: r.status === 0, output: `${r.stdout}${r.stderr}` };
}

/** `promtool test rules` over the real test file against a mutated copy of alerts.yml. */
function testRulesWith(mutate: (rules: string) => string): { ok: boolean; output: string } {
  const dir = mkdtempSync(join(tmpdir(), 'alerts-'));
  try {
    const rules = readFileSync(join(PROMETHEUS_DIR, 'alerts.yml'), 'utf8');
    const mutated = mutate(rules);
    expect(mutated).not.toEqual(rules);
    writeFileSync(join(dir, 'alerts.yml'), mutated);
    copyFileSync(join(PROMETHEUS_DIR, 'alerts.test.yml'), join(dir, 'alerts.test.yml'));
    return run(['test', 'rules', 'alerts.test.yml'], dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (!promtool) {
  // .ci/run installs prometheus (and promtool) and fails when it is still missing, so this
  // skip only happens on a machine without it.
  console.warn('promtool is not installed (Debian: apt-get install -y prometheus): the alert rule tests are skipped');
}

(promtool ? describe : describe.skip)('Prometheus alert rules and configs (promtool)', () => {
  it('alerts.yml passes its hand-written tests (alerts.test.yml)', () => {
    const r = run(['test', 'rules', 'alerts.test.yml'], PROMETHEUS_DIR);
    expect(r.output).toContain('SUCCESS');
    expect(r.ok).toBe(true);
  });

  it('the compose Prometheus config is valid and loads the rules', () => {
    const r = run(['check', 'config', 'prometheus.yml'], PROMETHEUS_DIR);
    expect(r.output).toMatch(/alerts\.yml[\s\S]*SUCCESS: 4 rules found/);
    expect(r.ok).toBe(true);
  });

  it("the local stack's generated config is valid, loads the rules and discovers targets from files", () => {
    const state = mkdtempSync(join(tmpdir(), 'stack-state-'));
    try {
      // Sourcing stack.sh defines its functions without running a command.
      execFileSync('bash', [
        '-c',
        'LP_STACK_STATE="$1" PROMETHEUS_BIN=/bin/true; source "$2"; write_prometheus_config',
        '_',
        state,
        join(ROOT, 'infra', 'stack.sh'),
      ]);
      const config = readFileSync(join(state, 'prometheus', 'prometheus.yml'), 'utf8');
      expect(config).toContain(`${state}/prometheus/targets/enricher.json`);
      expect(config).toContain(`${PROMETHEUS_DIR}/alerts.yml`);
      expect(readFileSync(join(state, 'prometheus', 'targets', 'enricher.json'), 'utf8').trim()).toBe('[]');
      const r = run(['check', 'config', join(state, 'prometheus', 'prometheus.yml')], state);
      expect(r.output).toContain('SUCCESS: 4 rules found');
      expect(r.ok).toBe(true);
    } finally {
      rmSync(state, { recursive: true, force: true });
    }
  });

  // The tests above can fail: each broken copy of the rules fails alerts.test.yml.
  it.each<[string, (rules: string) => string]>([
    ['LagNotFalling fires sooner', (r) => r.replace(/(alert: LagNotFalling[\s\S]*?for: )5m/, '$11m')],
    ['LagNotFalling without the running-run guard', (r) => r.replace('\n          and on () (lp_backfill_running == 1)\n        for: 5m', '\n        for: 5m')],
    [
      'DeadLettersGrowing needs more than 2 records',
      (r) => r.replace('increase(lp_step_dead_letters_total[10m])) > 0', 'increase(lp_step_dead_letters_total[10m])) > 2'),
    ],
    [
      'StepWithoutInstances also when no run runs',
      (r) => r.replace('kafka_consumergroup_members == 0 and on () (lp_backfill_running == 1)', 'kafka_consumergroup_members == 0'),
    ],
    ['StepStalledOnTransientError on any error class', (r) => r.replace('lp_step_retries_total{class="transient"}', 'lp_step_retries_total')],
    [
      'StepStalledOnTransientError ignoring progress',
      (r) => r.replace('sum by (step) (increase(lp_step_records_in_total[5m])) == 0', 'sum by (step) (increase(lp_step_records_in_total[5m])) >= 0'),
    ],
  ])('a broken rule fails the tests: %s', (_, mutate) => {
    const r = testRulesWith(mutate);
    expect(r.output).toContain('FAILED');
    expect(r.ok).toBe(false);
  });
});
