/**
 * docker-compose.yml cannot run on our machines (no Docker engine), so it is checked by
 * parsing: one scalable service per step of the step graph (STEPS), wired to Kafka, the
 * registry and PostgreSQL; the infrastructure services with health checks; Prometheus
 * scraping every step; and the Dockerfile running the compiled dist/.
 *
 * Every check is a function returning a list of problems (empty = fine). The first block
 * runs them on the real files; the second breaks a copy of the files in the ways a careless
 * edit would and requires each check to notice, so none of them can pass vacuously.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import { STEPS } from '@lib/pipeline';

const ROOT = join(__dirname, '..', '..');
const COMPOSE_FILE = join(ROOT, 'docker-compose.yml');
const PROMETHEUS_FILE = join(ROOT, 'infra', 'prometheus', 'prometheus.yml');
const DOCKERFILE = join(ROOT, 'Dockerfile');
const DOCKERIGNORE = join(ROOT, '.dockerignore');
const GRAFANA_DATASOURCES = join(ROOT, 'infra', 'grafana', 'provisioning', 'datasources', 'prometheus.yml');
const GRAFANA_PROVIDERS = join(ROOT, 'infra', 'grafana', 'provisioning', 'dashboards', 'enrichment.yml');
const GRAFANA_DASHBOARD = join(ROOT, 'infra', 'grafana', 'dashboards', 'enrichment.json');

const ENRICHER_MAIN = 'dist/apps/enricher/src/main.js';
const ADMIN_MAIN = 'dist/apps/admin/src/main.js';
const MIGRATE_MAIN = 'dist/tools/db-migrate.js';
const METRICS_PORT = 9464;
const ADMIN_PORT = 3000;

const INFRA = ['kafka', 'registry', 'kafka-ui', 'postgres'] as const;
const APP = ['admin', 'migrate', 'prometheus', 'grafana'] as const;
/** What every application service waits for. */
const HEALTHY_DEPS = ['kafka', 'registry', 'postgres'] as const;

// ---- loading and normalising ----------------------------------------------------------

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- parsed YAML of any shape: the tests check it field by field
type Json = any;

function loadYaml(file: string): Json {
  const doc = parseDocument(readFileSync(file, 'utf8'), { merge: true, uniqueKeys: true });
  if (doc.errors.length > 0) throw new Error(`${file}: ${doc.errors.map((e) => e.message).join('; ')}`);
  return doc.toJS({ maxAliasCount: -1 });
}

const clone = <T>(v: T): T => structuredClone(v);

/** `command`/`test` as tokens: compose accepts a list or a string (split like a shell would). */
function tokens(cmd: unknown): string[] {
  if (Array.isArray(cmd)) return cmd.map(String);
  if (typeof cmd === 'string') return cmd.trim().split(/\s+/);
  return [];
}

/** `environment` as a map: compose accepts a map or a list of `KEY=value`. */
function envOf(svc: Json): Record<string, string> {
  const env = svc?.environment;
  if (!env) return {};
  if (Array.isArray(env)) {
    return Object.fromEntries(
      env.map(String).map((kv) => {
        const i = kv.indexOf('=');
        return i < 0 ? [kv, ''] : [kv.slice(0, i), kv.slice(i + 1)];
      }),
    );
  }
  return Object.fromEntries(Object.entries(env).map(([k, v]) => [k, v == null ? '' : String(v)]));
}

/** `depends_on` as service → condition (the short list form means `service_started`). */
function dependsOn(svc: Json): Record<string, string> {
  const deps = svc?.depends_on;
  if (!deps) return {};
  if (Array.isArray(deps)) return Object.fromEntries(deps.map((d: string) => [d, 'service_started']));
  return Object.fromEntries(Object.entries(deps).map(([name, v]: [string, Json]) => [name, v?.condition ?? 'service_started']));
}

/** Container ports published on the host (`"3000:3000"`, `"127.0.0.1:3000:3000/tcp"`, long form). */
function publishedContainerPorts(svc: Json): number[] {
  const ports: unknown[] = Array.isArray(svc?.ports) ? svc.ports : [];
  return ports.flatMap((p): number[] => {
    if (p && typeof p === 'object') {
      const { target, published } = p as { target?: unknown; published?: unknown };
      return published === undefined || published === '' ? [] : [Number(target)];
    }
    const parts = String(p)
      .replace(/\/(tcp|udp)$/, '')
      .split(':');
    return parts.length < 2 ? [] : [Number(parts[parts.length - 1])];
  });
}

function hasHealthcheck(svc: Json): boolean {
  const hc = svc?.healthcheck;
  if (!hc || hc.disable === true) return false;
  const test = tokens(hc.test);
  return test.length > 1 && test[0] !== 'NONE';
}

function hostPort(address: string): { host: string; port: number } | undefined {
  const m = /^(?:[A-Za-z_]+:\/\/)?([^:/,\s]+):(\d+)$/.exec(address.trim());
  return m ? { host: m[1], port: Number(m[2]) } : undefined;
}

/** The host:port pairs Kafka advertises, from KAFKA_ADVERTISED_LISTENERS. */
function advertised(kafka: Json): string[] {
  return (envOf(kafka).KAFKA_ADVERTISED_LISTENERS ?? '')
    .split(',')
    .map((l) => hostPort(l))
    .filter((hp): hp is { host: string; port: number } => hp !== undefined)
    .map((hp) => `${hp.host}:${hp.port}`);
}

// ---- checks: each returns its problems --------------------------------------------------

function serviceSetProblems(compose: Json): string[] {
  const actual = Object.keys(compose?.services ?? {}).sort();
  const expected = [...INFRA, ...APP, ...STEPS.map((s) => s.name)].sort();
  const problems: string[] = [];
  for (const name of expected) if (!actual.includes(name)) problems.push(`missing service "${name}"`);
  for (const name of actual)
    if (!expected.includes(name))
      problems.push(`service "${name}" is unknown to this test (not infrastructure, admin, migrate, prometheus, grafana or a step)`);
  for (const key of Object.keys(compose ?? {})) {
    if (!['name', 'services', 'volumes', 'networks'].includes(key) && !key.startsWith('x-')) problems.push(`unexpected top-level key "${key}"`);
  }
  return problems;
}

