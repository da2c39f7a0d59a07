"use strict";
// The page: a live chart fed by /api/events (server-sent events) and a state panel polled from /api/status.
(function () {
  const W = 800, H = 300, TOP = 10, MAIN_BOTTOM = 215, MV_TOP = 230, MV_BOTTOM = 290, LEFT = 34;
  const MAX_POINTS = 600;
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

  function draw() {
    const n = steps.length;
    text("steps", String(stepCount));
    if (n === 0) return;
    const values = steps.flatMap((s) => [s.pv, s.sp, s.running]).filter((v) => typeof v === "number");
    let lo = Math.min(0, ...values), hi = Math.max(1, ...values);
    hi += (hi - lo) * 0.08;
    const y = scale(lo, hi, TOP, MAIN_BOTTOM);
    const x = (i) => LEFT + (n === 1 ? 0 : (i / (n - 1)) * (W - LEFT - 6));
    $("pv-line").setAttribute("d", path(steps.map((s, i) => [x(i), y(s.pv)])));
    $("pv-line").setAttribute("data-points", String(n));
    $("sp-line").setAttribute("d", path(steps.map((s, i) => [x(i), y(s.sp)])));
    // Running tasks change in whole numbers: draw them as steps, not slopes.
    const run = [];
    steps.forEach((s, i) => { if (i) run.push([x(i), y(steps[i - 1].running)]); run.push([x(i), y(s.running)]); });
    $("run-line").setAttribute("d", path(run));

    const grid = $("grid");
    grid.replaceChildren();
    const ticks = 4;
    for (let t = 0; t <= ticks; t++) {
      const v = lo + ((hi - lo) * t) / ticks, yy = y(v);
      const line = document.createElementNS(svgNs, "line");
      line.setAttribute("x1", LEFT); line.setAttribute("x2", W); line.setAttribute("y1", yy); line.setAttribute("y2", yy);
      const label = document.createElementNS(svgNs, "text");
      label.setAttribute("x", 2); label.setAttribute("y", yy + 4); label.textContent = v.toFixed(Math.abs(hi - lo) < 10 ? 1 : 0);
      grid.append(line, label);
    }
    const zero = document.createElementNS(svgNs, "line");
    zero.setAttribute("x1", LEFT); zero.setAttribute("x2", W); zero.setAttribute("y1", (MV_TOP + MV_BOTTOM) / 2); zero.setAttribute("y2", (MV_TOP + MV_BOTTOM) / 2);
    const mvLabel = document.createElementNS(svgNs, "text");
    mvLabel.setAttribute("x", 2); mvLabel.setAttribute("y", (MV_TOP + MV_BOTTOM) / 2 + 4); mvLabel.textContent = "MV";
    grid.append(zero, mvLabel);

    const mvMax = Math.max(1, ...steps.map((s) => Math.abs(s.mv || 0)));
    const mid = (MV_TOP + MV_BOTTOM) / 2, half = (MV_BOTTOM - MV_TOP) / 2;
    const barW = Math.max(1, (W - LEFT) / Math.max(n, 1) - 1);
    const bars = $("mv-bars");
    bars.replaceChildren();
    steps.forEach((s, i) => {
      if (!s.mv) return;
      const h = (Math.abs(s.mv) / mvMax) * half;
      const r = document.createElementNS(svgNs, "rect");
      r.setAttribute("x", x(i) - barW / 2); r.setAttribute("width", barW);
      r.setAttribute("y", s.mv > 0 ? mid - h : mid); r.setAttribute("height", h);
      bars.append(r);
    });
    const last = steps[n - 1];
    text("last-step", `step ${last.step}: PV ${fmt(last.pv)}, SP ${fmt(last.sp)}, MV ${last.mv}, running ${last.running}, in flight ${last.inFlight} (${last.reason})`);
  }

  function fmt(v) { return typeof v === "number" ? (Math.round(v * 100) / 100).toString() : "–"; }

  function connect() {
    const events = new EventSource("api/events");
    events.addEventListener("history", (e) => { steps.length = 0; JSON.parse(e.data).forEach(add); draw(); });
    events.addEventListener("entry", (e) => { add(JSON.parse(e.data)); draw(); });
    events.onerror = () => { text("last-step", "connection lost; reconnecting…"); };
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
