import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '@lib/config';
import { createKafka } from '@lib/kafka';
import { freePort } from '@lib/local-chain';
import { STEP_NAMES, STEPS, groupIdOf, upstreamOf } from '@lib/pipeline';
import { targetGroups } from '../../tools/backfill/prometheus-targets';
import { PipelineFixture, stepStatus } from '../support/pipeline-fixture';
import { waitFor } from '../support/wait-for';

const ROOT = join(__dirname, '..', '..');

/** The machine's prometheus binary (Debian: apt-get install prometheus; .ci/run installs it). */
const PROMETHEUS = ((r) => (r.status === 0 ? r.stdout.trim() : undefined))(spawnSync('bash', ['-c', 'command -v prometheus'], { encoding: 'utf8' }));
if (!PROMETHEUS) console.warn('prometheus is not installed (Debian: apt-get install -y prometheus): the Prometheus integration test is skipped');

interface VectorSample {
  metric: Record<string, string>;
  value: [number, string];
}

/**
 * A real Prometheus scraping a real backfill: the test's own Prometheus (free port, temporary
 * data dir, 1 s scrapes) finds the admin app and the ten step services through file-based
 * discovery, as the local stack's does. The run is replayed before any step runs, so the lag
 * Prometheus sees is first the whole run (checked against Kafka's own high watermarks), then
 * falls to 0 for every step as the services are started.
 */
