/**
 * The page's behaviour, plain browser JavaScript (no build step, no library). Every text
 * from the server is set with textContent, never as HTML, so it cannot inject markup.
 * Written without backticks, "${" or backslashes: it lives in a template literal.
 */
export const DASHBOARD_SCRIPT = `(function () {
  'use strict';
  var TOKEN_KEY = 'lp-enrichment.admin-token';
  var PICK_KEY = 'lp-enrichment.start-steps';
  var POLL_MS = 2000;
  var MAX_POINTS = 1800;
  var SVG_NS = 'http://www.w3.org/2000/svg';

  var status = null;
  var busy = false;
  var samples = [];
  var sampleRun = null;
  var catalogueKey = '';

  function $(id) { return document.getElementById(id); }
  function el(tag, className, text) {
    var e = document.createElement(tag);
    if (className) e.className = className;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function setText(id, value) { $(id).textContent = value === undefined || value === null || value === '' ? '–' : String(value); }
  function fmt(n) { return typeof n === 'number' && isFinite(n) ? n.toLocaleString('en-US') : '–'; }
  function pct(done, total) { return total > 0 ? Math.min(100, Math.floor((done / total) * 100)) : 0; }

  // The token lives in sessionStorage: gone when the tab closes, never sent except as the bearer.
  var tokenInput = $('token');
  tokenInput.value = sessionStorage.getItem(TOKEN_KEY) || '';
  tokenInput.addEventListener('input', function () {
    var t = tokenInput.value.trim();
    if (t) sessionStorage.setItem(TOKEN_KEY, t); else sessionStorage.removeItem(TOKEN_KEY);
  });
  $('forget').addEventListener('click', function () { tokenInput.value = ''; sessionStorage.removeItem(TOKEN_KEY); });

  // Which steps "Start" starts: null means all of them (the API's default).
  function picked() {
    try { var v = JSON.parse(sessionStorage.getItem(PICK_KEY) || 'null'); return Array.isArray(v) ? v : null; } catch (e) { return null; }
  }
  function savePicked() {
    var boxes = Array.prototype.slice.call(document.querySelectorAll('#step-choices input'));
    var chosen = boxes.filter(function (b) { return b.checked; }).map(function (b) { return b.value; });
    if (chosen.length === boxes.length) sessionStorage.removeItem(PICK_KEY); else sessionStorage.setItem(PICK_KEY, JSON.stringify(chosen));
    showPicked();
  }
  function showPicked() {
    var p = picked();
    var total = document.querySelectorAll('#step-choices input').length;
    setText('picked', p === null ? 'all' : p.length + ' of ' + total + (p.length ? ' (' + p.join(', ') + ')' : ''));
  }
  function renderChoices(steps) {
    var key = steps.map(function (s) { return s.name; }).join(',');
    if (key === catalogueKey) return; // re-rendering would undo a click in progress
    catalogueKey = key;
    var p = picked();
    var box = $('step-choices');
    box.textContent = '';
    steps.forEach(function (s) {
      var label = el('label');
      var input = document.createElement('input');
      input.type = 'checkbox';
      input.value = s.name;
      input.checked = p === null || p.indexOf(s.name) >= 0;
      input.addEventListener('change', savePicked);
      label.appendChild(input);
      label.appendChild(document.createTextNode(' ' + s.title));
      box.appendChild(label);
    });
    showPicked();
  }
  function pickAll(on) {
    document.querySelectorAll('#step-choices input').forEach(function (b) { b.checked = on; });
    savePicked();
  }
  $('pick-all').addEventListener('click', function () { pickAll(true); });
  $('pick-none').addEventListener('click', function () { pickAll(false); });

  function showMessage(text, isError) {
    var m = $('message');
    m.textContent = text;
    m.className = 'message ' + (isError ? 'error' : 'ok');
  }
  function errorText(body, res) {
    if (body && Array.isArray(body.message)) return body.message.join('; ');
    if (body && body.message) return String(body.message);
    return res.status + ' ' + res.statusText;
  }

  // Buttons follow the run: only what the API would accept now is enabled.
  function updateButtons() {
    var running = !!(status && status.running);
    var state = status ? status.state : null;
    $('start').disabled = busy || running;
    $('stop').disabled = busy || !running;
    $('pause').disabled = busy || state !== 'running';
    $('resume').disabled = busy || state !== 'paused';
    $('start').title = running ? 'a run is in progress' : (state === 'stopped' ? 'resumes the stopped run' : 'start a run');
    $('stop').title = running ? 'stop the run; Start resumes it' : 'nothing is running';
  }

  function act(action) {
    var token = tokenInput.value.trim();
    if (!token) { showMessage('Enter the admin token first.', true); tokenInput.focus(); return; }
    var body = { action: action };
    if (action === 'start') {
      var p = picked();
      if (p !== null && p.length === 0) { showMessage('Pick at least one step to start.', true); return; }
      if (p !== null) body.steps = p;
    }
    busy = true;
    updateButtons();
    showMessage(action + '…', false);
    fetch('/api/admin/backfill', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer ' + token },
      body: JSON.stringify(body),
      cache: 'no-store'
    }).then(function (res) {
      return res.json().catch(function () { return null; }).then(function (data) {
        if (!res.ok) { showMessage(errorText(data, res), true); return; }
        showMessage((data && data.message) || 'done', false);
        if (data && data.status) renderStatus(data.status);
      });
    }).catch(function (err) {
      showMessage('request failed: ' + err.message, true);
    }).then(function () { busy = false; updateButtons(); });
  }
  document.querySelectorAll('button[data-action]').forEach(function (b) {
    b.addEventListener('click', function () { act(b.getAttribute('data-action')); });
  });

  function badge(id, state) {
    var b = $(id);
    b.textContent = state || '–';
    b.className = 'badge ' + (state || '');
  }

  function renderStatus(s) {
    status = s;
    badge('run-state', s.state);
    setText('run-id', s.runId);
    var started = $('run-started');
    started.textContent = s.startedAt ? new Date(s.startedAt).toLocaleString() : '–';
    started.title = s.startedAt || '';
    var pr = s.progress || { total: s.steps.length, completed: 0, failed: 0 };
    setText('run-steps', pr.completed + ' of ' + pr.total + (pr.failed ? ' (' + pr.failed + ' with errors)' : ''));
    var r = s.replay || { rowsTotal: 0, rowsProduced: 0 };
    var rp = pct(r.rowsProduced, r.rowsTotal);
    $('replay-bar').style.width = rp + '%';
    $('replay-bar').className = 'fill' + (r.rowsTotal > 0 && r.rowsProduced >= r.rowsTotal ? ' done' : '');
    setText('replay-text', fmt(r.rowsProduced) + ' / ' + fmt(r.rowsTotal) + ' rows (' + rp + '%)');
    renderSteps(s.steps || []);
    sample(s);
    updateButtons();
  }

  function renderSteps(steps) {
    var body = $('steps');
    body.textContent = '';
    if (!steps.length) { var none = el('tr'); var td = el('td', 'muted', 'no steps'); td.colSpan = 8; none.appendChild(td); body.appendChild(none); return; }
    steps.forEach(function (st) {
      var tr = el('tr');
      tr.setAttribute('data-step', st.name);
      var name = el('td');
      name.appendChild(el('div', 'step-title', st.title));
      name.appendChild(el('div', 'step-name', st.name));
      tr.appendChild(name);
      var stateCell = el('td');
      stateCell.appendChild(el('span', 'badge ' + st.state, st.state));
      tr.appendChild(stateCell);
      // Complete means every record of the run is committed, also when the run had none.
      var p = st.state === 'complete' ? 100 : pct(st.committed, st.end);
      var prog = el('td');
      var wrap = el('div', 'prog');
      var bar = el('div', 'bar');
      var fill = el('div', 'fill' + (p === 100 ? ' done' : ''));
      fill.style.width = p + '%';
      bar.appendChild(fill);
      wrap.appendChild(bar);
      wrap.appendChild(el('span', 'pct', p + '%'));
      prog.appendChild(wrap);
      prog.appendChild(el('div', 'of', fmt(st.committed) + ' / ' + fmt(st.end)));
      tr.appendChild(prog);
      tr.appendChild(el('td', 'n lag', fmt(st.lag)));
      tr.appendChild(el('td', 'n rate', fmt(st.ratePerSec)));
      tr.appendChild(el('td', 'n instances', fmt(st.instances)));
      tr.appendChild(el('td', 'n dlq' + (st.dlq > 0 ? ' dlq-nonzero' : ''), fmt(st.dlq)));
      var err = el('td', 'error', st.lastError || '');
      if (st.lastError) err.title = st.lastError;
      tr.appendChild(err);
      body.appendChild(tr);
    });
  }

  // The chart's history is kept here, per run: the API reports only the present.
  function sample(s) {
    if (s.runId !== sampleRun) { samples = []; sampleRun = s.runId; }
    if (!s.runId) { drawChart(); return; }
    var last = samples[samples.length - 1];
    if (!s.running && last && !last.running) return; // flat line after the run ends
    var now = Date.now();
    var produced = (s.replay && s.replay.rowsProduced) || 0;
    var rate = last && now > last.t ? Math.max(0, (produced - last.produced) / ((now - last.t) / 1000)) : 0;
    var lag = (s.steps || []).reduce(function (n, st) { return n + (st.lag || 0); }, 0);
    samples.push({ t: now, produced: produced, rate: rate, lag: lag, running: !!s.running });
    if (samples.length > MAX_POINTS) samples.splice(0, samples.length - MAX_POINTS);
    drawChart();
  }

  function drawChart() {
    var svg = $('chart');
    svg.textContent = '';
    var last = samples[samples.length - 1];
    setText('chart-rate', last ? fmt(Math.round(last.rate)) : null);
    setText('chart-lag', last ? fmt(last.lag) : null);
    var scale = $('chart-scale');
    scale.className = 'muted';
    if (samples.length < 2) { scale.textContent = ' (collecting samples while the page is open)'; return; }
    var W = 600, H = 120, PAD = 6;
    var t0 = samples[0].t, t1 = last.t;
    var maxRate = Math.max(1, Math.max.apply(null, samples.map(function (x) { return x.rate; })));
    var maxLag = Math.max(1, Math.max.apply(null, samples.map(function (x) { return x.lag; })));
    scale.textContent = ' · peaks ' + fmt(Math.round(maxRate)) + ' rows/s, lag ' + fmt(maxLag) + ' · ' + Math.round((t1 - t0) / 1000) + ' s';
    for (var g = 1; g < 4; g++) {
      var line = document.createElementNS(SVG_NS, 'line');
      var y = (H * g / 4).toFixed(1);
      line.setAttribute('x1', '0'); line.setAttribute('x2', String(W));
      line.setAttribute('y1', y); line.setAttribute('y2', y);
      line.setAttribute('stroke', '#e5e7eb'); line.setAttribute('stroke-width', '1');
      svg.appendChild(line);
    }
    function series(key, max, color) {
      var pts = samples.map(function (x) {
        var px = t1 > t0 ? ((x.t - t0) / (t1 - t0)) * W : 0;
        var py = H - PAD - (x[key] / max) * (H - 2 * PAD);
        return px.toFixed(1) + ',' + py.toFixed(1);
      }).join(' ');
      var pl = document.createElementNS(SVG_NS, 'polyline');
      pl.setAttribute('points', pts);
      pl.setAttribute('fill', 'none');
      pl.setAttribute('stroke', color);
      pl.setAttribute('stroke-width', '2');
      pl.setAttribute('vector-effect', 'non-scaling-stroke');
      pl.setAttribute('data-series', key);
      svg.appendChild(pl);
    }
    series('lag', maxLag, '#d97706');
    series('rate', maxRate, '#2563eb');
  }

  function renderCounts(c) {
    var pe = c.positionEvents;
    setText('count-unknown', fmt(pe.unknownPool));
    setText('count-events', 'of ' + fmt(pe.total) + ' position events');
    setText('count-priced', fmt(pe.collectsPriced));
    setText('count-unpriced', fmt(pe.collectsUnpriced));
    setText('count-positions', c.positions === null ? 'no table' : fmt(c.positions));
    var body = $('table-counts');
    body.textContent = '';
    c.steps.forEach(function (st) {
      var tables = st.tables.length ? st.tables : [null];
      tables.forEach(function (t, i) {
        var tr = el('tr');
        tr.setAttribute('data-counts-step', st.name);
        tr.appendChild(el('td', i ? 'muted' : '', i ? '' : st.title));
        tr.appendChild(el('td', t ? 'mono' : 'muted', t ? t.table : 'no table yet'));
        tr.appendChild(el('td', 'n', t ? fmt(t.rows) : '–'));
        body.appendChild(tr);
      });
    });
    renderChoices(c.steps);
  }

  function getJson(url) {
    return fetch(url, { cache: 'no-store' }).then(function (res) {
      if (!res.ok) throw new Error(url + ': ' + res.status + ' ' + res.statusText);
      return res.json();
    });
  }

  // Poll, never overlapping: the next look is scheduled when this one has answered.
  function tick() {
    Promise.allSettled([getJson('/api/admin/backfill'), getJson('/api/admin/backfill/counts')]).then(function (r) {
      if (r[0].status === 'fulfilled' && !busy) renderStatus(r[0].value);
      if (r[1].status === 'fulfilled') renderCounts(r[1].value);
      var failed = r.filter(function (x) { return x.status === 'rejected'; }).map(function (x) { return x.reason && x.reason.message; });
      var refresh = $('refresh');
      refresh.textContent = failed.length ? 'refresh failed: ' + failed.join('; ') : 'updated ' + new Date().toLocaleTimeString() + ' · every 2 s';
      refresh.className = 'refresh' + (failed.length ? ' stale' : '');
    }).then(function () { setTimeout(tick, POLL_MS); });
  }
  updateButtons();
  tick();
})();
`;
