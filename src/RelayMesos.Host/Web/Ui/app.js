"use strict";
// The page: a live chart fed by /api/events (server-sent events, read in events-worker.js) and a state panel polled
// from /api/status.
(function () {
  const W = 800, TOP = 10, MAIN_BOTTOM = 200, MV_TOP = 214, MV_BOTTOM = 266, AXIS_Y = 286, LEFT = 40, RIGHT = 8;
  const MAX_POINTS = 600;
  // Time-axis spacings a reader counts in: seconds, minutes, hours.
  const TIME_STEPS = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 21600, 43200, 86400].map((s) => s * 1000);
  const steps = [];
  let stepCount = 0;
  const $ = (id) => document.getElementById(id);
  const svgNs = "http://www.w3.org/2000/svg";

  function text(id, value) { $(id).textContent = value; }

  function add(entry) {
    if (entry.kind !== "step") return;
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

  // The event stream is read in a worker (see events-worker.js for why); it forwards each event here.
  function connect() {
    const events = new Worker("events-worker.js");
    events.onmessage = (message) => {
      const { kind, data } = message.data;
      if (kind === "history") { steps.length = 0; JSON.parse(data).forEach(add); draw(); }
      else if (kind === "entry") { add(JSON.parse(data)); draw(); }
      else { text("last-step", "connection lost; reconnecting…"); }
    };
  }

  async function refresh() {
    try {
      const response = await fetch("api/status", { cache: "no-store" });
      show(await response.json());
    } catch (err) {
      $("role").className = "badge down";
      text("role", "unreachable");
    }
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
    text("controller", s.paused ? "Paused" : s.lastDecision ? `MV ${s.lastDecision.mv}` : "waiting");
    text("override", s.targetOverride != null ? `target overridden: SP = ${s.targetOverride}` : (s.lastDecision ? `error ${fmt(s.lastDecision.error)} · ${s.lastDecision.reason}` : ""));
    text("demand", s.demand ? `${s.demand.wanted} ${s.demand.kind.toLowerCase()}(s)` : "none");
    text("demand-detail", s.demand ? `${s.demand.remaining} not yet launched${s.demand.starved ? " · starved: no usable offers" : ""}` : "");
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

  connect();
  refresh();
  setInterval(refresh, 2000);
})();
