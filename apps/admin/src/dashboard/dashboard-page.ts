/**
 * The page's HTML: a static shell; dashboard.js fills it from /api/admin/backfill and
 * /api/admin/backfill/counts. Relative URLs resolve under /admin/enrichment/ (the page is
 * reached without a trailing slash, so they are written from the root).
 */
export const DASHBOARD_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Historical Backfill · LP enrichment</title>
<link rel="stylesheet" href="/admin/enrichment/dashboard.css">
<script src="/admin/enrichment/dashboard.js" defer></script>
</head>
<body>
<header>
  <h1>Historical Backfill</h1>
  <span class="sub">LP position enrichment on Flare</span>
  <span id="refresh" class="refresh" role="status">connecting…</span>
</header>
<main>
  <section class="card controls" aria-label="Controls">
    <div class="row">
      <label for="token">Admin token</label>
      <input id="token" type="password" autocomplete="off" spellcheck="false" placeholder="ADMIN_TOKEN">
      <button id="forget" type="button" class="link">forget</button>
      <span class="hint">kept in this tab only (sessionStorage)</span>
    </div>
    <div class="row">
      <button id="start" type="button" data-action="start" class="primary">Start</button>
      <button id="pause" type="button" data-action="pause">Pause</button>
      <button id="resume" type="button" data-action="resume">Resume</button>
      <button id="stop" type="button" data-action="stop" class="danger">Stop</button>
      <span id="message" class="message" role="alert"></span>
    </div>
    <details id="step-picker">
      <summary>Steps to start: <span id="picked">all</span></summary>
      <div class="picker-actions"><button id="pick-all" type="button" class="link">all</button> <button id="pick-none" type="button" class="link">none</button></div>
      <div id="step-choices" class="choices"></div>
    </details>
  </section>

  <section class="card run" aria-label="Run">
    <div class="facts">
      <div><span class="k">State</span><span id="run-state" class="badge">–</span></div>
      <div><span class="k">Run</span><span id="run-id" class="mono">–</span></div>
      <div><span class="k">Started</span><span id="run-started">–</span></div>
      <div><span class="k">Steps complete</span><span id="run-steps">–</span></div>
      <div class="wide"><span class="k">Replay</span>
        <div class="bar"><div id="replay-bar" class="fill"></div></div>
        <span id="replay-text" class="num">–</span></div>
    </div>
    <div class="chart">
      <div class="legend"><span class="sw rate"></span>replay rate <b id="chart-rate">–</b> rows/s <span class="sw lag"></span>total lag <b id="chart-lag">–</b><span id="chart-scale"></span></div>
      <svg id="chart" viewBox="0 0 600 120" preserveAspectRatio="none" role="img" aria-label="Replay rate and total lag over the run"></svg>
    </div>
  </section>

  <section class="card" aria-label="Steps">
    <h2>Steps</h2>
    <table class="steps">
      <thead><tr><th>Step</th><th>State</th><th class="progress-col">Progress</th><th class="n">Lag</th><th class="n">Rate/s</th><th class="n">Instances</th><th class="n">DLQ</th><th>Last error</th></tr></thead>
      <tbody id="steps"><tr><td colspan="8" class="muted">loading…</td></tr></tbody>
    </table>
  </section>

  <section class="card" aria-label="Enriched">
    <h2>What is enriched</h2>
    <div class="tiles">
      <div class="tile"><span class="k">Unknown pools left</span><b id="count-unknown">–</b><span class="muted" id="count-events"></span></div>
      <div class="tile"><span class="k">COLLECTs with usdValue</span><b id="count-priced">–</b></div>
      <div class="tile"><span class="k">COLLECTs without usdValue</span><b id="count-unpriced">–</b></div>
      <div class="tile"><span class="k">Positions (registry)</span><b id="count-positions">–</b></div>
    </div>
    <table class="tables">
      <thead><tr><th>Step</th><th>Table</th><th class="n">Rows</th></tr></thead>
      <tbody id="table-counts"></tbody>
    </table>
  </section>
</main>
</body>
</html>
`;
