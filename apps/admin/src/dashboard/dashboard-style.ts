/** The page's styles: plain CSS, sized for a laptop screen (tables scroll sideways below that). */
export const DASHBOARD_STYLE = `
:root { --bg:#f4f6f9; --card:#fff; --ink:#1d2733; --muted:#6b7785; --line:#dfe4ea; --accent:#2563eb; --ok:#15803d; --warn:#b45309; --bad:#b91c1c; --lag:#d97706; }
* { box-sizing: border-box; }
body { margin:0; font:14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color:var(--ink); background:var(--bg); }
header { display:flex; align-items:baseline; gap:12px; padding:14px 24px; background:#0f172a; color:#fff; }
header h1 { margin:0; font-size:20px; }
header .sub { color:#94a3b8; }
header .refresh { margin-left:auto; font-size:12px; color:#94a3b8; }
header .refresh.stale { color:#fca5a5; }
main { max-width:1280px; margin:0 auto; padding:16px 24px 32px; display:grid; gap:14px; }
.card { background:var(--card); border:1px solid var(--line); border-radius:8px; padding:14px 16px; overflow-x:auto; }
h2 { margin:0 0 10px; font-size:15px; }
.row { display:flex; flex-wrap:wrap; align-items:center; gap:8px; margin-bottom:10px; }
label { font-weight:600; }
input[type=password], input[type=text] { font:inherit; padding:5px 8px; border:1px solid var(--line); border-radius:5px; width:260px; }
button { font:inherit; padding:5px 14px; border:1px solid var(--line); border-radius:5px; background:#f8fafc; cursor:pointer; }
button:hover:not(:disabled) { border-color:#94a3b8; }
button:disabled { opacity:.45; cursor:not-allowed; }
button.primary { background:var(--accent); border-color:var(--accent); color:#fff; }
button.danger { color:var(--bad); }
button.link { border:none; background:none; padding:0 2px; color:var(--accent); text-decoration:underline; }
.hint, .muted { color:var(--muted); font-size:12px; }
.message { font-size:13px; }
.message.ok { color:var(--ok); }
.message.error { color:var(--bad); }
details summary { cursor:pointer; color:var(--muted); }
.picker-actions { margin:6px 0; font-size:12px; }
.choices { display:flex; flex-wrap:wrap; gap:4px 16px; }
.choices label { font-weight:normal; }
.run { display:grid; grid-template-columns: minmax(360px, 1fr) minmax(360px, 1.2fr); gap:18px; }
.facts { display:grid; grid-template-columns: 1fr 1fr; gap:8px 16px; align-content:start; }
.facts > div { display:flex; flex-direction:column; gap:2px; }
.facts .wide { grid-column: 1 / -1; }
.k { color:var(--muted); font-size:12px; }
.mono { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size:12px; word-break:break-all; }
.num { font-variant-numeric: tabular-nums; }
.badge { display:inline-block; width:max-content; padding:1px 8px; border-radius:10px; background:#e2e8f0; font-weight:600; font-size:12px; }
.badge.running, .badge.replayed { background:#dbeafe; color:#1e40af; }
.badge.completed, .badge.complete { background:#dcfce7; color:var(--ok); }
.badge.paused, .badge.waiting { background:#fef3c7; color:var(--warn); }
.badge.stopped, .badge.failed { background:#fee2e2; color:var(--bad); }
.bar { position:relative; height:10px; background:#e5e7eb; border-radius:5px; overflow:hidden; min-width:120px; }
.bar .fill { height:100%; width:0; background:var(--accent); transition: width .4s; }
.bar .fill.done { background:var(--ok); }
.chart svg { width:100%; height:120px; background:#f8fafc; border:1px solid var(--line); border-radius:5px; }
.legend { font-size:12px; color:var(--muted); margin-bottom:4px; }
.legend b { color:var(--ink); margin-right:12px; }
.sw { display:inline-block; width:10px; height:3px; vertical-align:middle; margin-right:4px; }
.sw.rate { background:var(--accent); }
.sw.lag { background:var(--lag); }
table { width:100%; border-collapse:collapse; }
th, td { text-align:left; padding:6px 8px; border-bottom:1px solid var(--line); vertical-align:middle; }
th { font-size:12px; color:var(--muted); font-weight:600; }
th.n, td.n { text-align:right; font-variant-numeric: tabular-nums; }
.progress-col { width:26%; }
td .prog { display:flex; align-items:center; gap:8px; }
td .prog .bar { flex:1; }
td .pct { width:42px; text-align:right; font-variant-numeric: tabular-nums; }
td .of { font-size:11px; color:var(--muted); }
td.error { color:var(--bad); max-width:280px; white-space:nowrap; overflow:hidden; text-overflow:ellipsis; font-size:12px; }
td.dlq-nonzero { color:var(--bad); font-weight:600; }
.step-name { font-size:11px; color:var(--muted); }
.tiles { display:grid; grid-template-columns: repeat(4, 1fr); gap:10px; margin-bottom:12px; }
.tile { border:1px solid var(--line); border-radius:6px; padding:8px 10px; display:flex; flex-direction:column; }
.tile b { font-size:20px; font-variant-numeric: tabular-nums; }
.tables td, .tables th { padding:4px 8px; }
`;