(PROMETHEUS ? describe : describe.skip)('Prometheus over a backfill (kafka_exporter lag names, file_sd targets)', () => {
  let f: PipelineFixture;
  let prometheus: ChildProcess | undefined;
  let dir: string;
  let promUrl: string;
  let prometheusLog = '';
  const groupOf = (step: string) =>
    groupIdOf(
      STEPS.find((s) => s.name === step)!,
      f.prefix,
    );

  async function query(q: string): Promise<VectorSample[]> {
    const res = await fetch(`${promUrl}/api/v1/query?query=${encodeURIComponent(q)}`);
    const body = (await res.json()) as { status: string; data: { result: VectorSample[] }; error?: string };
    if (body.status !== 'success') throw new Error(`query ${q}: ${body.error}`);
    return body.data.result;
  }

  /** Per step: sum of kafka_consumergroup_lag over its partitions, as Prometheus has it now. */
  async function lagByStep(): Promise<Record<string, number>> {
    const rows = await query(`sum by (consumergroup) (kafka_consumergroup_lag{consumergroup=~"${f.prefix.replace(/\./g, '\\\\.')}.*"})`);
    const byGroup = new Map(rows.map((r) => [r.metric.consumergroup, Number(r.value[1])]));
    return Object.fromEntries(STEP_NAMES.filter((s) => byGroup.has(groupOf(s))).map((s) => [s, byGroup.get(groupOf(s))!]));
  }

  /** The file_sd files, rewritten as services start (Prometheus picks the change up). */
  function writeTargets(): void {
    const groups = targetGroups({
      adminPort: f.adminPort,
      steps: f.services.map((s) => ({ name: s.name.replace(/#\d+$/, ''), metricsPort: Number(s.env.METRICS_PORT) })),
    });
    writeFileSync(join(dir, 'targets', 'admin.json'), JSON.stringify(groups.admin));
    writeFileSync(join(dir, 'targets', 'enricher.json'), JSON.stringify(groups.enricher));
  }

  /** Records in a topic of this run, from Kafka itself: the sum of its high watermarks (the topics are new). */
  async function recordsInTopic(topic: string): Promise<number> {
    const admin = createKafka(loadConfig()).admin();
    await admin.connect();
    try {
      return (await admin.fetchTopicOffsets(topic)).reduce((n, p) => n + Number(p.high), 0);
    } finally {
      await admin.disconnect();
    }
  }

  beforeAll(async () => {
    f = await PipelineFixture.create();
    await f.startAdmin();
    dir = mkdtempSync(join(tmpdir(), 'prometheus-it-'));
    mkdirSync(join(dir, 'targets'));
    writeTargets();
    const port = await freePort();
    promUrl = `http://127.0.0.1:${port}`;
    writeFileSync(
      join(dir, 'prometheus.yml'),
      [
        'global: { scrape_interval: 1s, evaluation_interval: 1s }',
        `rule_files: ["${join(ROOT, 'infra', 'prometheus', 'alerts.yml')}"]`,
        'scrape_configs:',
        ...['admin', 'enricher'].flatMap((job) => [
          `  - job_name: ${job}`,
          '    honor_labels: true',
          `    file_sd_configs: [{ files: ["${join(dir, 'targets', `${job}.json`)}"], refresh_interval: 1s }]`,
        ]),
      ].join('\n'),
    );
    prometheus = spawn(
      PROMETHEUS!,
      [`--config.file=${join(dir, 'prometheus.yml')}`, `--storage.tsdb.path=${join(dir, 'data')}`, `--web.listen-address=127.0.0.1:${port}`],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    prometheus.stdout!.on('data', (d: Buffer) => (prometheusLog += d.toString()));
    prometheus.stderr!.on('data', (d: Buffer) => (prometheusLog += d.toString()));
    await waitFor(
      () => fetch(`${promUrl}/-/ready`).then((r) => r.ok),
      (ok) => ok,
      `prometheus ready (log: ${prometheusLog.slice(-500)})`,
      30_000,
    );
  });

  afterAll(async () => {
    if (prometheus && prometheus.exitCode === null) {
      const exited = new Promise((r) => prometheus!.once('exit', r));
      prometheus.kill('SIGTERM');
      await exited;
    }
    await f?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("sees each step's lag as the whole run before its service runs, then every step's lag fall to 0", async () => {
    const started = Date.now();
    // The whole run replayed with no step running: nothing is consumed yet.
    expect((await f.post({ action: 'start', steps: [...STEP_NAMES] })).status).toBe(200);
    const replayed = await f.waitForState('replayed', 120_000);
    const rawSteps = STEPS.filter((s) => !upstreamOf(s)).map((s) => s.name);
    const derivedSteps = STEPS.filter((s) => upstreamOf(s)).map((s) => s.name);
    expect(rawSteps.length).toBeGreaterThan(0);
    expect(derivedSteps.length).toBeGreaterThan(0);

    // Steps on the replayed topics: their lag is every record Kafka holds on their input.
    const expectedRaw = Object.fromEntries(await Promise.all(rawSteps.map(async (s) => [s, await recordsInTopic(stepStatus(replayed, s).input)] as const)));
    for (const s of rawSteps) expect(expectedRaw[s]).toBeGreaterThan(0);
    await waitFor(
      lagByStep,
      (lag) => rawSteps.every((s) => lag[s] === expectedRaw[s]),
      `Prometheus lag of ${rawSteps.join(', ')} = ${JSON.stringify(expectedRaw)}`,
      30_000,
    );

    // Start the upstream steps; once their lag is 0 their output topic is complete, and the
    // downstream steps (not running yet) lag by all of it.
    for (const s of rawSteps) {
      await f.startStep(s);
      writeTargets();
    }
    await waitFor(lagByStep, (lag) => rawSteps.every((s) => lag[s] === 0), `Prometheus lag of ${rawSteps.join(', ')} = 0`, 120_000);
    const status = await f.status();
    const expectedDerived = Object.fromEntries(
      await Promise.all(derivedSteps.map(async (s) => [s, await recordsInTopic(stepStatus(status, s).input)] as const)),
    );
    for (const s of derivedSteps) expect(expectedDerived[s]).toBeGreaterThan(0);
    await waitFor(
      lagByStep,
      (lag) => derivedSteps.every((s) => lag[s] === expectedDerived[s]),
      `Prometheus lag of ${derivedSteps.join(', ')} = ${JSON.stringify(expectedDerived)}`,
      30_000,
    );

    // The rest: every step's lag falls to 0 in Prometheus, and the run completes.
    for (const s of derivedSteps) {
      await f.startStep(s);
      writeTargets();
    }
    const final = await waitFor(lagByStep, (lag) => STEP_NAMES.every((s) => lag[s] === 0), 'Prometheus lag of every step = 0', 180_000);
    expect(Object.keys(final).sort()).toEqual([...STEP_NAMES].sort());
    await f.waitForState('completed', 60_000);
    console.log(
      `prometheus.int-spec: ${STEP_NAMES.length} steps, lag to 0 in ${((Date.now() - started) / 1000).toFixed(1)} s; lag before the services: ${JSON.stringify({ ...expectedRaw, ...expectedDerived })}`,
    );
  });

  it('scrapes the admin app and every step service as targets that are up, with their step label', async () => {
    type Targets = { data: { activeTargets: { labels: Record<string, string>; health: string; lastError: string }[] } };
    const targets = await waitFor(
      async () => ((await (await fetch(`${promUrl}/api/v1/targets?state=active`)).json()) as Targets).data.activeTargets,
      // A target found since the last scrape is `unknown` until scraped (1 s).
      (t) => t.length === STEP_NAMES.length + 1 && t.every((x) => x.health === 'up'),
      'all targets discovered and scraped',
      15_000,
    );
    expect(targets.filter((t) => t.health !== 'up').map((t) => `${t.labels.instance}: ${t.lastError}`)).toEqual([]);
    expect(targets.filter((t) => t.labels.job === 'admin').map((t) => t.labels.instance)).toEqual([`admin@127.0.0.1:${f.adminPort}`]);
    expect(
      targets
        .filter((t) => t.labels.job === 'enricher')
        .map((t) => t.labels.step)
        .sort(),
    ).toEqual([...STEP_NAMES].sort());
    // Prometheus's own view of the targets agrees, and the steps' metrics carry their step.
    expect((await query('sum(up)'))[0].value[1]).toBe(String(STEP_NAMES.length + 1));
    const steps = await query('count by (step) (lp_step_records_in_total)');
    expect(steps.map((r) => r.metric.step).sort()).toEqual([...STEP_NAMES].sort());
    // The members gauge counts each step's one running instance.
    const members = await query(`kafka_consumergroup_members{consumergroup=~"${f.prefix.replace(/\./g, '\\\\.')}.*"}`);
    expect(members.map((r) => Number(r.value[1]))).toEqual(STEP_NAMES.map(() => 1));
  });

  it('answers every query of the Grafana dashboard; lag, rate and instances per step have a series for every step', async () => {
    const dashboard = JSON.parse(readFileSync(join(ROOT, 'infra', 'grafana', 'dashboards', 'enrichment.json'), 'utf8')) as {
      panels: { title: string; targets: { expr: string }[] }[];
    };
    // Every query is valid PromQL here (query() throws on an error answer).
    const seriesPerStepPanel = async () => {
      const counts: Record<string, number> = {};
      for (const panel of dashboard.panels) {
        for (const t of panel.targets) {
          // Grafana's own variable, as Grafana would substitute it at this scrape interval.
          const rows = await query(t.expr.replace(/\$__rate_interval/g, '1m'));
          if (/per step/i.test(panel.title) && !(panel.title in counts)) counts[panel.title] = rows.length;
        }
      }
      return counts;
    };
    // A rate needs two scrapes of the step started last: wait for them.
    const counts = await waitFor(
      seriesPerStepPanel,
      (c) => ['Lag per step', 'Records in per step', 'Instances per step'].every((t) => c[t] === STEP_NAMES.length),
      'a series per step in the lag, rate and instances panels',
      15_000,
    );
    expect(counts['Lag per step']).toBe(STEP_NAMES.length);
  });
});
