/* page.js - xlat-report's page: renders the embedded trace data (the
   <script id="data"> element) into tables, a canvas timeline and a search.
   Large traces stay usable: tables are aggregates, the timeline draws at
   most one bar per pixel per lane, search results are shown 200 at a time. */
"use strict";
(function () {
const D = JSON.parse(document.getElementById("data").textContent);
const C = D.calls, N = C.t.length;
const $ = (id) => document.getElementById(id);
const el = (tag, attrs, text) => {
  const e = document.createElement(tag);
  for (const k in attrs || {}) e.setAttribute(k, attrs[k]);
  if (text !== undefined) e.textContent = text;
  return e;
};
const secs = (us) => (us / 1e6).toFixed(6);

/* --- summary --- */
const sum = $("summary");
const kv = (k, v, id) => { sum.appendChild(el("span", {class: "k"}, k));
  sum.appendChild(el("span", {class: "v", id: id}, String(v))); };
kv("command", D.command || "?", "command");
kv("status", D.status || "no end record (the run was cut short)", "status");
kv("processes", D.procs.length, "n-processes");
kv("threads", D.threads.length, "n-threads");
kv("calls", N, "n-calls");
kv("time", secs(D.end) + " s", "duration");

/* --- sortable tables --- */
function table(id, cols, rows, sortCol, desc) {
  const t = $(id), head = el("tr"), body = el("tbody");
  t.textContent = "";
  const th = cols.map((c, i) => {
    const h = el("th", {}, c.name);
    h.onclick = () => { desc = sortCol === i ? !desc : c.num; sortCol = i; draw(); };
    head.appendChild(h); return h; });
  const thead = el("thead"); thead.appendChild(head); t.appendChild(thead); t.appendChild(body);
  function draw() {
    const c = cols[sortCol];
    rows.sort((a, b) => { const x = a[sortCol], y = b[sortCol];
      const r = c.num ? x - y : String(x).localeCompare(String(y)); return desc ? -r : r; });
    th.forEach((h, i) => h.className = i === sortCol ? (desc ? "sorted-desc" : "sorted-asc") : "");
    body.textContent = "";
    for (const r of rows) {
      const tr = el("tr");
      r.forEach((v, i) => { const td = el("td", {class: (cols[i].num ? "num " : "") + (cols[i].cls || "")},
        cols[i].fmt ? cols[i].fmt(v) : String(v)); tr.appendChild(td); });
      if (r.rowAttr) for (const k in r.rowAttr) tr.setAttribute(k, r.rowAttr[k]);
      body.appendChild(tr);
    }
  }
  draw();
}

/* --- process tree: children under their parent, indented --- */
(function () {
  const kids = {}, byPid = {};
  D.procs.forEach((p) => { byPid[p[0]] = p; });
  D.procs.forEach((p) => { const k = byPid[p[1]] ? p[1] : 0; (kids[k] = kids[k] || []).push(p); });
  const body = $("procs").querySelector("tbody");
  (function walk(pid, depth) {
    for (const p of kids[pid] || []) {
      const tr = el("tr", {"data-pid": p[0]});
      tr.appendChild(el("td", {class: "num"}, String(p[0])));
      tr.appendChild(el("td", {class: "mono", style: "padding-left:" + (8 + depth * 18) + "px"},
        (depth ? "\u2514 " : "") + p[2]));
      tr.appendChild(el("td", {class: p[5] && p[5] !== "0" ? "err" : ""}, p[5] === null ? "?" : p[5]));
      tr.appendChild(el("td", {class: "num"}, secs(p[3])));
      tr.appendChild(el("td", {class: "num"}, secs(p[4] - p[3])));
      tr.appendChild(el("td", {class: "num"}, String(p[6])));
      body.appendChild(tr);
      if (p[0] !== pid) walk(p[0], depth + 1);
    }
  })(0, 0);
})();

/* --- per-syscall table, like strace -c --- */
table("syscalls", [
  {name: "syscall", cls: "mono"}, {name: "calls", num: true}, {name: "errors", num: true},
  {name: "seconds", num: true, fmt: secs}, {name: "usecs/call", num: true}],
  D.sys.map((s) => { const r = [s[0], s[1], s[2], s[3], Math.round(s[3] / s[1])];
    r.rowAttr = {"data-syscall": s[0], "data-count": s[1]}; return r; }), 1, true);
table("files", [{name: "path", cls: "mono"}, {name: "read", num: true}, {name: "write", num: true},
  {name: "created", num: true}, {name: "deleted", num: true}, {name: "failed", num: true}],
  D.files.slice(), 1, true);
table("net", [{name: "endpoint", cls: "mono"}, {name: "connect", num: true}, {name: "bind", num: true},
  {name: "send", num: true}, {name: "accept", num: true}, {name: "failed", num: true}],
  D.net.slice(), 1, true);

/* --- timeline: one lane per thread, calls as bars, canvas --- */
const lanes = D.threads.map(() => [N, 0]);	/* [first, end) index into the calls */
for (let i = 0; i < N; i++) { const l = lanes[C.t[i]]; if (i < l[0]) l[0] = i; l[1] = i + 1; }
const cv = $("timeline"), tip = $("tip"), ctx = cv.getContext("2d");
const LANE = 18, LEFT = 90;
let v0 = 0, v1 = Math.max(D.end, 1);
function size() { cv.width = cv.clientWidth * (window.devicePixelRatio || 1);
  cv.height = (D.threads.length * LANE + 20) * (window.devicePixelRatio || 1);
  cv.style.height = (D.threads.length * LANE + 20) + "px"; }
/* First call of lane l that ends at or after time t. */
function first(l, t) {
  let lo = lanes[l][0], hi = lanes[l][1];
  while (lo < hi) { const m = (lo + hi) >> 1; if (C.s[m] + C.d[m] < t) lo = m + 1; else hi = m; }
  return lo;
}
function draw() {
  const r = window.devicePixelRatio || 1, W = cv.width / r;
  ctx.setTransform(r, 0, 0, r, 0, 0);
  ctx.clearRect(0, 0, W, cv.height);
  const scale = (W - LEFT) / (v1 - v0), x = (t) => LEFT + (t - v0) * scale;
  ctx.font = "11px monospace"; ctx.textBaseline = "middle";
  D.threads.forEach((th, l) => {
    const y = l * LANE;
    ctx.fillStyle = l % 2 ? "#f4f4f4" : "#fff"; ctx.fillRect(0, y, W, LANE);
    ctx.fillStyle = "#333"; ctx.fillText(th[1] === th[0] ? String(th[0]) : th[0] + " (" + th[1] + ")", 4, y + LANE / 2);
    let i = first(l, v0);
    const end = lanes[l][1];
    while (i < end && C.s[i] <= v1) {
      const x0 = Math.max(LEFT, x(C.s[i])), x1 = Math.max(x0 + 1, x(C.s[i] + C.d[i]));
      ctx.fillStyle = C.e[i] >= 0 ? "#d33" : "#48c";
      ctx.fillRect(x0, y + 3, Math.min(x1, W) - x0, LANE - 6);
      /* Skip what would fall in the same pixel: at most one bar per pixel. */
      const next = v0 + (Math.floor(x1) + 1 - LEFT) / scale;
      const j = first(l, next);
      i = j > i ? j : i + 1;
    }
  });
  for (const m of D.marks) {
    if (m[1] < v0 || m[1] > v1) continue;
    const mx = x(m[1]), y = m[0] * LANE;
    ctx.fillStyle = m[3] ? "#000" : "#e90";
    if (m[3]) ctx.fillRect(mx - 1, y + 1, 2, LANE - 2);
    else { ctx.beginPath(); ctx.moveTo(mx, y + 2); ctx.lineTo(mx - 5, y + LANE - 2); ctx.lineTo(mx + 5, y + LANE - 2); ctx.fill(); }
  }
  const yb = D.threads.length * LANE;
  ctx.fillStyle = "#333"; ctx.fillText(secs(v0) + " s", LEFT, yb + 10);
  const t1 = secs(v1) + " s"; ctx.fillText(t1, W - ctx.measureText(t1).width - 4, yb + 10);
}
function at(ev) {
  const rect = cv.getBoundingClientRect(), px = ev.clientX - rect.left, py = ev.clientY - rect.top;
  return { px, l: Math.floor(py / LANE), t: v0 + (px - LEFT) * (v1 - v0) / (rect.width - LEFT) };
}
cv.addEventListener("wheel", (ev) => { ev.preventDefault();
  const p = at(ev), f = ev.deltaY < 0 ? 0.8 : 1.25;
  v0 = p.t - (p.t - v0) * f; v1 = p.t + (v1 - p.t) * f;
  if (v1 - v0 < 1) v1 = v0 + 1; draw(); }, {passive: false});
let drag = null;
cv.addEventListener("mousedown", (ev) => { drag = {x: ev.clientX, v0, v1}; cv.style.cursor = "grabbing"; });
window.addEventListener("mouseup", () => { drag = null; cv.style.cursor = "grab"; });
cv.addEventListener("mousemove", (ev) => {
  if (drag) { const dt = (ev.clientX - drag.x) * (drag.v1 - drag.v0) / (cv.clientWidth - LEFT);
    v0 = drag.v0 - dt; v1 = drag.v1 - dt; draw(); return; }
  const p = at(ev); tip.style.display = "none";
  if (p.l < 0 || p.l >= lanes.length || p.px < LEFT) return;
  const i = first(p.l, p.t);
  if (i >= lanes[p.l][1] || C.s[i] > p.t + 2 * (v1 - v0) / cv.clientWidth) return;
  tip.textContent = D.sys[C.n[i]][0] + "(" + C.a[i] + ") = " + C.r[i] + "\n" + secs(C.s[i]) + " s, " + C.d[i] + " us";
  tip.style.left = (p.px + 12) + "px"; tip.style.top = (p.l * LANE + LANE) + "px"; tip.style.display = "block";
});
cv.addEventListener("mouseleave", () => { tip.style.display = "none"; });
$("zoom-in").onclick = () => { const c = (v0 + v1) / 2, h = (v1 - v0) / 4; v0 = c - h; v1 = c + h; draw(); };
$("zoom-out").onclick = () => { const c = (v0 + v1) / 2, h = v1 - v0; v0 = c - h; v1 = c + h; draw(); };
$("zoom-reset").onclick = () => { v0 = 0; v1 = Math.max(D.end, 1); draw(); };
window.addEventListener("resize", () => { size(); draw(); });
size(); draw();

/* --- search over calls: lazy rows, 200 at a time --- */
let hits = [], shown = 0;
function more() {
  const body = $("hits").querySelector("tbody"), stop = Math.min(hits.length, shown + 200);
  for (; shown < stop; shown++) {
    const i = hits[shown], tr = el("tr");
    tr.appendChild(el("td", {class: "num"}, secs(C.s[i])));
    tr.appendChild(el("td", {class: "num"}, String(D.threads[C.t[i]][0])));
    tr.appendChild(el("td", {class: "mono" + (C.e[i] >= 0 ? " err" : "")},
      D.sys[C.n[i]][0] + "(" + C.a[i] + ") = " + C.r[i]));
    body.appendChild(tr);
  }
  $("more").hidden = shown >= hits.length;
}
function search() {
  const q = $("search").value.toLowerCase();
  hits = []; shown = 0; $("hits").querySelector("tbody").textContent = "";
  if (q) for (let i = 0; i < N; i++) {
    if (D.sys[C.n[i]][0].includes(q) || C.a[i].toLowerCase().includes(q) || C.r[i].toLowerCase().includes(q))
      hits.push(i);
  }
  $("nhits").textContent = q ? hits.length + " calls" : "";
  more();
}
let timer = 0;
$("search").addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(search, 150); });
$("more").onclick = more;
document.body.setAttribute("data-rendered", "yes");
})();
