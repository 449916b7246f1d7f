import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { STEPS } from '@lib/pipeline';
import { ADMIN_TOKEN, PipelineFixture } from '../support/pipeline-fixture';

const ROOT = join(__dirname, '..', '..');
const SCREENSHOT = join(ROOT, 'artifacts', 'dashboard.png');

/**
 * The /admin/enrichment page in a real headless Chromium (the machine's, never a
 * downloaded one) against a real admin app and pool-attribution step: the page drives a
 * run with its buttons and follows it to the end by polling.
 */
describe('the Historical Backfill page', () => {
  let f: PipelineFixture;
  let context: BrowserContext;
  let page: Page;
  let userDataDir: string;

  const row = (step: string) => page.locator(`tr[data-step="${step}"]`);
  const text = (selector: string) => page.locator(selector).innerText();
  const waitText = (selector: string, wanted: string | RegExp, timeout = 30_000) =>
    page.waitForFunction(
      ([sel, src, flags]) => {
        const t = document.querySelector(sel)?.textContent ?? '';
        return new RegExp(src, flags).test(t);
      },
      [
        selector,
        typeof wanted === 'string' ? `^${wanted.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$` : wanted.source,
        typeof wanted === 'string' ? '' : wanted.flags,
      ] as const,
      { timeout, polling: 200 },
    );

  beforeAll(async () => {
    f = await PipelineFixture.create();
    // Slow the replay so the page can pause and resume a run before it is over.
    f.extraEnv = { REPLAY_PAGE_SIZE: '10', REPLAY_MAX_ROWS_PER_SEC: '40' };
    await f.startAdmin();
    await f.startStep('pool-attribution');
    userDataDir = mkdtempSync(join(tmpdir(), 'dashboard-chromium-'));
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: '/usr/bin/chromium',
      headless: true,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
      viewport: { width: 1366, height: 900 },
    });
    page = context.pages()[0] ?? (await context.newPage());
    await page.goto(`http://127.0.0.1:${f.adminPort}/admin/enrichment`);
  });

  afterAll(async () => {
    await context?.close();
    if (userDataDir) rmSync(userDataDir, { recursive: true, force: true });
    await f?.close();
  });

  it('lists every step before any run, with only Start enabled, and shows the server refusing a wrong token', async () => {
    await waitText('#run-state', 'idle');
    for (const s of STEPS) await row(s.name).waitFor();
    expect(await page.locator('tr[data-step]').count()).toBe(STEPS.length);
    expect(await text('#steps')).toContain('Pool Attribution');
    expect(await page.isEnabled('#start')).toBe(true);
    for (const b of ['#stop', '#pause', '#resume']) expect(await page.isDisabled(b)).toBe(true);

    await page.click('#start');
    expect(await text('#message')).toBe('Enter the admin token first.');

    await page.fill('#token', 'not-the-token');
    await page.click('#start');
    await waitText('#message', /missing or wrong bearer token/);
    expect(await page.getAttribute('#message', 'class')).toContain('error');
    expect(await text('#run-state')).toBe('idle');
  });

  it('shows a step error as text, never as markup', async () => {
    const evil = '<img src=x onerror="window.__xss=1"><script>window.__xss=2</script>';
    // Before any run (every step idle): the status hides the last error of a step that has
    // completed the run, so this comes before the run of the next test.
    await f.db.pool.query(
      `INSERT INTO step_instance (step, instance_id, last_error, last_error_at) VALUES ('pool-volume', 'dashboard-test', $1, now() + interval '1 hour')`,
      [evil],
    );
    await page.waitForFunction((e) => document.querySelector('tr[data-step="pool-volume"] td.error')?.textContent === e, evil, { timeout: 15_000 });
    expect(await row('pool-volume').locator('img, script').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    await f.db.pool.query(`DELETE FROM step_instance WHERE instance_id = 'dashboard-test'`);
  });

  it('starts pool attribution, pauses and resumes it, and follows it to 100% and completed', async () => {
    await page.fill('#token', ADMIN_TOKEN);
    expect(await page.evaluate(() => sessionStorage.getItem('lp-enrichment.admin-token'))).toBe(ADMIN_TOKEN);

    // Only the step this test runs: a run of all ten would wait for steps nobody started.
    await page.click('#step-picker summary');
    await page.click('#pick-none');
    await page.check('#step-choices input[value="pool-attribution"]');
    expect(await text('#picked')).toMatch(/^1 of 10/);

    await page.click('#start');
    await waitText('#message', /^Backfill started \(run /);
    await waitText('#run-state', 'running');
    expect(await page.isDisabled('#start')).toBe(true);
    expect(await page.isEnabled('#stop')).toBe(true);

    await page.click('#pause');
    await waitText('#message', /^Backfill paused/);
    await waitText('#run-state', 'paused');
    await page.waitForFunction(() => !(document.getElementById('resume') as HTMLButtonElement).disabled);
    await page.click('#resume');
    await waitText('#message', /^Backfill resumed/);

    await waitText('#run-state', 'completed', 180_000);
    await page.waitForFunction(() => document.querySelector('tr[data-step="pool-attribution"] .pct')?.textContent === '100%', undefined, { timeout: 60_000 });
    const r = row('pool-attribution');
    expect(await r.locator('.badge').innerText()).toBe('complete');
    expect(await r.locator('td.lag').innerText()).toBe('0');
    expect(await r.locator('td.dlq').innerText()).toBe('0');
    expect(await page.locator('tr[data-step]').count()).toBe(1);

    const status = await f.status();
    expect(await text('#run-id')).toBe(status.runId);
    const produced = status.replay.rowsProduced.toLocaleString('en-US');
    expect(await text('#replay-text')).toBe(`${produced} / ${status.replay.rowsTotal.toLocaleString('en-US')} rows (100%)`);
    expect(await text('#run-steps')).toBe('1 of 1');

    // Nothing runs any more: Stop, Pause and Resume are disabled, Start would begin a new run.
    expect(await page.isDisabled('#stop')).toBe(true);
    expect(await page.isDisabled('#pause')).toBe(true);
    expect(await page.isEnabled('#start')).toBe(true);

    // Counts of what is enriched match the database.
    const { rows } = await f.db.pool.query(
      `SELECT (SELECT count(*)::int FROM position_registry) AS positions, (SELECT count(*)::int FROM attributed_event) AS attributed,
              (SELECT count(*)::int FROM "PositionEvent" WHERE "eventType" = 'COLLECT' AND "usdValue" IS NULL) AS unpriced`,
    );
    expect(rows[0].positions).toBe(f.chain.manifest.positions.length);
    await waitText('#count-unknown', '0');
    await waitText('#count-positions', rows[0].positions.toLocaleString('en-US'));
    expect(await text('#count-unpriced')).toBe(rows[0].unpriced.toLocaleString('en-US'));
    const attributionCounts = await page.locator('tr[data-counts-step="pool-attribution"]').allInnerTexts();
    expect(attributionCounts.join('\n')).toContain(`attributed_event\t${rows[0].attributed.toLocaleString('en-US')}`);
    // The chart drew the run from the samples the page kept.
    expect(await page.locator('#chart polyline[data-series="rate"]').count()).toBe(1);
    expect(await page.locator('#chart polyline[data-series="lag"]').count()).toBe(1);

    mkdirSync(join(ROOT, 'artifacts'), { recursive: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: true });

    // A step table that does not exist is skipped, not an error (this database is the test's own).
    await f.db.pool.query('DROP TABLE IF EXISTS position_snapshot');
    await page.waitForFunction(() => /no table yet/.test(document.querySelector('tr[data-counts-step="position-snapshots"]')?.textContent ?? ''), undefined, {
      timeout: 15_000,
    });
    expect(await page.getAttribute('#refresh', 'class')).toBe('refresh');
  });
});