/** Service, healthcheck and depends_on keys of the Compose Specification (compose-spec.json). */
const SERVICE_KEYS = new Set(
  (
    'develop deploy annotations attach build blkio_config cap_add cap_drop cgroup cgroup_parent command configs container_name ' +
    'cpu_count cpu_percent cpu_shares cpu_quota cpu_period cpu_rt_period cpu_rt_runtime cpus cpuset credential_spec depends_on ' +
    'device_cgroup_rules devices dns dns_opt dns_search domainname entrypoint env_file label_file environment expose extends provider ' +
    'external_links extra_hosts gpus group_add healthcheck hostname image init ipc isolation labels links logging mac_address mem_limit ' +
    'mem_reservation mem_swappiness memswap_limit network_mode models networks oom_kill_disable oom_score_adj pid pids_limit platform ' +
    'ports post_start pre_stop privileged profiles pull_policy pull_refresh_after read_only restart runtime scale security_opt shm_size ' +
    'secrets sysctls stdin_open stop_grace_period stop_signal storage_opt tmpfs tty ulimits use_api_socket user uts userns_mode volumes ' +
    'volumes_from working_dir'
  ).split(' '),
);
const HEALTHCHECK_KEYS = new Set(['disable', 'interval', 'retries', 'test', 'timeout', 'start_period', 'start_interval']);
const DEPENDS_ON_KEYS = new Set(['condition', 'restart', 'required']);
const CONDITIONS = new Set(['service_started', 'service_healthy', 'service_completed_successfully']);

/** What `docker compose config` would reject: unknown keys, non-scalar env values, dangling references. */
function specProblems(compose: Json): string[] {
  const problems: string[] = [];
  const services: Record<string, Json> = compose?.services ?? {};
  const volumes = Object.keys(compose?.volumes ?? {});
  for (const [name, svc] of Object.entries(services)) {
    const known = (key: string, set: Set<string>) => set.has(key) || key.startsWith('x-');
    for (const key of Object.keys(svc ?? {})) if (!known(key, SERVICE_KEYS)) problems.push(`${name}: unknown key "${key}"`);
    for (const key of Object.keys(svc?.healthcheck ?? {})) if (!known(key, HEALTHCHECK_KEYS)) problems.push(`${name}: unknown healthcheck key "${key}"`);
    if (!svc?.image && !svc?.build) problems.push(`${name}: neither image nor build`);
    if (
      svc?.command !== undefined &&
      svc.command !== null &&
      typeof svc.command !== 'string' &&
      !(Array.isArray(svc.command) && svc.command.every((t: unknown) => typeof t === 'string'))
    ) {
      problems.push(`${name}: command must be a string or a list of strings`);
    }
    const env = svc?.environment;
    if (env && !Array.isArray(env)) {
      for (const [k, v] of Object.entries(env)) if (v !== null && typeof v === 'object') problems.push(`${name}: environment ${k} is not a scalar`);
    }
    const deps = svc?.depends_on;
    for (const [dep, spec] of Object.entries<Json>(Array.isArray(deps) ? Object.fromEntries(deps.map((d: string) => [d, {}])) : (deps ?? {}))) {
      if (!services[dep]) problems.push(`${name}: depends on unknown service "${dep}"`);
      if (dep === name) problems.push(`${name}: depends on itself`);
      for (const key of Object.keys(spec ?? {})) if (!DEPENDS_ON_KEYS.has(key)) problems.push(`${name}: unknown depends_on key "${key}"`);
      if (!Array.isArray(deps) && !CONDITIONS.has(spec?.condition)) problems.push(`${name}: depends_on ${dep} has condition "${spec?.condition}"`);
      if (spec?.condition === 'service_healthy' && !hasHealthcheck(services[dep]))
        problems.push(`${name}: waits for ${dep} to be healthy, but ${dep} has no health check`);
    }
    for (const v of svc?.volumes ?? []) {
      const source = typeof v === 'string' ? v.split(':')[0] : v?.source;
      if (source && !/^[./~]/.test(source) && !volumes.includes(source)) problems.push(`${name}: volume "${source}" is not declared`);
    }
  }
  return problems;
}

/** Runs a step's service as an enricher instance for exactly that step, scalable. */
function stepServiceProblems(compose: Json, step: string): string[] {
  const svc = compose?.services?.[step];
  if (!svc) return [`no service named after step "${step}"`];
  const problems: string[] = [];
  const cmd = tokens(svc.command);
  const steps = cmd.flatMap((t, i) => (t === '--step' ? [cmd[i + 1]] : t.startsWith('--step=') ? [t.slice(7)] : []));
  if (!(cmd[0] === 'node' && cmd[1] === ENRICHER_MAIN)) problems.push(`${step}: command ${JSON.stringify(cmd)} does not run node ${ENRICHER_MAIN}`);
  if (steps.length !== 1 || steps[0] !== step) problems.push(`${step}: command passes --step ${JSON.stringify(steps)}, expected exactly "${step}"`);
  if (envOf(svc).ENRICH_STEP !== undefined && envOf(svc).ENRICH_STEP !== step) problems.push(`${step}: ENRICH_STEP says "${envOf(svc).ENRICH_STEP}"`);
  if (svc.container_name !== undefined) problems.push(`${step}: has container_name, so it cannot be scaled`);
  if (Array.isArray(svc.ports) && svc.ports.length > 0) problems.push(`${step}: publishes host ports, so it cannot be scaled`);
  if (!svc.image && !svc.build) problems.push(`${step}: has neither image nor build`);
  return problems;
}

