"use strict";
// The page: the loops (polled from /api/loops), a live chart of the chosen loop fed by /api/loops/<loop>/events
// (server-sent events, read in events-worker.js), and a state panel polled from /api/status. The chosen loop is in the
// address (#loop=orders), so a link opens its chart.
(function () {
  const W = 800, TOP = 10, MAIN_BOTTOM = 200, MV_TOP = 214, MV_BOTTOM = 266, AXIS_Y = 286, LEFT = 40, RIGHT = 8;
  const MAX_POINTS = 600;
  // Time-axis spacings a reader counts in: seconds, minutes, hours.
  const TIME_STEPS = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 21600, 43200, 86400].map((s) => s * 1000);
  const steps = [];
  let stepCount = 0;
  let loops = [];
  let chosen = null;
  let events = null;
  const $ = (id) => document.getElementById(id);
  const svgNs = "http://www.w3.org/2000/svg";

  function text(id, value) { $(id).textContent = value; }

  function add(entry) {
    if (entry.kind !== "step" || entry.step <= stepCount) return;
    steps.push(entry);
    if (steps.length > MAX_POINTS) steps.shift();
    stepCount = Math.max(stepCount, entry.step);
  }

  function scale(min, max, top, bottom) {
    const span = max - min || 1;
    return (v) => bottom - ((v - min) / span) * (bottom - top);
  }

  function path(points) {
    return points.map((p, i) => (i ? "L" : "M") + p[0].toFixed(1) + " " + p[1].toFixed(1)).join(" ");
  }

  // The smallest 1, 2 or 5 times a power of ten that splits `span` into at most `count` parts: ticks at 0, 2, 4, 6, 8.
  function niceStep(span, count) {
    const raw = Math.max(span, 1e-9) / count, magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
    const f = raw / magnitude;
    return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * magnitude;
  }

  function decimals(step) { return Math.max(0, -Math.floor(Math.log10(step) + 1e-9)); }

  function timeOf(s, i) { const t = s.at ? Date.parse(s.at) : NaN; return isNaN(t) ? i * 1000 : t; }

  function clock(t, withSeconds) {
    const d = new Date(t), two = (v) => String(v).padStart(2, "0");
    return two(d.getHours()) + ":" + two(d.getMinutes()) + (withSeconds ? ":" + two(d.getSeconds()) : "");
  }

  function svg(name, attributes, content) {
    const node = document.createElementNS(svgNs, name);
    Object.entries(attributes).forEach(([k, v]) => node.setAttribute(k, v));
    if (content !== undefined) node.textContent = content;
    return node;
  }

  function draw() {
    const n = steps.length;
    text("steps", String(stepCount));
    if (n === 0) return;
    const values = steps.flatMap((s) => [s.pv, s.sp, s.running]).filter((v) => typeof v === "number");
    const yStep = niceStep(Math.max(1, ...values) - Math.min(0, ...values), 4);
    const lo = Math.floor(Math.min(0, ...values) / yStep) * yStep;
    const hi = Math.max(lo + yStep, Math.ceil(Math.max(1, ...values) / yStep) * yStep);
    const y = scale(lo, hi, TOP, MAIN_BOTTOM);
    const times = steps.map(timeOf);
    const t0 = times[0], t1 = Math.max(times[n - 1], t0 + 1000);
    const x = (i) => LEFT + ((times[i] - t0) / (t1 - t0)) * (W - LEFT - RIGHT);
    $("pv-line").setAttribute("d", path(steps.map((s, i) => [x(i), y(s.pv)])));
    $("pv-line").setAttribute("data-points", String(n));
    $("chart").setAttribute("data-targets", JSON.stringify([...new Set(steps.map((s) => s.sp))]));
    $("sp-line").setAttribute("d", path(steps.map((s, i) => [x(i), y(s.sp)])));
    // Running tasks change in whole numbers: draw them as steps, not slopes.
    const run = [];
    steps.forEach((s, i) => { if (i) run.push([x(i), y(steps[i - 1].running)]); run.push([x(i), y(s.running)]); });
    $("run-line").setAttribute("d", path(run));

    const grid = $("grid");
    grid.replaceChildren();
    for (let k = 0; lo + k * yStep <= hi + yStep / 2; k++) {
      const v = lo + k * yStep, yy = y(v);
      grid.append(
        svg("line", { x1: LEFT, x2: W - RIGHT, y1: yy, y2: yy }),
        svg("text", { x: LEFT - 4, y: yy + 4, "text-anchor": "end", class: "y-tick" }, v.toFixed(decimals(yStep))));
    }

    // MV has its own scale: bars up to ±limit, a round number at least as large as the largest |MV| shown.
    const mvLimit = niceStep(Math.max(1, ...steps.map((s) => Math.abs(s.mv || 0))), 1);
    const mid = (MV_TOP + MV_BOTTOM) / 2, half = (MV_BOTTOM - MV_TOP) / 2;
    [[MV_TOP, "+" + mvLimit], [mid, "MV 0"], [MV_BOTTOM, "\u2212" + mvLimit]].forEach(([yy, label]) => {
      grid.append(
        svg("line", { x1: LEFT, x2: W - RIGHT, y1: yy, y2: yy, class: yy === mid ? "zero" : "" }),
        svg("text", { x: LEFT - 4, y: yy + 4, "text-anchor": "end", class: "mv-tick" }, label));
    });

    // Time axis: wall-clock ticks at a round spacing, about six across.
    const every = TIME_STEPS.find((d) => d >= (t1 - t0) / 6) || TIME_STEPS[TIME_STEPS.length - 1];
    for (let t = Math.ceil(t0 / every) * every; t <= t1; t += every) {
      const xx = LEFT + ((t - t0) / (t1 - t0)) * (W - LEFT - RIGHT);
      grid.append(
        svg("line", { x1: xx, x2: xx, y1: TOP, y2: MV_BOTTOM, class: "time" }),
        svg("text", { x: xx, y: AXIS_Y, "text-anchor": "middle", class: "t-tick" }, clock(t, every < 60000)));
    }

    const span = n > 1 ? (W - LEFT - RIGHT) / (n - 1) : 8;
    const barW = Math.max(1, span - 1);
    const bars = $("mv-bars");
    bars.replaceChildren();
    steps.forEach((s, i) => {
      if (!s.mv) return;
      const h = (Math.min(Math.abs(s.mv), mvLimit) / mvLimit) * half;
      bars.append(svg("rect", { x: x(i) - barW / 2, width: barW, y: s.mv > 0 ? mid - h : mid, height: h }));
    });
    const last = steps[n - 1];
    text("last-step", `step ${last.step}: PV ${fmt(last.pv)}, SP ${fmt(last.sp)}, MV ${last.mv}, running ${last.running}, in flight ${last.inFlight} (${last.reason})`);
  }

  function fmt(v) { return typeof v === "number" ? (Math.round(v * 100) / 100).toString() : "–"; }

  // The event stream is read in a worker (see events-worker.js for why); it forwards each event here. A worker per
  // chosen loop: choosing another ends the one before, and whatever it still had queued is dropped.
  function open(loop) {
    if (events) events.terminate();
    chosen = loop;
    steps.length = 0;
    stepCount = 0;
    ["pv-line", "sp-line", "run-line"].forEach((id) => $(id).setAttribute("d", ""));
    $("pv-line").setAttribute("data-points", "0");
    $("chart").setAttribute("data-targets", "[]");
    $("grid").replaceChildren();
    $("mv-bars").replaceChildren();
    $("chart").setAttribute("data-loop", loop);
    text("steps", "0");
    text("last-step", "waiting for the first step…");
    const worker = new Worker("events-worker.js?loop=" + encodeURIComponent(loop));
    events = worker;
    worker.onmessage = (message) => {
      if (events !== worker) return;
      const { kind, data } = message.data;
      if (kind === "history") { steps.length = 0; stepCount = 0; JSON.parse(data).forEach(add); draw(); }
      else if (kind === "entry") { add(JSON.parse(data)); draw(); }
      else { text("last-step", "connection lost; reconnecting…"); }
    };
    showLoops();
  }

  function wanted() {
    const match = /^#loop=(.+)$/.exec(location.hash);
    return match ? decodeURIComponent(match[1]) : null;
  }

  // The loop the address names, else the one shown, else the first.
  function choose() {
    const names = loops.map((l) => l.name);
    const loop = [wanted(), chosen].find((n) => n && names.includes(n)) || names[0];
    if (loop && loop !== chosen) open(loop);
  }

  async function refresh() {
    try {
      const [status, list] = await Promise.all(
        ["api/status", "api/loops"].map((url) => fetch(url, { cache: "no-store" }).then((r) => r.json())));
      loops = list;
      choose();
      showLoops();
      show(status);
    } catch (err) {
      $("role").className = "badge down";
      text("role", "unreachable");
    }
  }

  function cell(row, content, className) {
    const td = document.createElement("td");
    if (className) td.className = className;
    if (content instanceof Node) td.append(content); else td.textContent = content;
    row.append(td);
    return td;
  }

  function span(className, content) {
    const node = document.createElement("span");
    node.className = className;
    node.textContent = content;
    return node;
  }

  function showLoops() {
    const several = loops.length > 1;
    text("loops-count", loops.length === 1 ? "1 loop" : `${loops.length} loops`);
    document.querySelectorAll(".loop-tag").forEach((tag) => { tag.textContent = several && chosen ? "· " + chosen : ""; });
    const rows = $("loop-rows");
    rows.replaceChildren();
    loops.forEach((l) => {
      const d = l.lastDecision;
      const row = document.createElement("tr");
      row.dataset.loop = l.name;
      row.tabIndex = 0;
      row.title = "show the chart of " + l.name;
      row.setAttribute("aria-selected", String(l.name === chosen));
      if (l.name === chosen) row.className = "chosen";
      cell(row, l.name, "name");
      const state = cell(row, span("state " + l.state, l.state));
      if (l.endReason) { state.append(span("why", l.endReason)); state.title = l.endReason; }
      cell(row, d ? fmt(d.pv) : "–", "num pv");
      const sp = cell(row, d ? fmt(d.sp) : "–", "num sp");
      if (l.targetOverride != null) sp.append(span("why", "set to " + fmt(l.targetOverride)));
      cell(row, d ? String(d.mv) : "–", "num mv");
      cell(row, String(l.running), "num running");
      cell(row, d && d.inFlight != null ? String(d.inFlight) : "–", "num in-flight");
      cell(row, d ? `step ${d.step} · ${d.reason}${d.at ? " · " + clock(Date.parse(d.at), true) : ""}` : "waiting for the first step", "decision");
      const pick = () => { history.replaceState(null, "", "#loop=" + encodeURIComponent(l.name)); if (l.name !== chosen) open(l.name); };
      row.addEventListener("click", pick);
      row.addEventListener("keydown", (e) => { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); pick(); } });
      rows.append(row);
    });
    showChosen(loops.find((l) => l.name === chosen));
  }

  // The controller and demand cards follow the loop whose chart is shown.
  function showChosen(l) {
    if (!l) return;
    const d = l.lastDecision;
    text("controller", l.state === "ended" ? "Ended" : l.paused ? "Paused" : d ? `MV ${d.mv}` : "waiting");
    text("override", l.state === "ended" ? l.endReason || "" : l.targetOverride != null ? `target overridden: SP = ${l.targetOverride}` : (d ? `error ${fmt(d.error)} · ${d.reason}` : ""));
    text("demand", l.demand ? `${l.demand.wanted} ${l.demand.kind.toLowerCase()}(s)` : "none");
    text("demand-detail", l.demand ? `${l.demand.remaining} not yet launched${l.demand.starved ? " · starved: no usable offers" : ""}` : "");
  }

  function show(s) {
    const role = $("role");
    role.className = "badge " + s.role;
    text("role", s.role === "leader" ? "leader" : "standby");
    if (s.role === "leader") {
      text("leader", "Leading" + (s.leader && s.leader.epoch != null ? ` (term ${s.leader.epoch})` : ""));
    } else {
      text("leader", s.leader && s.leader.instanceId ? `Standing by; ${s.leader.instanceId} leads${s.leader.live ? "" : " (lease expired)"}` : "Standing by; no leader");
    }
    text("instance", "this instance: " + s.instanceId);
    text("framework", s.frameworkId || "not registered yet");
    text("master", (s.subscribed ? "subscribed to " : "not subscribed · ") + (s.master || ""));
    const tasks = $("tasks");
    tasks.replaceChildren();
    const states = Object.entries(s.tasks || {});
    if (states.length === 0) { const none = document.createElement("span"); none.className = "muted"; none.textContent = "none"; tasks.append(none); }
    states.forEach(([state, count]) => {
      const chip = document.createElement("span"); chip.className = "chip";
      chip.textContent = state.replace("TASK_", "").toLowerCase();
      const b = document.createElement("b"); b.textContent = count; chip.append(b); tasks.append(chip);
    });
    const problems = $("problems");
    problems.replaceChildren();
    const list = s.recentProblems || [];
    if (list.length === 0) { const li = document.createElement("li"); li.className = "muted"; li.textContent = "none"; problems.append(li); }
    list.forEach((p) => {
      const li = document.createElement("li"); li.className = p.level;
      li.textContent = `${new Date(p.at).toLocaleTimeString()} ${p.level}: ${p.message}`;
      problems.append(li);
    });
  }

  window.addEventListener("hashchange", choose);
  refresh();
  setInterval(refresh, 2000);
})();