/** An application service is configured for, and waits for, Kafka, the registry and PostgreSQL. */
function wiringProblems(compose: Json, name: string): string[] {
  const svc = compose?.services?.[name];
  if (!svc) return [`no service "${name}"`];
  const problems: string[] = [];
  const env = envOf(svc);
  const brokers = (env.KAFKA_BROKERS ?? '').split(',').filter(Boolean);
  if (brokers.length === 0) problems.push(`${name}: KAFKA_BROKERS missing`);
  const kafkaAdvertised = advertised(compose?.services?.kafka);
  for (const b of brokers) {
    if (hostPort(b)?.host !== 'kafka') problems.push(`${name}: KAFKA_BROKERS entry "${b}" is not the kafka service`);
    else if (!kafkaAdvertised.includes(b)) problems.push(`${name}: KAFKA_BROKERS "${b}" is not a listener kafka advertises (${kafkaAdvertised.join(', ')})`);
  }
  if (!/^https?:\/\/registry:\d+\/apis\/ccompat\/v7\/?$/.test(env.SCHEMA_REGISTRY_URL ?? '')) {
    problems.push(`${name}: SCHEMA_REGISTRY_URL "${env.SCHEMA_REGISTRY_URL ?? ''}" is not the registry's ccompat API`);
  }
  if (!/^postgres(ql)?:\/\/[^@]+@postgres:5432\/\w+/.test(env.DATABASE_URL ?? '')) {
    problems.push(`${name}: DATABASE_URL "${env.DATABASE_URL ?? ''}" does not point at the postgres service`);
  }
  const deps = dependsOn(svc);
  for (const dep of HEALTHY_DEPS) {
    if (deps[dep] !== 'service_healthy') problems.push(`${name}: depends_on ${dep} is "${deps[dep] ?? 'absent'}", expected service_healthy`);
  }
  if (deps.migrate !== 'service_completed_successfully') problems.push(`${name}: does not wait for migrate to complete`);
  return problems;
}

function stepHealthcheckProblems(compose: Json, step: string): string[] {
  const svc = compose?.services?.[step];
  if (!hasHealthcheck(svc)) return [`${step}: no health check`];
  const test = tokens(svc.healthcheck.test).join(' ');
  return test.includes(`:${METRICS_PORT}/health`) ? [] : [`${step}: health check "${test}" does not call /health on ${METRICS_PORT}`];
}

function infraProblems(compose: Json): string[] {
  const s = compose?.services ?? {};
  const problems: string[] = [];
  for (const name of [...INFRA, 'admin']) {
    if (!s[name]) problems.push(`missing service "${name}"`);
    else if (name !== 'kafka-ui' && !hasHealthcheck(s[name])) problems.push(`${name}: no health check`);
  }

  const kafka = s.kafka;
  if (kafka) {
    const env = envOf(kafka);
    if (!/^apache\/kafka:\d/.test(kafka.image ?? '')) problems.push(`kafka: image "${kafka.image}" is not apache/kafka`);
    if (!(env.KAFKA_PROCESS_ROLES ?? '').includes('controller')) problems.push('kafka: not in KRaft mode (KAFKA_PROCESS_ROLES lacks controller)');
    if (!env.KAFKA_CONTROLLER_QUORUM_VOTERS && !env.KAFKA_CONTROLLER_QUORUM_BOOTSTRAP_SERVERS) problems.push('kafka: no controller quorum');
    if (!publishedContainerPorts(kafka).includes(9092)) problems.push('kafka: host listener 9092 not published');
    if (!advertised(kafka).includes('localhost:9092')) problems.push('kafka: does not advertise localhost:9092 for the host');
    if (!advertised(kafka).some((a) => a.startsWith('kafka:'))) problems.push('kafka: no internal listener advertised as kafka:<port>');
  }

  const postgres = s.postgres;
  const pgEnv = envOf(postgres);
  if (postgres) {
    if (!/^postgres:16(\b|$)/.test(postgres.image ?? '')) problems.push(`postgres: image "${postgres.image}" is not postgres:16`);
    if (!tokens(postgres.healthcheck?.test).join(' ').includes('pg_isready')) problems.push('postgres: health check is not pg_isready');
    if (!(postgres.volumes ?? []).some((v: unknown) => String(typeof v === 'object' ? (v as Json).target : v).includes('/var/lib/postgresql/data'))) {
      problems.push('postgres: data is not on a volume');
    }
  }

  const registry = s.registry;
  if (registry) {
    const env = envOf(registry);
    if (!/^apicurio\/apicurio-registry:3\./.test(registry.image ?? ''))
      problems.push(`registry: image "${registry.image}" is not apicurio/apicurio-registry:3.x`);
    if (env.APICURIO_STORAGE_KIND !== 'sql') problems.push('registry: APICURIO_STORAGE_KIND is not sql');
    if (env.APICURIO_STORAGE_SQL_KIND !== 'postgresql') problems.push('registry: APICURIO_STORAGE_SQL_KIND is not postgresql');
    const db = /^jdbc:postgresql:\/\/postgres:5432\/([\w-]+)$/.exec(env.APICURIO_DATASOURCE_URL ?? '')?.[1];
    if (!db) problems.push(`registry: APICURIO_DATASOURCE_URL "${env.APICURIO_DATASOURCE_URL ?? ''}" is not a database on the postgres service`);
    else if (db !== pgEnv.POSTGRES_DB) problems.push(`registry: database "${db}" is not the one postgres creates (POSTGRES_DB=${pgEnv.POSTGRES_DB})`);
    if (env.APICURIO_DATASOURCE_USERNAME !== (pgEnv.POSTGRES_USER || 'postgres'))
      problems.push('registry: APICURIO_DATASOURCE_USERNAME differs from POSTGRES_USER');
    if (!env.APICURIO_DATASOURCE_PASSWORD || env.APICURIO_DATASOURCE_PASSWORD !== pgEnv.POSTGRES_PASSWORD)
      problems.push('registry: APICURIO_DATASOURCE_PASSWORD differs from POSTGRES_PASSWORD');
    if (dependsOn(registry).postgres !== 'service_healthy') problems.push('registry: does not wait for a healthy postgres');
  }

  const ui = s['kafka-ui'];
  if (ui) {
    const env = envOf(ui);
    if (!/^(ghcr\.io\/)?kafbat\/kafka-ui:/.test(ui.image ?? '')) problems.push(`kafka-ui: image "${ui.image}" is not kafbat/kafka-ui`);
    if (!env.KAFKA_CLUSTERS_0_NAME) problems.push('kafka-ui: KAFKA_CLUSTERS_0_NAME missing');
    const bootstrap = (env.KAFKA_CLUSTERS_0_BOOTSTRAPSERVERS ?? '').split(',').filter(Boolean);
    if (bootstrap.length === 0 || !bootstrap.every((b) => hostPort(b)?.host === 'kafka' && advertised(kafka).includes(b))) {
      problems.push(`kafka-ui: KAFKA_CLUSTERS_0_BOOTSTRAPSERVERS "${bootstrap.join(',')}" is not an advertised listener of the kafka service`);
    }
    if (!/^https?:\/\/registry:8080\/apis\/ccompat\/v7\/?$/.test(env.KAFKA_CLUSTERS_0_SCHEMAREGISTRY ?? '')) {
      problems.push(`kafka-ui: KAFKA_CLUSTERS_0_SCHEMAREGISTRY "${env.KAFKA_CLUSTERS_0_SCHEMAREGISTRY ?? ''}" is not the registry's ccompat API`);
    }
    if (!publishedContainerPorts(ui).includes(8080)) problems.push('kafka-ui: port 8080 not published');
  }
  return problems;
}

function adminProblems(compose: Json): string[] {
  const admin = compose?.services?.admin;
  if (!admin) return ['missing service "admin"'];
  const problems: string[] = [];
  const env = envOf(admin);
  if (tokens(admin.command).join(' ') !== `node ${ADMIN_MAIN}`) problems.push(`admin: command is not "node ${ADMIN_MAIN}"`);
  if (!publishedContainerPorts(admin).includes(ADMIN_PORT)) problems.push(`admin: port ${ADMIN_PORT} not published`);
  if (env.ADMIN_PORT !== undefined && Number(env.ADMIN_PORT) !== ADMIN_PORT)
    problems.push(`admin: ADMIN_PORT=${env.ADMIN_PORT}, but ${ADMIN_PORT} is published`);
  if (!env.ADMIN_TOKEN) problems.push('admin: ADMIN_TOKEN missing');
  if (!tokens(admin.healthcheck?.test).join(' ').includes(`:${ADMIN_PORT}/health`)) problems.push(`admin: health check does not call /health on ${ADMIN_PORT}`);
  return [...problems, ...wiringProblems(compose, 'admin')];
}

function migrateProblems(compose: Json): string[] {
  const migrate = compose?.services?.migrate;
  if (!migrate) return ['missing service "migrate"'];
  const problems: string[] = [];
  if (tokens(migrate.command).join(' ') !== `node ${MIGRATE_MAIN}`) problems.push(`migrate: command is not "node ${MIGRATE_MAIN}"`);
  if (!['no', 'on-failure', undefined].includes(migrate.restart)) problems.push(`migrate: restart "${migrate.restart}" would rerun a one-shot`);
  if (!/@postgres:5432\//.test(envOf(migrate).DATABASE_URL ?? '')) problems.push('migrate: DATABASE_URL does not point at postgres');
  if (dependsOn(migrate).postgres !== 'service_healthy') problems.push('migrate: does not wait for a healthy postgres');
  if (envOf(migrate).DATABASE_URL !== envOf(compose?.services?.admin).DATABASE_URL) problems.push('migrate: migrates a different database than admin uses');
  return problems;
}

function prometheusProblems(compose: Json, prom: Json): string[] {
  const problems: string[] = [];
  const services = Object.keys(compose?.services ?? {});
  const jobs: Json[] = Array.isArray(prom?.scrape_configs) ? prom.scrape_configs : [];
  const dnsA = new Set<string>(); // "name:port" discovered through A records
  const statics = new Set<string>();
  for (const job of jobs) {
    for (const sd of job.dns_sd_configs ?? []) {
      if (sd.type !== 'A') continue; // SRV (the default) finds nothing on Docker's DNS
      for (const n of sd.names ?? []) dnsA.add(`${n}:${sd.port}`);
    }
    for (const sc of job.static_configs ?? []) for (const t of sc.targets ?? []) statics.add(String(t));
  }
  for (const step of STEPS) {
    if (!dnsA.has(`${step.name}:${METRICS_PORT}`))
      problems.push(`prometheus: step "${step.name}" is not discovered by dns_sd_configs type A on port ${METRICS_PORT}`);
  }
  if (!statics.has(`admin:${ADMIN_PORT}`) && !dnsA.has(`admin:${ADMIN_PORT}`)) problems.push(`prometheus: admin:${ADMIN_PORT} is not scraped`);
  for (const target of [...dnsA, ...statics]) {
    const host = target.split(':')[0];
    if (host !== 'localhost' && !services.includes(host)) problems.push(`prometheus: scrapes "${target}", which is no compose service`);
  }
  const promSvc = compose?.services?.prometheus;
  if (!promSvc) problems.push('missing service "prometheus"');
  else if (!(promSvc.volumes ?? []).some((v: unknown) => /^\.\/infra\/prometheus\/prometheus\.yml:\/etc\/prometheus\/prometheus\.yml/.test(String(v)))) {
    problems.push('prometheus: infra/prometheus/prometheus.yml is not mounted as /etc/prometheus/prometheus.yml');
  }
  // Rule files are found beside the config: each must be mounted there.
  for (const rules of prom?.rule_files ?? []) {
    const mount = new RegExp(`^\\./infra/prometheus/${String(rules).replace(/\./g, '\\.')}:/etc/prometheus/${String(rules).replace(/\./g, '\\.')}(:ro)?$`);
    if (!(promSvc?.volumes ?? []).some((v: unknown) => mount.test(String(v)))) problems.push(`prometheus: rule file ${rules} is not mounted beside the config`);
  }
  if (!(prom?.rule_files ?? []).includes('alerts.yml')) problems.push('prometheus: alerts.yml is not loaded (rule_files)');
  return problems;
}

/** What each panel of the dashboard must show, by the metric its query reads. */
const DASHBOARD_METRICS = {
  'lag per step': 'kafka_consumergroup_lag',
  'rate per step': 'lp_step_records_in_total',
  'DLQ per step': 'lp_step_dead_letters_total',
  'instances per step': 'kafka_consumergroup_members',
};

/**
 * Grafana: provisioned from infra/grafana (data source = the compose Prometheus, the
 * dashboards' folder = where the provider looks), the dashboard's panels on that data source
 * and covering lag, rate, DLQ and instances per step; not on the admin app's host port.
 */
function grafanaProblems(compose: Json, datasources: Json, providers: Json, dashboard: Json): string[] {
  const problems: string[] = [];
  const g = compose?.services?.grafana;
  if (!g) return ['missing service "grafana"'];
  const volumes: string[] = (g.volumes ?? []).map(String);
  if (!volumes.some((v) => /^\.\/infra\/grafana\/provisioning:\/etc\/grafana\/provisioning(:ro)?$/.test(v)))
    problems.push('grafana: infra/grafana/provisioning is not mounted at /etc/grafana/provisioning');
  const dashMount = volumes.map((v) => /^\.\/infra\/grafana\/dashboards:([^:]+)(:ro)?$/.exec(v)).find((m) => m)?.[1];
  if (!dashMount) problems.push('grafana: infra/grafana/dashboards is not mounted');
  const paths = (providers?.providers ?? []).map((p: Json) => p?.options?.path);
  if (dashMount && !paths.includes(dashMount))
    problems.push(`grafana: no dashboard provider reads ${dashMount} (providers read ${paths.join(', ') || 'nothing'})`);
  const ports: string[] = (g.ports ?? []).map(String);
  if (ports.some((p) => p.startsWith(`${ADMIN_PORT}:`))) problems.push(`grafana: host port ${ADMIN_PORT} is the admin app's`);
  if (g.depends_on?.prometheus?.condition !== 'service_healthy') problems.push('grafana: does not wait for prometheus to be healthy');
  const uids = new Set<string>();
  for (const ds of datasources?.datasources ?? []) {
    if (ds.type !== 'prometheus') continue;
    uids.add(ds.uid);
    const m = /^http:\/\/([^:/]+):(\d+)$/.exec(String(ds.url));
    if (!m || m[1] !== 'prometheus' || !compose?.services?.[m[1]] || m[2] !== '9090')
      problems.push(`grafana: data source ${ds.uid} at ${ds.url}, not the compose prometheus:9090`);
  }
  if (uids.size === 0) problems.push('grafana: no Prometheus data source provisioned');
  const panels: Json[] = dashboard?.panels ?? [];
  for (const panel of panels) {
    for (const ref of [panel.datasource, ...(panel.targets ?? []).map((t: Json) => t.datasource)]) {
      if (ref && !uids.has(ref.uid)) problems.push(`grafana: panel "${panel.title}" uses data source ${ref.uid}, which is not provisioned`);
    }
  }
  const exprs = panels.flatMap((p) => (p.targets ?? []).map((t: Json) => String(t.expr)));
  for (const [what, metric] of Object.entries(DASHBOARD_METRICS)) {
    if (!panels.some((p) => /per step/i.test(p.title) && (p.targets ?? []).some((t: Json) => String(t.expr).includes(metric))))
      problems.push(`grafana: no per-step panel for ${what} (${metric})`);
  }
  if (exprs.length === 0) problems.push('grafana: the dashboard has no queries');
  return problems;
}

/** Multi-stage build on node:22-bookworm-slim; the final stage runs dist/ without dev deps. */
function dockerfileProblems(text: string): string[] {
  const problems: string[] = [];
  const lines = text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
  const args: Record<string, string> = {};
  for (const l of lines) {
    const arg = /^ARG\s+(\w+)=(\S+)/.exec(l);
    if (arg) args[arg[1]] = arg[2];
  }
  const stages: { base: string; lines: string[] }[] = [];
  for (const l of lines) {
    const from = /^FROM\s+(\S+)/i.exec(l);
    if (from) stages.push({ base: from[1].replace(/^\$\{?(\w+)\}?$/, (_, a: string) => args[a] ?? a), lines: [] });
    else stages.at(-1)?.lines.push(l);
  }
  if (stages.length < 2) problems.push(`Dockerfile: ${stages.length} stage(s), expected a multi-stage build`);
  for (const st of stages) if (st.base !== 'node:22-bookworm-slim') problems.push(`Dockerfile: stage FROM ${st.base}, expected node:22-bookworm-slim`);
  if (!/^RUN .*\bnpm ci\b/m.test(lines.join('\n'))) problems.push('Dockerfile: no `npm ci`');
  if (!/^RUN .*\bnpm run build\b/m.test(lines.join('\n'))) problems.push('Dockerfile: no `npm run build`');
  if (!/--omit=dev|npm prune --production/.test(lines.join('\n'))) problems.push('Dockerfile: dev dependencies are not pruned (--omit=dev)');
  const final = stages.at(-1);
  const run = final?.lines.filter((l) => /^(CMD|ENTRYPOINT)\b/i.test(l)) ?? [];
  if (!run.some((l) => l.includes('dist/'))) problems.push('Dockerfile: the final stage has no CMD/ENTRYPOINT running dist/');
  if (final && !final.lines.some((l) => /^COPY\s+--from=\S+\s+\S*dist\S*\s/.test(l)))
    problems.push('Dockerfile: the final stage does not copy dist/ from the build stage');
  // `migrate` runs in this image and looks for migrations/ next to package.json (libs/db).
  if (final && !final.lines.some((l) => /^COPY\s+(\S+\s+)*migrations\/?\s+\S*migrations\/?$/.test(l)))
    problems.push('Dockerfile: the final stage has no migrations/');
  if (final && !final.lines.some((l) => /^COPY\s.*\bpackage\.json\b/.test(l)))
    problems.push('Dockerfile: the final stage has no package.json (the migrations are found beside it)');
  return problems;
}

// ---- the real files ---------------------------------------------------------------------

describe('docker-compose.yml (parsed, not run: no Docker engine here)', () => {
  const compose = loadYaml(COMPOSE_FILE);
  const prometheus = loadYaml(PROMETHEUS_FILE);
  const grafana = [loadYaml(GRAFANA_DATASOURCES), loadYaml(GRAFANA_PROVIDERS), JSON.parse(readFileSync(GRAFANA_DASHBOARD, 'utf8'))] as const;

  it('uses only keys and references Compose accepts', () => {
    expect(specProblems(compose)).toEqual([]);
  });

  it('has exactly the infrastructure, admin, migrate, prometheus and one service per step', () => {
    expect(STEPS.length).toBeGreaterThan(0);
    expect(serviceSetProblems(compose)).toEqual([]);
  });

  describe.each(STEPS.map((s) => [s.name]))('step service %s', (step) => {
    it('runs the enricher with --step <name>, and can be scaled (no container_name, no host ports)', () => {
      expect(stepServiceProblems(compose, step)).toEqual([]);
    });
    it('is wired to kafka, registry and postgres and waits for them to be healthy', () => {
      expect(wiringProblems(compose, step)).toEqual([]);
    });
    it('has a health check on its /health (port 9464)', () => {
      expect(stepHealthcheckProblems(compose, step)).toEqual([]);
    });
  });

  it('has kafka (KRaft), registry (Apicurio on PostgreSQL), kafka-ui and postgres with health checks', () => {
    expect(infraProblems(compose)).toEqual([]);
  });

  it('publishes the admin app on 3000 with ADMIN_TOKEN, wired like the steps', () => {
    expect(adminProblems(compose)).toEqual([]);
  });

  it('runs the migrations once before the applications', () => {
    expect(migrateProblems(compose)).toEqual([]);
  });

  it('has Prometheus scrape admin and every step service (DNS discovery, so scaled instances count)', () => {
    expect(prometheusProblems(compose, prometheus)).toEqual([]);
  });

  it('has Grafana provisioned with the Prometheus data source and the enrichment dashboard', () => {
    expect(grafanaProblems(compose, ...grafana)).toEqual([]);
  });
});

/** Debian's docker-compose (1.29, Python): `config -q` validates without an engine. */
const dockerCompose = ((r) => (r.status === 0 ? r.stdout.trim() : undefined))(spawnSync('bash', ['-c', 'command -v docker-compose'], { encoding: 'utf8' }));
if (!dockerCompose) console.warn('docker-compose is not installed (Debian: apt-get install -y docker-compose): the compose file is only parsed');

(dockerCompose ? describe : describe.skip)('docker-compose.yml validated by a real Compose implementation (docker-compose 1.29 config -q)', () => {
  const config = (text: string) => spawnSync(dockerCompose!, ['--project-directory', ROOT, '-f', '-', 'config', '-q'], { input: text, encoding: 'utf8' });
  // Compose 1.29 predates the Compose Specification's top-level `name:` (Compose v2 reads it);
  // it validates everything else, so it is given the file without that one line.
  const withoutName = (text: string) => text.replace(/^name: lp-enrichment\n/m, '');
  const text = readFileSync(COMPOSE_FILE, 'utf8');

  it('accepts the file (all but the top-level name, which it predates)', () => {
    expect(withoutName(text)).not.toEqual(text);
    const r = config(withoutName(text));
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it('rejects the original only for the top-level name', () => {
    const r = config(text);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain("'name' does not match any of the regexes");
  });

  it('rejects a broken copy (a misspelt service key, an undeclared volume)', () => {
    expect(config(withoutName(text).replace('    healthcheck:\n', '    healthchek:\n')).status).not.toBe(0);
    expect(config(withoutName(text).replace(/^ {2}grafana-data:\n/m, '')).status).not.toBe(0);
  });
});

describe('Dockerfile', () => {
  it('exists, builds in stages and runs dist/ in the final stage', () => {
    expect(existsSync(DOCKERFILE)).toBe(true);
    expect(dockerfileProblems(readFileSync(DOCKERFILE, 'utf8'))).toEqual([]);
  });
  it('keeps node_modules and dist out of the build context', () => {
    const ignored = readFileSync(DOCKERIGNORE, 'utf8')
      .split('\n')
      .map((l) => l.trim());
    expect(ignored).toEqual(expect.arrayContaining(['node_modules', 'dist']));
  });
});

// ---- the checks catch breakage ------------------------------------------------------------

describe('the checks fail on a broken copy', () => {
  const good = loadYaml(COMPOSE_FILE);
  const prometheus = loadYaml(PROMETHEUS_FILE);
  const dockerfile = readFileSync(DOCKERFILE, 'utf8');
  const step = STEPS[STEPS.length - 1].name;
  const other = STEPS[0].name;

  /** A mutated copy of the compose file. */
  const broken = (mutate: (c: Json) => void): Json => {
    const c = clone(good);
    mutate(c);
    return c;
  };

  it('the real files pass (so the failures below are caused by the mutations)', () => {
    expect(specProblems(good)).toEqual([]);
    expect(serviceSetProblems(good)).toEqual([]);
    expect(infraProblems(good)).toEqual([]);
    expect(adminProblems(good)).toEqual([]);
    expect(prometheusProblems(good, prometheus)).toEqual([]);
    expect(dockerfileProblems(dockerfile)).toEqual([]);
  });

  it.each<[string, (c: Json) => void]>([
    ['a misspelt key', (c) => ((c.services[step].depend_on = c.services[step].depends_on), delete c.services[step].depends_on)],
    ['a misspelt healthcheck key', (c) => (c.services.kafka.healthcheck = { ...c.services.kafka.healthcheck, start_perod: '1s' })],
    ['a non-scalar environment value', (c) => (c.services.admin.environment = { ...c.services.admin.environment, ADMIN_TOKEN: { a: 1 } })],
    [
      'a dependency on a missing service',
      (c) => (c.services.admin.depends_on = { ...c.services.admin.depends_on, zookeeper: { condition: 'service_started' } }),
    ],
    [
      'waiting for a service without health check to be healthy',
      (c) => (
        (c.services.admin.depends_on = { ...c.services.admin.depends_on, 'kafka-ui': { condition: 'service_healthy' } }),
        delete c.services['kafka-ui'].healthcheck
      ),
    ],
    ['an undeclared volume', (c) => delete c.volumes['kafka-data']],
  ])('compose spec: %s', (_, mutate) => {
    expect(specProblems(broken(mutate))).not.toEqual([]);
  });

  it.each<[string, (c: Json) => void]>([
    ['a step service removed', (c) => delete c.services[step]],
    ['an unknown service added', (c) => (c.services.redis = { image: 'redis:7' })],
    ['an infrastructure service renamed', (c) => ((c.services['schema-registry'] = c.services.registry), delete c.services.registry)],
  ])('service set: %s', (_, mutate) => {
    expect(serviceSetProblems(broken(mutate))).not.toEqual([]);
  });

  it.each<[string, (c: Json) => void]>([
    ['service removed', (c) => delete c.services[step]],
    ['--step names another step', (c) => (c.services[step].command = ['node', ENRICHER_MAIN, '--step', other])],
    ['--step missing', (c) => (c.services[step].command = ['node', ENRICHER_MAIN])],
    ['runs the admin app instead', (c) => (c.services[step].command = `node ${ADMIN_MAIN} --step ${step}`)],
    ['container_name set', (c) => (c.services[step].container_name = step)],
    ['host port published', (c) => (c.services[step].ports = ['9464:9464'])],
  ])('step service: %s', (_, mutate) => {
    expect(stepServiceProblems(broken(mutate), step)).not.toEqual([]);
  });

  it.each<[string, (c: Json) => void]>([
    ['DATABASE_URL removed', (c) => delete c.services[step].environment.DATABASE_URL],
    ['KAFKA_BROKERS removed', (c) => delete c.services[step].environment.KAFKA_BROKERS],
    ['KAFKA_BROKERS on the host listener', (c) => (c.services[step].environment.KAFKA_BROKERS = 'localhost:9092')],
    ['KAFKA_BROKERS on a port kafka does not advertise', (c) => (c.services[step].environment.KAFKA_BROKERS = 'kafka:9999')],
    ['SCHEMA_REGISTRY_URL removed', (c) => delete c.services[step].environment.SCHEMA_REGISTRY_URL],
    [
      'environment as a list without the registry',
      (c) => (c.services[step].environment = ['DATABASE_URL=postgres://p@postgres:5432/x', 'KAFKA_BROKERS=kafka:19092']),
    ],
    ['depends_on kafka dropped', (c) => delete c.services[step].depends_on.kafka],
    ['depends_on registry only started', (c) => (c.services[step].depends_on.registry = { condition: 'service_started' })],
    ['depends_on in short form', (c) => (c.services[step].depends_on = ['kafka', 'registry', 'postgres', 'migrate'])],
    ['migrate not awaited', (c) => delete c.services[step].depends_on.migrate],
  ])('step wiring: %s', (_, mutate) => {
    expect(wiringProblems(broken(mutate), step)).not.toEqual([]);
  });

  it.each<[string, (c: Json) => void]>([
    ['health check removed', (c) => delete c.services[step].healthcheck],
    ['health check disabled', (c) => (c.services[step].healthcheck = { disable: true })],
    ['health check on the wrong port', (c) => (c.services[step].healthcheck = { test: ['CMD', 'node', '-e', "fetch('http://127.0.0.1:3000/health')"] })],
  ])('step health check: %s', (_, mutate) => {
    expect(stepHealthcheckProblems(broken(mutate), step)).not.toEqual([]);
  });

  it.each<[string, (c: Json) => void]>([
    ['kafka without a health check', (c) => delete c.services.kafka.healthcheck],
    ['registry without a health check', (c) => delete c.services.registry.healthcheck],
    ['postgres without a health check', (c) => delete c.services.postgres.healthcheck],
    ['kafka without the host listener', (c) => (c.services.kafka.ports = [])],
    ['kafka in ZooKeeper mode', (c) => delete c.services.kafka.environment.KAFKA_PROCESS_ROLES],
    ['registry in memory', (c) => (c.services.registry.environment.APICURIO_STORAGE_KIND = 'mem')],
    [
      'registry on a database postgres does not create',
      (c) => (c.services.registry.environment.APICURIO_DATASOURCE_URL = 'jdbc:postgresql://postgres:5432/other'),
    ],
    ['postgres 15', (c) => (c.services.postgres.image = 'postgres:15')],
    ['kafka-ui pointing at localhost', (c) => (c.services['kafka-ui'].environment.KAFKA_CLUSTERS_0_BOOTSTRAPSERVERS = 'localhost:9092')],
    ['kafka-ui without the registry', (c) => delete c.services['kafka-ui'].environment.KAFKA_CLUSTERS_0_SCHEMAREGISTRY],
    ['kafka-ui on another registry', (c) => (c.services['kafka-ui'].environment.KAFKA_CLUSTERS_0_SCHEMAREGISTRY = 'http://schema-registry:8081')],
    ['kafka-ui removed', (c) => delete c.services['kafka-ui']],
  ])('infrastructure: %s', (_, mutate) => {
    expect(infraProblems(broken(mutate))).not.toEqual([]);
  });

  it.each<[string, (c: Json) => void]>([
    ['port 3000 not published', (c) => (c.services.admin.ports = ['8000:8000'])],
    ['ADMIN_TOKEN removed', (c) => delete c.services.admin.environment.ADMIN_TOKEN],
    ['not waiting for kafka', (c) => delete c.services.admin.depends_on.kafka],
    ['health check removed', (c) => delete c.services.admin.healthcheck],
    ['runs the enricher', (c) => (c.services.admin.command = ['node', ENRICHER_MAIN])],
  ])('admin: %s', (_, mutate) => {
    expect(adminProblems(broken(mutate))).not.toEqual([]);
  });

  it.each<[string, (c: Json) => void]>([
    ['always restarted', (c) => (c.services.migrate.restart = 'always')],
    ['another command', (c) => (c.services.migrate.command = ['node', ADMIN_MAIN])],
    ['another database', (c) => (c.services.migrate.environment = { ...c.services.migrate.environment, DATABASE_URL: 'postgres://p@postgres:5432/other' })],
  ])('migrate: %s', (_, mutate) => {
    expect(migrateProblems(broken(mutate))).not.toEqual([]);
  });

  it.each<[string, (p: Json) => void]>([
    [
      'a step missing from the DNS names',
      (p) => p.scrape_configs.forEach((j: Json) => j.dns_sd_configs?.forEach((sd: Json) => (sd.names = sd.names.filter((n: string) => n !== step)))),
    ],
    ['SRV instead of A records', (p) => p.scrape_configs.forEach((j: Json) => j.dns_sd_configs?.forEach((sd: Json) => delete sd.type))],
    ['the wrong port', (p) => p.scrape_configs.forEach((j: Json) => j.dns_sd_configs?.forEach((sd: Json) => (sd.port = 3000)))],
    ['admin not scraped', (p) => (p.scrape_configs = p.scrape_configs.filter((j: Json) => j.job_name !== 'admin'))],
    ['a target that is no service', (p) => p.scrape_configs.push({ job_name: 'x', static_configs: [{ targets: ['fees-usd-1:9464'] }] })],
  ])('prometheus.yml: %s', (_, mutate) => {
    const p = clone(prometheus);
    mutate(p);
    expect(prometheusProblems(good, p)).not.toEqual([]);
  });

  it.each<[string, (p: Json) => void, (c: Json) => void]>([
    ['alerts.yml not loaded', (p) => delete p.rule_files, () => undefined],
    [
      'alerts.yml not mounted',
      () => undefined,
      (c) => (c.services.prometheus.volumes = c.services.prometheus.volumes.filter((v: string) => !v.includes('alerts'))),
    ],
  ])('prometheus rules: %s', (_, mutateProm, mutateCompose) => {
    const p = clone(prometheus);
    mutateProm(p);
    expect(prometheusProblems(broken(mutateCompose), p)).not.toEqual([]);
  });

  const grafana = [loadYaml(GRAFANA_DATASOURCES), loadYaml(GRAFANA_PROVIDERS), JSON.parse(readFileSync(GRAFANA_DASHBOARD, 'utf8'))] as const;
  it('grafana: the real files pass', () => {
    expect(grafanaProblems(good, ...grafana)).toEqual([]);
  });
  it.each<[string, (c: Json, ds: Json, prov: Json, dash: Json) => void]>([
    ['service removed', (c) => delete c.services.grafana],
    ['provisioning not mounted', (c) => (c.services.grafana.volumes = c.services.grafana.volumes.filter((v: string) => !v.includes('provisioning')))],
    ['dashboards mounted where no provider reads', (_c, _d, prov) => (prov.providers[0].options.path = '/dashboards')],
    ['on the admin host port', (c) => (c.services.grafana.ports = ['3000:3000'])],
    ['data source on localhost', (_c, ds) => (ds.datasources[0].url = 'http://localhost:9090')],
    ['a panel on an unknown data source', (_c, _d, _p, dash) => (dash.panels[0].datasource = { type: 'prometheus', uid: 'other' })],
    ['no DLQ panel', (_c, _d, _p, dash) => (dash.panels = dash.panels.filter((p: Json) => !JSON.stringify(p.targets).includes('dead_letters')))],
    ['no lag panel', (_c, _d, _p, dash) => (dash.panels = dash.panels.filter((p: Json) => !JSON.stringify(p.targets).includes('consumergroup_lag')))],
  ])('grafana: %s', (_, mutate) => {
    const c = clone(good);
    const [ds, prov, dash] = grafana.map(clone);
    mutate(c, ds, prov, dash);
    expect(grafanaProblems(c, ds, prov, dash)).not.toEqual([]);
  });

  it('prometheus: the config file not mounted', () => {
    expect(
      prometheusProblems(
        broken((c) => (c.services.prometheus.volumes = [])),
        prometheus,
      ),
    ).not.toEqual([]);
  });

  it.each<[string, (d: string) => string]>([
    ['CMD removed', (d) => d.replace(/^CMD .*$/m, '')],
    ['CMD not running dist/', (d) => d.replace(/^CMD .*$/m, 'CMD ["node", "apps/admin/src/main.ts"]')],
    ['a single stage', (d) => `ARG NODE_IMAGE=node:22-bookworm-slim\nFROM ${d.split(/^FROM /m).at(-1)}`],
    ['dev dependencies kept', (d) => d.replace(/--omit=dev/g, '')],
    ['another base image', (d) => d.replace(/node:22-bookworm-slim/g, 'node:20-alpine')],
    ['dist/ not copied into the final stage', (d) => d.replace(/^COPY --from=build \/app\/dist .*$/m, '')],
    ['migrations/ not copied into the final stage', (d) => d.replace(/^COPY migrations .*$/m, '')],
  ])('Dockerfile: %s', (_, mutate) => {
    const mutated = mutate(dockerfile);
    expect(mutated).not.toEqual(dockerfile);
    expect(dockerfileProblems(mutated)).not.toEqual([]);
  });
});
